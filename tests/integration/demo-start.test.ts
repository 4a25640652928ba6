import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../app/server/app';
import { createTestDb } from '../helpers/test-db';

/*
 * `node build/server/index.js --demo` migrates and seeds in a worker thread (build/server/demo-seed.js)
 * before it serves: the seed's code and what it allocates must not stay in the server's own heap.
 */
const SERVER = path.join(ROOT_DIR, 'build/server/index.js');

describe('the built server with --demo', () => {
  it('does not hold the demo seed in its own bundle: build/server/demo-seed.js runs it in a worker', () => {
    const server = readFileSync(SERVER, 'utf8');
    const seed = readFileSync(path.join(ROOT_DIR, 'build/server/demo-seed.js'), 'utf8');
    for (const name of ['seedDemoWithScale', 'seedAccounts', 'seedListings', 'readMunicipalityMaster', 'migrateToLatest']) {
      expect(server, `${name} in build/server/index.js`).not.toMatch(new RegExp(`function ${name}\\b`));
      expect(seed).toMatch(new RegExp(`function ${name}\\b`));
    }
    expect(server).toContain('new Worker(');
  });

  it('seeds the demo data, then serves it', async () => {
    // PostgreSQL: a database of this file's own (migrated, with the municipality master); else a fresh embedded one.
    const testDb = process.env.DATABASE_URL ? await createTestDb() : undefined;
    const env = {
      ...process.env,
      NODE_ENV: 'production' as const,
      SESSION_SECRET: 's'.repeat(40),
      DATABASE_URL: testDb?.url ?? '',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-demo-')),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEV_MAIL: '0',
    };
    const child: ChildProcess = spawn(process.execPath, [SERVER, '--demo'], { cwd: ROOT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /http:\/\/localhost:(\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const home = await (await fetch(`${base}/`)).text();
      expect(home).toMatch(/data-testid="municipality-total">1,741</);
      const login = await fetch(`${base}/login`, {
        method: 'POST',
        body: new URLSearchParams({ email: 'municipality@example.jp', password: 'demo-municipality-2026' }),
        redirect: 'manual',
      });
      expect(login.status).toBe(302);
      expect(login.headers.getSetCookie().some((c) => c.startsWith('km_session='))).toBe(true);
      expect(err).toBe('');
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await testDb?.close();
    }
  }, 240_000);
});
