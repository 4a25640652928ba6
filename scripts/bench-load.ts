import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { sql } from 'kysely';
import { createDb } from '../db/client';
import { adminUrlOf, databaseUrlWith } from './lib/pg-url';

// Load test: the built server on the real PostgreSQL (seeded demo), pages at increasing
// concurrency, against a bare Express "hello" route measured in the same run (the ceiling).
const root = path.resolve(import.meta.dirname, '..');
const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const duration = Number(process.env.BENCH_SECONDS ?? 5);
const levels = (process.env.BENCH_CONCURRENCY ?? '10,50,100').split(',').map(Number);
const dbName = 'km_bench_load';

async function prepareDatabase(): Promise<string> {
  const admin = await createDb({ databaseUrl: adminUrlOf(baseUrl), poolSize: 1 });
  await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
  await sql.raw(`create database ${dbName}`).execute(admin.db);
  await admin.close();
  return databaseUrlWith(baseUrl, dbName);
}

async function startApp(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/index.ts', '--demo'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'b'.repeat(40), DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { child, port };
}

async function startBare(): Promise<{ close: () => void; port: number }> {
  const app = express();
  app.get('/hello', (_req, res) => {
    res.send('hello');
  });
  const server = createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return { close: () => server.close(), port: typeof address === 'object' && address ? address.port : 0 };
}

async function firstLink(base: string, page: string, pattern: RegExp): Promise<string | undefined> {
  const html = await (await fetch(base + page)).text();
  return pattern.exec(html)?.[0];
}

async function run(url: string, connections: number) {
  const result = await autocannon({ url, connections, duration, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const databaseUrl = await prepareDatabase();
const app = await startApp(databaseUrl);
const bare = await startBare();
const base = `http://127.0.0.1:${app.port}`;
const listing = (await firstLink(base, '/openings', /\/openings\/[\w-]+(?=")/)) ?? '/eligibility';
const pages: [string, string][] = [
  ['home', `${base}/`],
  ['search', `${base}/search?q=${encodeURIComponent('観光 DX')}`],
  ['listing', base + listing],
  ['bare hello', `http://127.0.0.1:${bare.port}/hello`],
];
console.log(`load test: ${duration}s per run, concurrency ${levels.join('/')}, PostgreSQL ${dbName}`);
console.log('page         conns   req/s     p99 ms  errors');
const summary: Record<string, { rps: number; p99: number }> = {};
for (const c of levels) {
  for (const [name, url] of pages) {
    const r = await run(url, c);
    summary[name] = r;
    console.log(`${name.padEnd(12)} ${String(c).padStart(5)} ${r.rps.toFixed(0).padStart(7)} ${r.p99.toFixed(1).padStart(10)} ${String(r.errors).padStart(7)}`);
  }
}
const top = levels[levels.length - 1];
const ceiling = summary['bare hello'];
for (const name of ['home', 'search', 'listing']) {
  console.log(`${name}: ${summary[name].rps.toFixed(0)} req/s, p99 ${summary[name].p99.toFixed(1)} ms at ${top} connections; ${(summary[name].rps / ceiling.rps * 100).toFixed(1)}% of bare Express (${ceiling.rps.toFixed(0)} req/s, p99 ${ceiling.p99.toFixed(1)} ms)`);
}
app.child.kill('SIGTERM');
bare.close();
await once(app.child, 'exit');
const admin = await createDb({ databaseUrl: adminUrlOf(baseUrl), poolSize: 1 });
await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
await admin.close();
