import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../app/server/app';
import { loadConfig } from '../../../app/server/config';
import { createTestDb } from '../../helpers/test-db';
import { scenario, sessionFor } from '../applications/fixtures';
import { applyForChat, ask, client, connected, next, sleep, type Client } from './helpers';

const SECRET = 't'.repeat(40);

/** A real app process (as in production) on the given database; resolves with its port. */
function startProcess(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/index.ts'], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      SESSION_SECRET: SECRET,
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-2p-')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/[^:/]+:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe.skipIf(!process.env.DATABASE_URL)('two app processes on one PostgreSQL (postgres adapter)', () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let p1: { child: ChildProcess; port: number };
  let p2: { child: ChildProcess; port: number };
  let a: Client;
  let b: Client;
  let s: Awaited<ReturnType<typeof scenario>>;
  let conversationId: number;

  beforeAll(async () => {
    handle = await createTestDb();
    const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: SECRET, DATA_DIR: os.tmpdir(), LOG_LEVEL: 'silent' });
    s = await scenario({ db: handle.db, config });
    conversationId = (await applyForChat(handle.db, s, config.publicUrl)).conversationId;
    [p1, p2] = await Promise.all([startProcess(handle.url!), startProcess(handle.url!)]);
  }, 60_000);
  afterAll(async () => {
    a?.close();
    b?.close();
    await Promise.all([p1 && stop(p1.child), p2 && stop(p2.child)]);
    await handle?.close();
  });

  it('a message sent to one process reaches a client of the other, both ways', async () => {
    expect(p1.port).not.toBe(p2.port);
    a = client(`http://127.0.0.1:${p1.port}`, s.company.cookie);
    b = client(`http://127.0.0.1:${p2.port}`, s.municipality.cookie);
    await Promise.all([connected(a), connected(b)]);
    expect((await ask(a, 'conversation:join', { conversationId })).ok).toBe(true);
    expect((await ask(b, 'conversation:join', { conversationId })).ok).toBe(true);

    // The adapter's LISTEN connection is opened asynchronously at start-up: allow it a moment.
    let delivered = false;
    for (let attempt = 0; attempt < 10 && !delivered; attempt++) {
      const key = `cross-a-${attempt}-xxxx`;
      const got = next(b, 'message', (m) => m.clientKey === key, 1500);
      await ask(a, 'message:send', { conversationId, clientKey: key, body: `プロセス1から ${attempt}` });
      delivered = await got.then(() => true).catch(() => false);
      if (!delivered) await sleep(200);
    }
    expect(delivered).toBe(true);

    const back = next(a, 'message', (m) => m.clientKey === 'cross-b-0001');
    await ask(b, 'message:send', { conversationId, clientKey: 'cross-b-0001', body: 'プロセス2から' });
    expect((await back).body).toBe('プロセス2から');

    const receipt = next(a, 'read', (r) => r.organisationId === s.municipality.organisationId);
    await ask(b, 'read', { conversationId, seq: 1_000_000 });
    expect((await receipt).seq).toBeGreaterThan(2);
  });

  it('log-out everywhere posted to one process closes the user’s sockets on both, within a second', async () => {
    const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: SECRET, DATA_DIR: os.tmpdir(), LOG_LEVEL: 'silent' });
    const second = await sessionFor({ db: handle.db, config }, s.company.user.id, { userAgent: 'second device' });
    const on1 = client(`http://127.0.0.1:${p1.port}`, second);
    const on2 = client(`http://127.0.0.1:${p2.port}`, s.company.cookie);
    const partner = client(`http://127.0.0.1:${p2.port}`, s.municipality.cookie);
    try {
      await Promise.all([connected(on1), connected(on2), connected(partner)]);
      for (const c of [on1, on2, partner]) expect((await ask(c, 'conversation:join', { conversationId })).ok).toBe(true);
      const closed = [on1, on2].map(
        (c) =>
          new Promise<number>((resolve, reject) => {
            const start = performance.now();
            const timer = setTimeout(() => reject(new Error('socket still open after 5 s')), 5_000);
            c.once('disconnect', (reason) => {
              clearTimeout(timer);
              if (reason === 'io server disconnect') resolve(performance.now() - start);
              else reject(new Error(reason));
            });
          }),
      );
      const res = await fetch(`http://127.0.0.1:${p1.port}/settings`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: s.company.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'intent=logout-everywhere',
      });
      expect(res.status).toBe(302);
      const times = await Promise.all(closed);
      console.log(`sockets closed ${times.map((t) => t.toFixed(0)).join(' ms, ')} ms after the request was sent`);
      // The other party's socket stays.
      await sleep(300);
      expect(partner.connected).toBe(true);
      const again = client(`http://127.0.0.1:${p2.port}`, second);
      await expect(connected(again)).rejects.toThrow('unauthorized');
      again.close();
    } finally {
      for (const c of [on1, on2, partner]) c.close();
    }
  });
});
