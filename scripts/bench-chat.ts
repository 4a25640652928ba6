import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../app/server/config';
import { hashToken, newToken, sessionCookie } from '../app/services/auth.server';
import { createDb } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { importMunicipalities, readMunicipalityMaster } from '../db/municipalities/import';
import { adminUrlOf, databaseUrlWith } from './lib/pg-url';

/*
 * Chat load test: N socket.io clients in conversations of two, each sending at a fixed rate
 * through the real server (the built production server, its own process, PostgreSQL with the
 * postgres adapter), measuring delivery latency to the partner, lost and duplicated messages; then
 * the same load on a bare socket.io echo server (the ceiling). Then the capacity: the same clients
 * at twice, four and eight times the rate (a fresh server each, as the per-user limits allow at
 * most 5 events a second and 30 messages a minute) until chat p99 passes 100 ms; and the
 * revocation time: sessions of connected clients deleted, time until their sockets are closed.
 * Options: --clients (1000), --rate (messages per second per client, 0.5), --seconds (10),
 * --no-capacity; environment BENCH_CLIENTS, BENCH_RATE, BENCH_SECONDS, BENCH_DATABASE_URL / DATABASE_URL.
 */
const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: { clients: { type: 'string' }, rate: { type: 'string' }, seconds: { type: 'string' }, 'no-capacity': { type: 'boolean' } },
});
const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const clients = Math.max(2, Math.floor(Number(args.clients ?? process.env.BENCH_CLIENTS ?? 1000) / 2) * 2);
const rate = Number(args.rate ?? process.env.BENCH_RATE ?? 0.5);
const seconds = Number(args.seconds ?? process.env.BENCH_SECONDS ?? 10);
const dbName = 'km_bench_chat';
const SECRET = 'bench-chat-secret-'.padEnd(40, 'x');
const pairs = clients / 2;

type Ack = { ok: boolean; error?: string; message?: { seq: number } };
type Result = { latencies: number[]; sent: number; acked: number; failed: number; received: number; lost: number; dup: number; seconds: number; serverCpuMs: number };

/** CPU time (user + system) the server process has used, from /proc (Linux; clock ticks of 10 ms); NaN elsewhere. */
function cpuMs(child: ChildProcess | undefined): number {
  if (!child?.pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function prepareDatabase(): Promise<{ url: string; cookies: string[]; conversations: number[] }> {
  const admin = await createDb({ databaseUrl: adminUrlOf(baseUrl), poolSize: 1 });
  await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
  await sql.raw(`create database ${dbName}`).execute(admin.db);
  await admin.close();
  const url = databaseUrlWith(baseUrl, dbName);
  const handle = await createDb({ databaseUrl: url, poolSize: 4 });
  const db = handle.db;
  await migrateToLatest(db);
  await importMunicipalities(db, await readMunicipalityMaster());
  const codes = (await db.selectFrom('municipalities').select('lg_code').where('eligible_1433', '=', true).orderBy('lg_code').limit(pairs).execute()).map((r) => r.lg_code);
  const mOf = (i: number) => i % municipalities;
  // More pairs than eligible municipalities: a municipality takes part in several conversations, each with a user of its own.
  const municipalities = codes.length;
  const orgId = new Map<string, string>();
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DATA_DIR: os.tmpdir(), LOG_LEVEL: 'silent' });
  const cookie = sessionCookie(config);
  const cookies: string[] = [];
  const conversations: number[] = [];
  const chunk = 250;
  for (let start = 0; start < pairs; start += chunk) {
    const idx = Array.from({ length: Math.min(chunk, pairs - start) }, (_, i) => start + i);
    const orgs = await db
      .insertInto('organisations')
      .values(
        idx.flatMap((i) => [
          ...(i < municipalities ? [{ kind: 'municipality' as const, status: 'approved' as const, name: `ベンチ自治体${i}`, name_kana: null, slug: `bench-org-m-${i}`, lg_code: codes[i], head_office_lg_code: null, corporate_number: null, company_class: null, individual_track: null, employer_name: null, department: null, phone: null, website: null, reviewed_by: null, reviewed_at: null, review_reason: null }] : []),
          { kind: 'company' as const, status: 'approved' as const, name: `ベンチ企業${i}`, name_kana: null, slug: `bench-org-c-${i}`, lg_code: null, head_office_lg_code: '131016', corporate_number: String(2_000_000_000_000 + i), company_class: 'A' as const, individual_track: null, employer_name: null, department: null, phone: null, website: null, reviewed_by: null, reviewed_at: null, review_reason: null },
        ]),
      )
      .returning(['id', 'slug'])
      .execute();
    for (const o of orgs) orgId.set(o.slug, o.id);
    const orgOf = (k: string, i: number) => orgId.get(k === 'm' ? `bench-org-m-${mOf(i)}` : `bench-org-c-${i}`)!;
    const users = await db
      .insertInto('users')
      .values(idx.flatMap((i) => ['m', 'c'].map((k) => ({ organisation_id: orgOf(k, i), email: `bench-${k}-${i}@example.jp`, name: `ベンチ${k}${i}`, password_hash: 'x', email_verified_at: new Date(), totp_secret: null, totp_enabled_at: null, disabled_at: null, last_login_at: null }))))
      .returning(['id', 'email'])
      .execute();
    const userId = new Map(users.map((u) => [u.email, u.id]));
    const tokens = idx.flatMap((i) => ['m', 'c'].map((k) => ({ email: `bench-${k}-${i}@example.jp`, token: newToken() })));
    await db
      .insertInto('sessions')
      .values(tokens.map((t) => ({ id: hashToken(t.token), user_id: userId.get(t.email)!, expires_at: new Date(Date.now() + 86_400_000), ip: '', user_agent: 'bench', mfa_pending: false })))
      .execute();
    for (const t of tokens) cookies.push((await cookie.serialize(t.token)).split(';')[0]);
    const listings = await db
      .insertInto('listings')
      .values(idx.map((i) => ({ kind: 'opening' as const, organisation_id: orgOf('m', i), status: 'published' as const, close_reason: null, title: `ベンチ募集${i}`, summary: '', body: '', duties: '', skills: '', track_record: '', conditions: '', categories: ['dx'], types: ['dispatch'], term_min_months: 6, term_max_months: 12, start_from: null, deadline: null, days_on_site: null, remote_ok: true, budget_min_yen: null, budget_max_yen: null, headcount: null, lg_code: codes[mOf(i)], pref_code: codes[mOf(i)].slice(0, 2), region_pref_codes: [], region_anywhere: false, contact_name: '', contact_email: '', contact_phone: '', published_at: new Date(), closed_at: null })))
      .returning('id')
      .execute();
    const apps = await db
      .insertInto('applications')
      .values(idx.map((i, n) => ({ listing_id: listings[n].id, listing_kind: 'opening' as const, kind: 'application' as const, applicant_organisation_id: orgOf('c', i), owner_organisation_id: orgOf('m', i), applicant_user_id: null, program_type: 'dispatch' as const, eligibility: '{}', message: 'bench', state: 'in_dialogue' as const, state_reason: null, first_reply_at: null })))
      .returning(['id', 'applicant_organisation_id', 'owner_organisation_id'])
      .execute();
    const convs = await db
      .insertInto('conversations')
      .values(apps.map((a) => ({ application_id: a.id, applicant_organisation_id: a.applicant_organisation_id, owner_organisation_id: a.owner_organisation_id })))
      .returning('id')
      .execute();
    conversations.push(...convs.map((c) => c.id));
  }
  await handle.close();
  return { url, cookies, conversations };
}

function startProcess(command: string[], env: Record<string, string>, ready: RegExp, typescript: boolean): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...(typescript ? ['--import', 'tsx'] : []), ...command], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`process exited (${code})`)));
  });
}

function ask(socket: Socket, event: string, payload: unknown, ms = 15_000): Promise<Ack> {
  return new Promise((resolve) => socket.timeout(ms).emit(event, payload, (err: Error | null, res: Ack) => resolve(err ? { ok: false, error: 'timeout' } : res)));
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

let runs = 0;

/** Connects every client, joins the pair's room, sends at the fixed rate, then waits for stragglers. */
async function runLoad(url: string, cookies: string[] | null, conversations: number[], rate: number, seconds: number, keepOpen = false, server?: ChildProcess): Promise<Result & { sockets: Socket[] }> {
  const sockets: Socket[] = [];
  for (let i = 0; i < clients; i += 50) {
    const batch = Array.from({ length: Math.min(50, clients - i) }, (_, k) => {
      const s = connect(`${url}/chat`, { transports: ['websocket'], reconnection: false, extraHeaders: cookies ? { cookie: cookies[i + k] } : {} });
      sockets.push(s);
      return new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
    });
    await Promise.all(batch);
  }
  const conv = (i: number) => conversations[Math.floor(i / 2)];
  // Joins are not measured: sent 50 at a time so that a busy host does not time them out.
  const joins: Ack[] = [];
  for (let i = 0; i < sockets.length; i += 50) {
    joins.push(...(await Promise.all(sockets.slice(i, i + 50).map((s, k) => ask(s, 'conversation:join', { conversationId: conv(i + k), afterSeq: 1_000_000 }, 60_000)))));
  }
  if (joins.some((j) => !j.ok)) throw new Error(`join failed: ${joins.find((j) => !j.ok)!.error}`);

  const sentAt = new Map<string, number>();
  const receipts = new Map<string, number>();
  const latencies: number[] = [];
  sockets.forEach((s, i) => {
    const partnerPrefix = `bench-c${i ^ 1}-`;
    s.on('message', (m: { clientKey: string }) => {
      if (!m.clientKey.startsWith(partnerPrefix)) return;
      const at = sentAt.get(m.clientKey);
      const n = (receipts.get(m.clientKey) ?? 0) + 1;
      receipts.set(m.clientKey, n);
      if (at !== undefined && n === 1) latencies.push(performance.now() - at);
    });
  });

  let sent = 0;
  let acked = 0;
  let failed = 0;
  let firstError: string | undefined;
  const ackedKeys: string[] = [];
  const pending: Promise<void>[] = [];
  const interval = 1000 / rate;
  // Keys of their own each run: a key sent in an earlier run is a resend, stored and broadcast once.
  const run = ++runs;
  const cpuBefore = cpuMs(server);
  const started = performance.now();
  const timers = sockets.map((s, i) => {
    let n = 0;
    const fire = () => {
      if (performance.now() - started >= seconds * 1000) return;
      const key = `bench-c${i}-r${run}-${n++}`;
      sentAt.set(key, performance.now());
      sent += 1;
      pending.push(
        ask(s, 'message:send', { conversationId: conv(i), clientKey: key, body: `負荷試験 ${key}` }).then((r) => {
          if (r.ok) {
            acked += 1;
            ackedKeys.push(key);
          } else {
            failed += 1;
            firstError ??= r.error ?? 'unknown';
          }
        }),
      );
    };
    // Spread the clients over the first interval so the load is even, not in waves.
    const first = setTimeout(() => {
      fire();
      timers[i].every = setInterval(fire, interval);
    }, Math.random() * interval);
    return { first, every: undefined as NodeJS.Timeout | undefined };
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of timers) {
    clearTimeout(t.first);
    clearInterval(t.every);
  }
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(pending);
  const deadline = performance.now() + 15_000;
  while (performance.now() < deadline && ackedKeys.some((k) => !receipts.has(k))) await new Promise((r) => setTimeout(r, 100));
  const serverCpuMs = cpuMs(server) - cpuBefore;
  const lost = ackedKeys.filter((k) => !receipts.has(k)).length;
  const dup = [...receipts.values()].filter((n) => n > 1).length;
  if (!keepOpen) for (const s of sockets) s.close();
  if (firstError) console.log(`first refusal: ${firstError}`);
  // A copy: with the sockets kept open, late deliveries still arrive after this.
  return { latencies: [...latencies].sort((a, b) => a - b), sent, acked, failed, received: receipts.size, lost, dup, seconds: elapsed, serverCpuMs, sockets };
}

function report(name: string, r: Result) {
  const l = r.latencies;
  console.log(
    `${name.padEnd(6)} sent ${r.sent}  acked ${r.acked}  refused ${r.failed}  delivered ${r.received}  lost ${r.lost}  dup ${r.dup}  ` +
      `${(r.acked / r.seconds).toFixed(0)} msg/s  latency p50 ${pct(l, 50).toFixed(1)} ms  p95 ${pct(l, 95).toFixed(1)} ms  p99 ${pct(l, 99).toFixed(1)} ms  max ${l.at(-1)?.toFixed(1)} ms` +
      (Number.isFinite(r.serverCpuMs) ? `  server CPU ${((r.serverCpuMs / Math.max(1, r.sent)) * 1000).toFixed(0)} µs per message sent` : ''),
  );
}

const stop = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
};

/** Deletes the sessions of the first `n` clients' users and times until the server closed each socket. */
async function revocation(url: string, sockets: Socket[], n: number): Promise<number[]> {
  const chosen = sockets.slice(0, n).filter((s) => s.connected);
  const db = await createDb({ databaseUrl: url, poolSize: 1 });
  const emails = chosen.map((_, i) => `bench-${i % 2 === 0 ? 'm' : 'c'}-${Math.floor(i / 2)}@example.jp`);
  const start = performance.now();
  const closed = chosen.map(
    (s) =>
      new Promise<number>((resolve) => {
        const timer = setTimeout(() => resolve(Infinity), 10_000);
        s.once('disconnect', () => {
          clearTimeout(timer);
          resolve(performance.now() - start);
        });
      }),
  );
  const deleted = await sql<Record<string, unknown>>`delete from sessions where user_id in (select id from users where email = any(${emails})) returning *`.execute(db.db);
  const times = (await Promise.all(closed)).sort((a, b) => a - b);
  // The capacity steps connect every client again: their sessions come back.
  if (deleted.rows.length) await db.db.insertInto('sessions').values(deleted.rows as never).execute();
  await db.close();
  return times;
}

const serverEnv = (url: string) => ({ NODE_ENV: 'production', DATABASE_URL: url, SESSION_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-bench-chat-')) });
/** BENCH_SERVER_NODE_ARGS: extra node flags for the app server only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`). */
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const startApp = (url: string) => startProcess([...serverNodeArgs, 'build/server/index.js'], serverEnv(url), /listening on http:\/\/[^:/]+:(\d+)/, false);
const p99 = (r: Result) => pct(r.latencies, 99);

console.log(`chat load: ${clients} clients in ${pairs} conversations, ${rate} msg/s each for ${seconds} s, PostgreSQL ${dbName}; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const data = await prepareDatabase();
const app = await startApp(data.url);
let chat: Result;
let revoked: number[] = [];
try {
  const run = await runLoad(`http://127.0.0.1:${app.port}`, data.cookies, data.conversations, rate, seconds, true, app.child);
  chat = run;
  revoked = await revocation(data.url, run.sockets, Math.min(100, clients));
  for (const s of run.sockets) s.close();
} finally {
  await stop(app.child);
}
report('chat', chat);
const stored = await createDb({ databaseUrl: data.url, poolSize: 1 });
const rows = await sql<{ n: number; d: number; g: number }>`
  select count(*)::int as n, (count(*) - count(distinct (conversation_id, client_key)))::int as d,
         (select count(*)::int from (select conversation_id, max(seq) - count(*) as gap from messages group by conversation_id) x where gap <> 0) as g
  from messages`.execute(stored.db);
console.log(`stored messages ${rows.rows[0].n} (acked ${chat.acked}), duplicate keys in the database ${rows.rows[0].d}, conversations with a gap in seq ${rows.rows[0].g}`);
await stored.close();
const closedAll = revoked.every(Number.isFinite);
console.log(
  `revocation: ${revoked.length} sessions deleted, sockets closed after p50 ${pct(revoked, 50).toFixed(0)} ms, max ${(revoked.at(-1) ?? NaN).toFixed(0)} ms${closedAll ? '' : ' (some never closed)'}`,
);

const bare = await startProcess(['scripts/lib/bench-bare-chat.ts'], {}, /listening (\d+)/, true);
let ceiling: Result;
try {
  ceiling = await runLoad(`http://127.0.0.1:${bare.port}`, null, data.conversations, rate, seconds, false, bare.child);
} finally {
  await stop(bare.child);
}
report('bare', ceiling);

// Capacity: the message rate at which chat p99 passes 100 ms.
let capacity = p99(chat) <= 100 ? (chat.acked / chat.seconds) : 0;
let passedAt: number | undefined = p99(chat) > 100 ? chat.acked / chat.seconds : undefined;
if (!args['no-capacity'] && passedAt === undefined) {
  for (const factor of [2, 4, 8]) {
    const r = rate * factor;
    if (r > 4.5 || r * Math.min(seconds, 5) > 28) break; // the per-user limits (5 events/s, 30 messages/min)
    const step = await startApp(data.url);
    let res: Result;
    try {
      res = await runLoad(`http://127.0.0.1:${step.port}`, data.cookies, data.conversations, r, Math.min(seconds, 5), false, step.child);
    } finally {
      await stop(step.child);
    }
    report(`x${factor}`, res);
    const msgs = res.acked / res.seconds;
    if (p99(res) > 100 || res.lost > 0 || res.failed > 0) {
      passedAt = msgs;
      break;
    }
    capacity = msgs;
  }
}
console.log(
  passedAt === undefined
    ? `capacity: chat p99 stays at or below 100 ms up to ${capacity.toFixed(0)} msg/s (the highest rate tried)`
    : `capacity: chat p99 passes 100 ms between ${capacity.toFixed(0)} and ${passedAt.toFixed(0)} msg/s`,
);

const admin = await createDb({ databaseUrl: adminUrlOf(baseUrl), poolSize: 1 });
await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
await admin.close();
console.log(`ratio: chat p99 is ${(p99(chat) / p99(ceiling)).toFixed(1)}× the bare socket.io p99; throughput ${((chat.acked / chat.seconds / (ceiling.acked / ceiling.seconds)) * 100).toFixed(0)}% of bare; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`chat p99 ${p99(chat).toFixed(1)} ms, bare p99 ${p99(ceiling).toFixed(1)} ms, lost ${chat.lost + ceiling.lost}, dup ${chat.dup + ceiling.dup}, ${clients} clients`);
process.exitCode = chat.lost + chat.dup > 0 ? 1 : 0;
