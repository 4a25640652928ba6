import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFirst } from '../../../app/chat/local-first.server';
import { createTestDb } from '../../helpers/test-db';
import { sleep } from './helpers';

const errors: unknown[] = [];

type Node = { io: Server; http: HttpServer; pool: pg.Pool; url: string; notifyStatements: () => number };

/** A socket.io server on its own pool, as one app process would be; counts the statements that NOTIFY. */
async function startNode(databaseUrl: string, wrapped: boolean): Promise<Node> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  let notifies = 0;
  const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<unknown>;
  pool.query = ((text: string, values?: unknown[]) => {
    if (typeof text === 'string' && text.includes('pg_notify')) notifies += 1;
    return query(text, values);
  }) as typeof pool.query;
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  const fail = (err: unknown) => void errors.push(err);
  io.adapter(wrapped ? localFirst(createAdapter(pool, { errorHandler: fail }), pool, fail) : createAdapter(pool, { errorHandler: fail }));
  io.of('/t').on('connection', (socket) => void socket.join('room'));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { io, http, pool, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/t`, notifyStatements: () => notifies };
}

const client = (url: string) =>
  new Promise<Socket>((resolve, reject) => {
    const s = connect(url, { transports: ['websocket'], reconnection: false });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });

describe('broadcasts to the other processes (postgres adapter)', () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let sender: Node;
  let other: Node;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    handle = await createTestDb();
    if (!handle.url) return;
    [sender, other] = await Promise.all([startNode(handle.url, true), startNode(handle.url, false)]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const n of [sender, other]) {
      if (!n) continue;
      await new Promise<void>((resolve) => n.io.close(() => resolve()));
      await n.pool.end();
    }
    await handle?.close();
  });

  it('reach here at once and the other process in order, a batch of them in one NOTIFY statement', async (ctx) => {
    if (!handle.url) return ctx.skip('the postgres adapter runs on PostgreSQL only (PGlite is one process)');
    const here = await client(sender.url);
    const there = await client(other.url);
    sockets.push(here, there);

    // The adapters' LISTEN connections open asynchronously: wait until a broadcast crosses.
    let crossed = false;
    there.on('probe', () => (crossed = true));
    for (let attempt = 0; attempt < 50 && !crossed; attempt++) {
      sender.io.of('/t').to('room').emit('probe');
      await sleep(100);
    }
    expect(crossed).toBe(true);

    const receivedHere: number[] = [];
    const receivedThere: number[] = [];
    here.on('n', (i: number) => receivedHere.push(i));
    const allThere = new Promise<void>((resolve) =>
      there.on('n', (i: number) => {
        receivedThere.push(i);
        if (receivedThere.length === 40) resolve();
      }),
    );
    const before = sender.notifyStatements();
    // Two write batches' worth: the second is sent while the first statement is still in flight.
    for (let i = 0; i < 20; i++) sender.io.of('/t').to('room').emit('n', i);
    await sleep(0);
    for (let i = 20; i < 40; i++) sender.io.of('/t').to('room').emit('n', i);
    await allThere;

    const expected = Array.from({ length: 40 }, (_, i) => i);
    expect(receivedThere).toEqual(expected);
    expect(receivedHere).toEqual(expected);
    expect(sender.notifyStatements() - before).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  it('send the same payload twice in one batch as two notifications (PostgreSQL folds equal ones of one transaction)', async (ctx) => {
    if (!handle.url) return ctx.skip('the postgres adapter runs on PostgreSQL only (PGlite is one process)');
    const there = sockets[1];
    let count = 0;
    const both = new Promise<void>((resolve) =>
      there.on('same', () => {
        count += 1;
        if (count === 2) resolve();
      }),
    );
    sender.io.of('/t').to('room').emit('same', 'x');
    sender.io.of('/t').to('room').emit('same', 'x');
    await both;
    await sleep(200);
    expect(count).toBe(2);
  });
});
