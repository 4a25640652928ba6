import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../../app/server/app';
import { seedSteps } from '../../../db/seed';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { Client } from '../accounts/client';
import { createTestDb } from '../../helpers/test-db';

/* Two app processes on one PostgreSQL (as behind the reverse proxy); one is killed mid-request. */

const SECRET = 'k'.repeat(40);

function startProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/index.ts'], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', SESSION_SECRET: SECRET, LOG_LEVEL: 'info', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-kill-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/[^:/]+:(\d+)/.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

const stop = (child: ChildProcess | undefined) =>
  new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe.skipIf(!process.env.DATABASE_URL)('killing one of two app processes', () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let a: { child: ChildProcess; url: string };
  let b: { child: ChildProcess; url: string };

  beforeAll(async () => {
    handle = await createTestDb();
    for (const step of seedSteps) if (step.name !== 'municipalities') await step.run(handle.db);
    [a, b] = await Promise.all([startProcess(handle.url!), startProcess(handle.url!)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stop(a?.child), stop(b?.child)]);
    await handle?.close();
  });

  it('the other process keeps serving the same signed-in user while the first dies mid-request', async () => {
    const onA = new Client(a.url);
    await onA.login('company@example.jp', DEMO_PASSWORDS.company);
    // Sessions live in the database: the same cookie works on the other process.
    const onB = new Client(b.url);
    for (const [k, v] of onA.jar) onB.jar.set(k, v);
    expect((await onB.get('/applications')).status).toBe(200);

    const inflight = Array.from({ length: 20 }, () => fetch(`${a.url}/search?q=${encodeURIComponent('観光')}`).then((r) => r.status, () => 'reset'));
    const exited = new Promise((r) => a.child.once('exit', r));
    a.child.kill('SIGKILL');
    await exited;
    const onFirst = await Promise.all(inflight);
    // Requests on the killed process either completed or were cut off; none hangs.
    for (const s of onFirst) expect([200, 'reset']).toContain(s);

    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? onB.get('/applications') : onB.get(`/search?q=${encodeURIComponent('観光')}`)).then((r) => r.status)));
    expect(statuses).toEqual(Array(20).fill(200));
    expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
  });
});
