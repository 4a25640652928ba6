import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../app/chat/events';
import { createAppServer } from '../../../app/server/app';
import { WORKER_JOBS } from '../../../app/server/jobs';
import { loadConfig } from '../../../app/server/config';
import type { DbHandle } from '../../../db/client';
import { applyToListing } from '../../../app/services/applications.server';
import type { scenario } from '../applications/fixtures';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * An app server over a database that outlives it: stopping the server leaves the database open,
 * so a second server can start on the same data (and the same port), as after a process restart.
 */
export async function startOn(handle: DbHandle, opts: { port?: number; dataDir?: string; secret?: string } = {}) {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(opts.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'km-chat-')),
    SESSION_SECRET: opts.secret ?? 's'.repeat(40),
    LOG_LEVEL: 'silent',
  });
  const server = await createAppServer({ config, dbHandle: { ...handle, close: async () => {} }, logger: pino({ level: 'silent' }) , jobs: WORKER_JOBS });
  const port = await server.listen();
  return { ...server, config, port, url: `http://127.0.0.1:${port}` };
}

export function client(url: string, cookie: string | undefined, extra: Record<string, string> = {}, reconnection = false): Client {
  return connect(`${url}/chat`, {
    transports: ['websocket'],
    reconnection,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...extra },
  });
}

export function connected(socket: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Emits and resolves with the ack (typed loosely: tests look at ok/error/code and payloads). */
export function ask<T = any>(socket: Client, event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    (socket as unknown as Socket).timeout(10_000).emit(event, payload, (err: Error | null, res: T) => (err ? reject(err) : resolve(res)));
  });
}

export function next<E extends keyof ServerToClientEvents>(socket: Client, event: E, match: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true, ms = 10_000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`no ${String(event)} within ${ms} ms`));
    }, ms);
    const handler = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!match(...args)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(args[0]);
    };
    socket.on(event, handler as never);
  });
}

/** Collects every `message` event a client sees. */
export function collect(socket: Client) {
  const seen: { seq: number; clientKey: string; body: string; conversationId: number }[] = [];
  socket.on('message', (m) => seen.push(m));
  return seen;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, step = 25) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(step);
  }
  throw new Error('condition not met in time');
}

/** The scenario's company applies to its opening (企業派遣型): the application and its conversation. */
export function applyForChat(db: DbHandle['db'], s: Awaited<ReturnType<typeof scenario>>, publicUrl: string) {
  return applyToListing(db, s.company.user, 'opening', s.opening, { programType: 'dispatch', message: '応募します', proposal: '', asInquiry: false }, { ip: '', publicUrl });
}
