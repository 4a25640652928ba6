import { readdirSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
// The Express adapter's request and response conversion, used directly so the page cache sees each Response.
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js';
import { broadcastDevReady, createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { Server as SocketServer } from 'socket.io';
import { sql } from 'kysely';
import { pendingMigrations } from '../../db/migrate';
import type { DbHandle } from '../../db/client';
import { listenForPageChanges, PRIVATE_CHANGE_CHANNEL, type PageChangeFeed } from '../../db/page-changes';
import { createSearch } from '../../search/create-search';
import type { Config } from './config';
import { sameOriginOnly } from './csrf';
import { bodyLimits } from './body-limit';
import { formBodiesOnly } from './form-body';
import { attachChat } from '../chat/socket.server';
import { createChatLimiters } from '../services/rate-limit.server';
import { startJobs, type JobName } from './jobs';
import type { AppServices } from './load-context';
import './load-context';
import { newNonce, PageCache, requestIdOf } from './page-cache';

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

/**
 * The HTTP server with its services; `jobs` names the background jobs this process runs (app/server/jobs.ts,
 * every one by default). They stop with `close()`.
 */
export async function createAppServer(opts: { config: Config; dbHandle: DbHandle; logger: Logger; buildPath?: string; jobs?: readonly JobName[] }): Promise<AppServer> {
  const { config, dbHandle, logger } = opts;
  const buildPath = opts.buildPath ?? REMIX_BUILD;
  const search = createSearch({ db: dbHandle.db, config: { meili: config.meili }, logger });
  const services: AppServices = { db: dbHandle.db, driver: dbHandle.driver, config, logger, search, chatLimits: createChatLimiters(config) };
  const isDev = config.nodeEnv === 'development' && process.env.REMIX_DEV_ORIGIN !== undefined;

  let build = await importBuild(buildPath);

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies the deployment names (TRUST_PROXY, default loopback):
  // anyone else's header is ignored, so req.ip (and the audit log) is the address that connected.
  app.set('trust proxy', config.trustProxy.length ? config.trustProxy : false);

  // Pages for anonymous visitors, answered before the rest of the stack (see page-cache.ts).
  // Signed-in pages the same way, each kept for its own session only, emptied also by private changes.
  const pageCache = config.pageCacheMb > 0 ? new PageCache({ maxBytes: config.pageCacheMb * 2 ** 20, logger }) : undefined;
  const signedInCache = config.pageCacheMb > 0 ? new PageCache({ maxBytes: config.pageCacheMb * 2 ** 20, logger, signedIn: true }) : undefined;
  const feeds: PageChangeFeed[] = [];
  if (pageCache && signedInCache) {
    const heard = { page: false, private: false };
    const listening = (channel: keyof typeof heard, up: boolean) => {
      heard[channel] = up;
      if (channel === 'page') pageCache.setListening(up);
      signedInCache.setListening(heard.page && heard.private);
      if (!up) logger.warn(`page cache off: database change notifications (${channel}) are not being received`);
    };
    const error = (err: unknown) => logger.warn({ err }, 'page change notifications lost; reconnecting');
    feeds.push(
      await listenForPageChanges(dbHandle, {
        change: () => {
          pageCache.invalidate();
          signedInCache.invalidate();
        },
        status: (up) => listening('page', up),
        error,
      }),
      await listenForPageChanges(dbHandle, { change: signedInCache.invalidate, status: (up) => listening('private', up), error }, PRIVATE_CHANGE_CHANNEL),
    );
    app.use(pageCache.serve);
    app.use(signedInCache.serve);
    services.shared = pageCache.shared;
  }

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = requestIdOf(req);
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/build/') === true },
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );

  app.use((_req, res, next) => {
    res.locals.cspNonce = newNonce();
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
  app.use(bodyLimits());

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
  app.use(isDev ? express.static(PUBLIC_DIR, { maxAge: '1h' }) : knownFilesOnly(PUBLIC_DIR, express.static(PUBLIC_DIR, { maxAge: '1h' })));

  // One request handler per build (its routes are matched from a tree built once).
  let handleRequest = createRequestHandler(build, build.mode);
  app.all('*', async (req, res, next) => {
    try {
      let request = createRemixRequest(req, res);
      // A multipart body was already read (and counted) by bodyLimits().
      if (res.locals.body instanceof Buffer) {
        request = new Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body: res.locals.body });
      }
      const context: AppLoadContext = {
        ...services,
        requestId: String(req.id ?? ''),
        cspNonce: String(res.locals.cspNonce),
        clientIp: req.ip ?? '',
        fromLoopback: isDirectLoopback(req),
      };
      let response = await handleRequest(request, context);
      if (pageCache) response = await pageCache.keep(req, res, response);
      if (signedInCache) response = await signedInCache.keep(req, res, response);
      response = privateWhenSignedIn(req, response);
      // A page is one buffer (entry.server.tsx): compress it in one go, not once per chunk.
      if (!/text\/event-stream/i.test(response.headers.get('content-type') ?? '')) res.flush = noFlush;
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  // Keep idle keep-alive connections longer than a browser or a proxy keeps them (nginx 60 s): Node's default of 5 s
  // closes a connection just as a client sends its next request on it, which the client sees as ECONNRESET.
  const httpServer = createServer({ keepAliveTimeout: KEEP_ALIVE_MS, headersTimeout: KEEP_ALIVE_MS + 1_000 }, app);
  const io = new SocketServer(httpServer, { path: '/socket.io', serveClient: false });
  const chat = attachChat(io, services, dbHandle);
  services.chat = chat.hub;
  const jobs = startJobs(services, { only: opts.jobs });

  if (isDev) {
    const { watch } = await import('node:fs');
    watch(path.dirname(buildPath), { persistent: false }, async () => {
      build = await importBuild(buildPath, true);
      handleRequest = createRequestHandler(build, build.mode);
      pageCache?.invalidate();
      signedInCache?.invalidate();
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
        // A kept-alive connection goes idle when its last request ends: close it then, not after KEEP_ALIVE_MS.
        const idle = setInterval(() => httpServer.closeIdleConnections(), 50);
        // io.close() disconnects every socket, then closes the HTTP server (which waits for in-flight requests).
        void io.close(() => {
          clearInterval(idle);
          resolve();
        });
        httpServer.closeIdleConnections();
      });
      await jobs.stop();
      for (const feed of feeds) await feed.close();
      await search.close();
      await chat.close();
      await dbHandle.close();
    },
  };
}

/** How long an idle keep-alive connection stays open. */
export const KEEP_ALIVE_MS = 65_000;

const noFlush = () => {};

/**
 * A page or loader answer made for a request carrying a session cookie may show that account's data
 * (the header's name and inbox at least): no shared cache and no browser history cache may keep it.
 */
function privateWhenSignedIn(req: express.Request, response: Response): Response {
  if (!/(?:^|;\s*)km_session=/.test(req.headers.cookie ?? '')) return response;
  if (!/^(text\/html|application\/json)/i.test(response.headers.get('content-type') ?? '')) return response;
  try {
    response.headers.set('Cache-Control', 'private, no-store');
    return response;
  } catch {
    // immutable headers (a fetched Response): copy them
    const headers = new Headers(response.headers);
    headers.set('Cache-Control', 'private, no-store');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** A request made on this machine itself: a loopback peer that was not forwarded by a proxy. */
export function isDirectLoopback(req: express.Request): boolean {
  const peer = req.socket.remoteAddress ?? '';
  return LOOPBACK.test(peer) && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined && req.headers['x-real-ip'] === undefined;
}

/**
 * Static files of a folder that holds no page: the folder is listed once, so a request for a page
 * goes on without a disk lookup; only the listed paths reach `serve`.
 */
function knownFilesOnly(dir: string, serve: express.RequestHandler): express.RequestHandler {
  const files = new Set<string>();
  try {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.add('/' + path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    }
  } catch {
    // no folder: nothing to serve
  }
  return (req, res, next) => (files.has(req.path) ? serve(req, res, next) : next());
}

async function importBuild(buildPath: string, bust = false): Promise<ServerBuild> {
  const url = pathToFileURL(buildPath).href + (bust ? `?t=${Date.now()}` : '');
  try {
    return (await import(url)) as ServerBuild;
  } catch (error) {
    throw new Error(`cannot load the web build at ${buildPath}: run "npm run build" first (${(error as Error).message})`);
  }
}
