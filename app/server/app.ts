import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import { broadcastDevReady, type ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { Server as SocketServer } from 'socket.io';
import { sql } from 'kysely';
import { pendingMigrations } from '../../db/migrate';
import type { DbHandle } from '../../db/client';
import { createSearch } from '../../search/create-search';
import type { Config } from './config';
import { sameOriginOnly } from './csrf';
import { formBodiesOnly } from './form-body';
import { attachChat } from '../chat/socket.server';
import type { AppServices } from './load-context';
import './load-context';

export const ROOT_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const REMIX_BUILD = path.join(ROOT_DIR, 'build/remix/index.js');
const PUBLIC_DIR = path.join(ROOT_DIR, 'build/public');

export type AppServer = {
  httpServer: HttpServer;
  io: SocketServer;
  services: AppServices;
  listen(): Promise<number>;
  close(): Promise<void>;
};

export async function createAppServer(opts: { config: Config; dbHandle: DbHandle; logger: Logger; buildPath?: string }): Promise<AppServer> {
  const { config, dbHandle, logger } = opts;
  const buildPath = opts.buildPath ?? REMIX_BUILD;
  const search = createSearch({ db: dbHandle.db, config: { meili: config.meili }, logger });
  const services: AppServices = { db: dbHandle.db, driver: dbHandle.driver, config, logger, search };
  const isDev = config.nodeEnv === 'development' && process.env.REMIX_DEV_ORIGIN !== undefined;

  let build = await importBuild(buildPath);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/build/') === true },
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'base-uri': ["'self'"],
          'connect-src': ["'self'", ...(isDev ? ['ws:'] : [])],
          'font-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'object-src': ["'none'"],
          'script-src': ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          'script-src-attr': ["'none'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          ...(config.publicUrl.startsWith('https://') ? { 'upgrade-insecure-requests': [] } : {}),
        },
      },
      crossOriginEmbedderPolicy: false,
      // With 'no-referrer' (helmet's default) browsers send `Origin: null` on plain form posts, which
      // Remix refuses as cross-site: forms without JavaScript would all fail. 'same-origin' keeps the
      // origin on our own posts and still sends nothing to other sites.
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: config.publicUrl.startsWith('https://'),
    }),
  );
  app.use(compression());
  app.use(sameOriginOnly(config.publicUrl));
  app.use(formBodiesOnly());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await sql`select 1`.execute(dbHandle.db);
      const pending = await pendingMigrations(dbHandle.db);
      if (pending.length) {
        res.status(503).json({ status: 'unavailable', database: 'ok', migrations: 'pending', pending });
        return;
      }
      res.json({ status: 'ok', database: 'ok', driver: dbHandle.driver, migrations: 'current' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', database: 'unreachable', error: (error as Error).message });
    }
  });

  app.use('/build', express.static(path.join(PUBLIC_DIR, 'build'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(PUBLIC_DIR, { maxAge: '1h' }));

  app.all('*', (req, res, next) =>
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (rq, rs) => ({
        ...services,
        requestId: String(rq.id ?? ''),
        cspNonce: String(rs.locals.cspNonce),
        clientIp: rq.ip ?? '',
      }),
    })(req, res, next),
  );

  const httpServer = createServer(app);
  const io = new SocketServer(httpServer, { path: '/socket.io', serveClient: false });
  const chat = attachChat(io, services, dbHandle.pool);
  services.chat = chat.hub;

  if (isDev) {
    const { watch } = await import('node:fs');
    watch(path.dirname(buildPath), { persistent: false }, async () => {
      build = await importBuild(buildPath, true);
      await broadcastDevReady(build);
    });
  }

  return {
    httpServer,
    io,
    services,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          if (isDev) void broadcastDevReady(build);
          resolve(port);
        });
      }),
    // Stop accepting, let in-flight requests finish, then release sockets and the database.
    close: async () => {
      await new Promise<void>((resolve) => {
        // io.close() disconnects every socket, then closes the HTTP server (which waits for in-flight requests).
        void io.close(() => resolve());
        httpServer.closeIdleConnections();
      });
      await search.close();
      await chat.close();
      await dbHandle.close();
    },
  };
}

async function importBuild(buildPath: string, bust = false): Promise<ServerBuild> {
  const url = pathToFileURL(buildPath).href + (bust ? `?t=${Date.now()}` : '');
  try {
    return (await import(url)) as ServerBuild;
  } catch (error) {
    throw new Error(`cannot load the web build at ${buildPath}: run "npm run build" first (${(error as Error).message})`);
  }
}
