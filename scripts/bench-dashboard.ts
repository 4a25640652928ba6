import { performance } from 'node:perf_hooks';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createAppServer } from '../app/server/app';
import { WORKER_JOBS } from '../app/server/jobs';
import { loadConfig } from '../app/server/config';
import { parseMonitoringFilters } from '../app/domain/monitoring';
import { buildDashboard, refreshSummary } from '../app/services/monitoring.server';
import { clearChartCache } from '../app/services/monitoring-charts.server';
import { createDb } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { importMunicipalities, readMunicipalityMaster } from '../db/municipalities/import';
import { seedAccounts } from '../db/seed/accounts';
import { adminUrlOf, databaseUrlWith } from './lib/pg-url';

// The ministry dashboard at scale: 100,000 listings and 300,000 applications (with their events and
// conversations) on the real PostgreSQL, the summary refreshed once, then the service that builds
// the whole dashboard (queries + tables + SVG charts) and the HTTP route, timed over many runs.
const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 100_000);
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 300_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const dbName = 'km_bench_dashboard';
const NOW = new Date('2026-11-23T03:00:00Z');

const VIEWS = ['', 'fy=2025', 'fy=2026&type=dispatch', 'fy=2026&category=dx', 'fy=2026&pref=32&map=matches', 'from=2024-04&to=2026-11&category=tourism&type=senior'];

const ms = (x: number) => x.toFixed(1);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function seed(db: Awaited<ReturnType<typeof createDb>>['db']) {
  await migrateToLatest(db);
  await importMunicipalities(db, await readMunicipalityMaster());
  await seedAccounts(db);
  // 300 receiving municipalities (not the demo ones) and 300 companies
  await sql`
    insert into organisations (kind, status, name, slug, lg_code)
    select 'municipality', 'approved', m.name, 'bench-m-' || m.lg_code, m.lg_code
    from municipalities m
    where m.eligible_1433 and m.lg_code not in (select lg_code from organisations where lg_code is not null)
    order by md5(m.lg_code) limit 300`.execute(db);
  await sql`
    insert into organisations (kind, status, name, slug, head_office_lg_code, corporate_number, company_class)
    select 'company', 'approved', 'ベンチ株式会社' || g, 'bench-c-' || g, '131016', '8' || lpad(g::text, 12, '0'), 'A'
    from generate_series(1, 300) g`.execute(db);
  await sql`create temp table bm as select row_number() over (order by id) - 1 as i, id, lg_code from organisations where slug like 'bench-m-%'`.execute(db);
  await sql`create temp table bc as select row_number() over (order by id) - 1 as i, id from organisations where slug like 'bench-c-%'`.execute(db);
  const cats = `array['general_affairs','welfare','health','tourism','agriculture','local_products','migration','dx','civil_engineering','economy','public_relations','intermediary','education','gx','other']`;
  const types = `array['dispatch','side_job','senior']`;
  // Listings over 32 months (2024-04 … 2026-11): 80 % openings by municipalities, 20 % solutions by companies.
  await sql.raw(`
    insert into listings (kind, organisation_id, status, close_reason, title, categories, types, term_min_months, term_max_months,
                          lg_code, pref_code, deadline, published_at, closed_at, created_at)
    select kind, org, status, case when status = 'closed' then (array['filled','withdrawn','expired'])[1 + g % 3] end,
           'ベンチ掲載 ' || g, cats, typs, 6, 24, lg, left(coalesce(lg, '13'), 2),
           case when g % 10 = 0 then (pub + interval '60 days')::date end,
           case when status <> 'draft' then pub end,
           case when status = 'closed' then pub + interval '90 days' end,
           pub - interval '3 days'
    from (
      select g,
             case when g % 5 = 4 then 'solution' else 'opening' end as kind,
             case when g % 5 = 4 then (select id from bc where i = g % 300) else (select id from bm where i = g % 300) end as org,
             case when g % 5 = 4 then null else (select lg_code from bm where i = g % 300) end as lg,
             case when g % 20 = 0 then 'draft' when g % 7 = 0 then 'closed' else 'published' end as status,
             case when g % 3 = 0 then array[(${cats})[1 + g % 15], (${cats})[1 + (g / 15) % 15]] else array[(${cats})[1 + g % 15]] end as cats,
             case when g % 4 = 0 then array[(${types})[1 + g % 3], (${types})[1 + (g + 1) % 3]] else array[(${types})[1 + (g / 7) % 3]] end as typs,
             timestamptz '2024-04-01 09:00+09' + ((g * 7919) % 970) * interval '1 day' + (g % 24) * interval '1 hour' as pub
      from generate_series(1, ${LISTINGS}) g
    ) s`).execute(db);
  await sql`create temp table bl as select row_number() over (order by id) - 1 as i, id, kind, organisation_id, published_at from listings where status <> 'draft'`.execute(db);
  const n = Number((await sql<{ n: number }>`select count(*)::int as n from bl`.execute(db)).rows[0]!.n);
  // Applications: three per published listing on average, each applicant at most once per listing.
  await sql.raw(`
    insert into applications (listing_id, listing_kind, kind, applicant_organisation_id, owner_organisation_id, program_type, is_inquiry,
                              message, state, state_changed_at, first_reply_at, created_at, updated_at)
    select l.id, l.kind, case when l.kind = 'opening' then 'application' else 'scout' end,
           case when l.kind = 'opening' then (select id from bc where i = (g / ${n} + l.i * 7) % 300) else (select id from bm where i = (g / ${n} + l.i * 7) % 300) end,
           l.organisation_id, (${types})[1 + g % 3], st.inquiry, 'ベンチ応募', st.state, at, case when g % 6 <> 0 then at + ((g * 31) % 240) * interval '1 hour' end, at, at
    from generate_series(0, ${APPLICATIONS - 1}) g
    join bl l on l.i = g % ${n}
    cross join lateral (select l.published_at + ((g * 13) % 60) * interval '1 day' + (g % 11) * interval '1 hour' as at) t
    cross join lateral (select
      (array['applied','in_dialogue','interview','agreed','preparing','concluded','withdrawn','declined','in_dialogue','applied'])[1 + (g / 3) % 10] as state,
      ((g / 3) % 10 in (0, 1, 6, 7, 9) and g % 20 = 0) as inquiry) st`).execute(db);
  await sql`
    insert into application_events (application_id, from_state, to_state, created_at)
    select a.id, null, 'applied', a.created_at from applications a
    union all
    select a.id, 'applied', 'in_dialogue', coalesce(a.first_reply_at, a.created_at + interval '1 day') from applications a where a.state not in ('applied', 'withdrawn')
    union all
    select a.id, 'interview', 'agreed', a.created_at + ((a.id * 17) % 90 + 5) * interval '1 day' from applications a where a.state in ('agreed', 'preparing', 'concluded')
    union all
    select a.id, 'preparing', 'concluded', a.created_at + ((a.id * 17) % 90 + 40) * interval '1 day' from applications a where a.state = 'concluded'`.execute(db);
  await sql`
    insert into conversations (application_id, applicant_organisation_id, owner_organisation_id, last_seq, created_at)
    select id, applicant_organisation_id, owner_organisation_id, 1, created_at from applications where id % 10 <> 0`.execute(db);
  await sql`analyze`.execute(db);
}

async function main() {
  const admin = await createDb({ databaseUrl: adminUrlOf(baseUrl), poolSize: 1 });
  await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
  await sql.raw(`create database ${dbName}`).execute(admin.db);
  const url = databaseUrlWith(baseUrl, dbName);
  const handle = await createDb({ databaseUrl: url });
  try {
    let t = performance.now();
    await seed(handle.db);
    const counts = (await sql<{ l: number; a: number }>`select (select count(*) from listings)::int as l, (select count(*) from applications)::int as a`.execute(handle.db)).rows[0]!;
    console.log(`seeded ${counts.l} listings, ${counts.a} applications in ${ms((performance.now() - t) / 1000)} s`);
    t = performance.now();
    const r = await refreshSummary(handle.db, NOW);
    console.log(`summary refresh: ${ms(performance.now() - t)} ms (${r.cubeRows} summary rows)`);

    const filters = VIEWS.map((q) => parseMonitoringFilters(new URLSearchParams(q), NOW).filters);
    for (let i = 0; i < 20; i += 1) await buildDashboard(handle.db, filters[i % filters.length]!, { now: NOW });
    // cold: every chart drawn again (the first look at a view after a refresh); warm: drawings reused
    const cold: number[] = [];
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      clearChartCache();
      const start = performance.now();
      await buildDashboard(handle.db, filters[i % filters.length]!, { now: NOW });
      cold.push(performance.now() - start);
    }
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      await buildDashboard(handle.db, filters[i % filters.length]!, { now: NOW });
      times.push(performance.now() - start);
    }
    const noCharts: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      await buildDashboard(handle.db, filters[i % filters.length]!, { now: NOW, charts: false });
      noCharts.push(performance.now() - start);
    }
    const line = (name: string, xs: number[]) => console.log(`${name}: p50 ${ms(pct(xs, 50))} ms, p95 ${ms(pct(xs, 95))} ms, max ${ms(Math.max(...xs))} ms over ${xs.length} runs (${VIEWS.length} views)`);
    line('service buildDashboard, queries + tables only', noCharts);
    line('service buildDashboard, charts drawn every time (cold)', cold);
    line('service buildDashboard, chart drawings reused (warm)', times);

    const httpTimes = await benchHttp(url, Math.min(RUNS, 100));
    if (httpTimes) console.log(`HTTP GET /monitoring: p50 ${ms(pct(httpTimes, 50))} ms, p95 ${ms(pct(httpTimes, 95))} ms over ${httpTimes.length} requests`);
    console.log(`dashboard p95 ${ms(pct(times, 95))} ms at ${counts.a} applications`);
  } finally {
    await handle.close();
    if (!process.env.BENCH_KEEP) await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
    await admin.close();
  }
}

/** The route end to end (session lookup, loader, React render), when the web build exists. */
async function benchHttp(databaseUrl: string, runs: number): Promise<number[] | null> {
  const dbHandle = await createDb({ databaseUrl });
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'b'.repeat(40), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-bench-')), DATABASE_URL: databaseUrl });
  let server;
  try {
    server = await createAppServer({ config, dbHandle, logger: pino({ level: 'silent' }) , jobs: WORKER_JOBS });
  } catch (error) {
    console.log(`HTTP route skipped: ${(error as Error).message.split('\n')[0]}`);
    await dbHandle.close();
    return null;
  }
  const port = await server.listen();
  const base = `http://127.0.0.1:${port}`;
  try {
    const login = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: new URLSearchParams({ email: 'ministry@example.jp', password: 'demo-ministry-2026' }),
    });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const times: number[] = [];
    for (let i = 0; i < runs + 10; i += 1) {
      const start = performance.now();
      const res = await fetch(`${base}/monitoring?${VIEWS[i % VIEWS.length]}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET /monitoring answered ${res.status}`);
      if (i >= 10) times.push(performance.now() - start);
    }
    return times;
  } finally {
    await server.close();
  }
}

main().catch((error) => {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
});
