import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb } from '../db/client';
import { adminUrlOf, databaseUrlWith } from './lib/pg-url';

/*
 * Load test of the serving core: the built server (`node build/server/index.js`, NODE_ENV=production)
 * on PostgreSQL with the demo data, every request sent with `Accept-Encoding: gzip` as browsers send
 * it. Pages, anonymous and signed in, at each concurrency level, interleaved with a bare Express route
 * in a process of its own: bare, page, bare, page, … and each page is compared with the mean of the
 * bare runs just before and after it, so a change in the machine's load hits both sides alike.
 * CPU time per request is read from each server process (/proc/<pid>/stat), RSS from /proc/<pid>/status.
 * The server's memory is printed three times, each after 3 s without requests: right after start, after
 * the warm-up (the "idle" figure) and after the load: RSS (anonymous + file-backed pages), V8's heap
 * (used of committed, the young generation's committed share), external and ArrayBuffer memory, read
 * inside the process through scripts/lib/memory-report.mjs.
 *
 * Environment: BENCH_DATABASE_URL / DATABASE_URL (admin access to create km_bench_load),
 * BENCH_DB_NAME (km_bench_load), BENCH_SECONDS (5 per run), BENCH_CONCURRENCY (10,50), BENCH_PAGES (comma-separated page names).
 */
const root = path.resolve(import.meta.dirname, '..');
const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const duration = Number(process.env.BENCH_SECONDS ?? 5);
const levels = (process.env.BENCH_CONCURRENCY ?? '10,50').split(',').map(Number);
const dbName = process.env.BENCH_DB_NAME ?? 'km_bench_load';
const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux
const DEMO_LOGIN = { email: 'municipality@example.jp', password: 'demo-municipality-2026' };

type Page = { name: string; path: string; signedIn: boolean };
type Run = { rps: number; p50: number; p99: number; errors: number; requests: number; cpuMs: number };

async function prepareDatabase(): Promise<string> {
  const admin = await createDb({ databaseUrl: adminUrlOf(baseUrl), poolSize: 1 });
  await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
  await sql.raw(`create database ${dbName}`).execute(admin.db);
  await admin.close();
  return databaseUrlWith(baseUrl, dbName);
}

/** Starts a child process and resolves with its port once it prints it. */
async function startChild(args: string[], env: Record<string, string>, portPattern: RegExp, ipc = false): Promise<{ child: ChildProcess; port: number }> {
  const stdio: ('ignore' | 'pipe' | 'inherit' | 'ipc')[] = ['ignore', 'pipe', 'inherit', ...(ipc ? (['ipc'] as const) : [])];
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = portPattern.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code})`)));
  });
  child.stdout!.resume();
  return { child, port };
}

/** user + system CPU time of a whole process (every thread), in milliseconds. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

function rssMbOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

type MemoryReport = { usage: NodeJS.MemoryUsage; spaces: Record<string, { committed: number; used: number }> };

/** The server's memory as it reports it (scripts/lib/memory-report.mjs) beside its RSS, as one line. */
async function memoryLine(child: ChildProcess, tag: string): Promise<{ line: string; rss: number }> {
  const reply = new Promise<MemoryReport>((resolve) => {
    const onMessage = (m: unknown) => {
      if (m && typeof m === 'object' && (m as { memory?: string }).memory === tag) {
        child.off('message', onMessage);
        resolve(m as MemoryReport);
      }
    };
    child.on('message', onMessage);
  });
  child.send({ memory: tag });
  const { usage, spaces } = await reply;
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const rss = kB('VmRSS');
  const young = spaces.new_space;
  return {
    rss,
    line:
      `${tag.padEnd(34)} RSS ${rss.toFixed(0).padStart(4)} MB (anon ${kB('RssAnon').toFixed(0)}, file ${kB('RssFile').toFixed(0)}) | ` +
      `heap used ${mb(usage.heapUsed)} of ${mb(usage.heapTotal)} MB (young generation ${young ? mb(young.committed) : '?'}), external ${mb(usage.external)}, arrayBuffers ${mb(usage.arrayBuffers)} MB`,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 3000));

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function logIn(base: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    body: new URLSearchParams(DEMO_LOGIN),
    redirect: 'manual',
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('km_session='));
  if (!cookie) throw new Error(`log-in failed (${res.status})`);
  return cookie.split(';')[0];
}

async function firstLink(base: string, page: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(base + page)).text();
  const link = pattern.exec(html)?.[0];
  if (!link) throw new Error(`no link matching ${pattern} on ${page}`);
  return link;
}

let peakRss = 0;

async function run(url: string, connections: number, pid: number, headers: Record<string, string>, seconds = duration): Promise<Run> {
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMbOf(appPid));
  }, 250);
  const cpuBefore = cpuMsOf(pid);
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1, headers: { 'accept-encoding': 'gzip, deflate, br', ...headers } });
  const cpuMs = cpuMsOf(pid) - cpuBefore;
  clearInterval(sampler);
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests,
    cpuMs: requests ? cpuMs / requests : NaN,
  };
}

// The V8 flags production gives the server (package.json start:prod, the same in scripts/deploy/Dockerfile).
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
// BENCH_SERVER_FLAGS (space-separated) replaces them and the environment below, to compare settings interleaved
// with the current ones (an environment such as MALLOC_ARENA_MAX=2 is then given to bench:load itself).
const v8Flags =
  process.env.BENCH_SERVER_FLAGS !== undefined
    ? process.env.BENCH_SERVER_FLAGS.split(/\s+/).filter(Boolean)
    : pkg.scripts['start:prod'].split(/\s+/).filter((arg) => /^--max-(semi|old)-space-size=\d+$/.test(arg));

// The environment start:prod sets before `node` (MALLOC_ARENA_MAX), NODE_ENV apart: it is set below.
const startProdWords = pkg.scripts['start:prod'].split(/\s+/);
const startProdEnv: Record<string, string> = Object.fromEntries(
  process.env.BENCH_SERVER_FLAGS !== undefined ? [] : startProdWords.slice(0, startProdWords.indexOf('node')).flatMap((w) => (/^[A-Z_]+=/.test(w) && !w.startsWith('NODE_ENV=') ? [w.split('=', 2) as [string, string]] : [])),
);

const databaseUrl = await prepareDatabase();
const app = await startChild(
  [...v8Flags, '--import', './scripts/lib/memory-report.mjs', 'build/server/index.js', '--demo'],
  { ...startProdEnv, NODE_ENV: 'production', SESSION_SECRET: 'b'.repeat(40), DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  /http:\/\/localhost:(\d+)/,
  true,
);
const appPid = app.child.pid!;
const bare = await startChild(['--import', 'tsx', 'scripts/lib/bench-bare-http.ts'], {}, /listening (\d+)/);
const base = `http://127.0.0.1:${app.port}`;
const bareUrl = `http://127.0.0.1:${bare.port}/hello`;

await settle();
const memoryLines = [(await memoryLine(app.child, 'after start, no request yet')).line];
const cookie = await logIn(base);
const listing = await firstLink(base, '/openings', /\/openings\/\d+(?=")/);
const allPages: Page[] = [
  { name: '/', path: '/', signedIn: false },
  { name: '/openings', path: '/openings', signedIn: false },
  { name: '/search?q=観光', path: `/search?q=${encodeURIComponent('観光')}`, signedIn: false },
  { name: 'listing', path: listing, signedIn: false },
  { name: '/ signed in', path: '/', signedIn: true },
  { name: '/applications signed in', path: '/applications', signedIn: true },
];
const only = process.env.BENCH_PAGES?.split(',');
const pages = only ? allPages.filter((p) => only.includes(p.name)) : allPages;
const headersOf = (p: Page): Record<string, string> => (p.signedIn ? { cookie } : {});

// Warm-up (JIT, connection pools), then let the process settle and read its idle memory.
for (const p of pages) await run(base + p.path, 4, appPid, headersOf(p), 1);
await run(bareUrl, 4, bare.child.pid!, {}, 1);
await settle();
const idle = await memoryLine(app.child, 'idle after the warm-up');
memoryLines.push(idle.line);
const idleRss = idle.rss;
peakRss = 0;

const startLoad = loadavg();
console.log(`load test: ${duration}s per run, ${levels.join(' and ')} connections, PostgreSQL ${dbName}, Accept-Encoding gzip, ${cpus().length} cores`);
console.log(`listing page: ${listing}; signed in as ${DEMO_LOGIN.email}; server flags ${[...Object.entries(startProdEnv).map(([k, v]) => `${k}=${v}`), ...v8Flags].join(' ') || '(none)'}; load average at start ${startLoad}`);
console.log('page                     conns   req/s  p50 ms  p99 ms errors CPU ms/req | bare req/s  p99 ms CPU ms/req |  ratio');
const ratios: { page: Page; connections: number; ratio: number; p99: number }[] = [];
for (const connections of levels) {
  let before = await run(bareUrl, connections, bare.child.pid!, {});
  for (const p of pages) {
    const r = await run(base + p.path, connections, appPid, headersOf(p));
    const after = await run(bareUrl, connections, bare.child.pid!, {});
    const bareRps = (before.rps + after.rps) / 2;
    const ratio = (r.rps / bareRps) * 100;
    ratios.push({ page: p, connections, ratio, p99: r.p99 });
    console.log(
      `${p.name.padEnd(24)} ${String(connections).padStart(5)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(0).padStart(7)} ${r.p99.toFixed(0).padStart(7)} ${String(r.errors).padStart(6)} ${r.cpuMs.toFixed(2).padStart(10)} | ` +
        `${bareRps.toFixed(0).padStart(10)} ${((before.p99 + after.p99) / 2).toFixed(0).padStart(7)} ${((before.cpuMs + after.cpuMs) / 2).toFixed(3).padStart(10)} | ${ratio.toFixed(1).padStart(5)}%`,
    );
    before = after;
  }
}
await settle();
memoryLines.push((await memoryLine(app.child, 'after the load')).line);
console.log('server memory, each after 3 s without requests:');
for (const line of memoryLines) console.log(`  ${line}`);
console.log(`server RSS: idle ${idleRss.toFixed(0)} MB, under load up to ${peakRss.toFixed(0)} MB; load average at end ${loadavg()}`);

app.child.kill('SIGTERM');
bare.child.kill('SIGTERM');
await Promise.all([once(app.child, 'exit'), once(bare.child, 'exit')]);
const admin = await createDb({ databaseUrl: adminUrlOf(baseUrl), poolSize: 1 });
await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
await admin.close();

const top = Math.max(...levels);
const atTop = ratios.filter((r) => r.connections === top);
const minOf = (signedIn: boolean) => Math.min(...atTop.filter((r) => r.page.signedIn === signedIn).map((r) => r.ratio));
const worstP99 = Math.max(...atTop.map((r) => r.p99));
console.log(`p99 at ${top} connections: at most ${worstP99.toFixed(0)} ms`);
console.log(`pages min ratio ${minOf(false).toFixed(1)}% (anonymous), signed-in ${minOf(true).toFixed(1)}% of bare at ${top} connections`);
