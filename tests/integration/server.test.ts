import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { connect as connectSocket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../app/server/app';
import { startTestServer } from '../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('HTTP server', () => {
  it('answers /healthz and /readyz as JSON', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', database: 'ok', migrations: 'current' });
  });

  it('renders the home page through Remix with data from the database', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('起業人マッチ');
    expect(html).toMatch(/data-testid="municipality-total">1,741</);
  });

  it('sends security headers with a nonce the page really uses', async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('gives every response a request id, keeping a sane incoming one', async () => {
    const own = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(own.headers.get('x-request-id')).toBe('trace-123');
    const generated = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('compresses pages', async () => {
    const res = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('answers an unknown page with a Japanese 404', async () => {
    const res = await fetch(`${server.url}/no-such-page`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('お探しのページは見つかりませんでした');
  });

  it('has a socket.io server mounted on the same port', async () => {
    const socket = connect(server.url, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    expect(socket.connected).toBe(true);
    socket.close();
  });

  // A client (a browser, the proxy in front, a test's request context) reuses an idle keep-alive connection; when the
  // server closes it at the same moment the client sends on it, the client sees ECONNRESET. Node closes idle
  // connections after 5 s by default: the server must keep them longer than such a client's idle gap.
  it('keeps an idle keep-alive connection open for more than a few seconds', { timeout: 20_000 }, async () => {
    const socket = connectSocket(server.port, '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    let closed = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('close', () => (closed = true));
    const ask = async () => {
      const before = received.length;
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
      for (let i = 0; i < 100 && !/HTTP\/1\.1 \d+[\s\S]*\r\n\r\n[\s\S]*\}/.test(received.slice(before)) && !closed; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return received.slice(before);
    };
    expect(await ask()).toMatch(/^HTTP\/1\.1 200/);
    await new Promise((r) => setTimeout(r, 6_500));
    expect(closed, 'the server closed the idle connection').toBe(false);
    expect(await ask()).toMatch(/^HTTP\/1\.1 200/);
    socket.destroy();
  });
});

describe('start-up with bad configuration', () => {
  it('exits with one line per problem and no stack trace', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'app/server/index.ts'], {
      cwd: ROOT_DIR,
      env: { NODE_ENV: 'development', PATH: process.env.PATH, PORT: 'abc', DATABASE_URL: 'mysql://x', DATA_DIR: '/tmp/km-bad-config' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('Configuration error:');
    expect(lines.slice(1).map((l) => l.trim().split(':')[0]).sort()).toEqual(['DATABASE_URL', 'PORT']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('graceful shutdown', () => {
  it('lets a request already received finish, then refuses new connections', async () => {
    const own = await startTestServer();
    let closing: Promise<void> | undefined;
    own.httpServer.prependOnceListener('request', () => {
      closing = own.close();
    });
    const res = await fetch(`${own.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('起業人マッチ');
    await closing;
    await expect(fetch(`${own.url}/healthz`)).rejects.toThrow();
  });

  it('exits 0 on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'test',
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-sigterm-')),
    };
    if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/index.ts'], { cwd: ROOT_DIR, env });
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /"port":(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('shutting down');
  }, 90_000);
});
