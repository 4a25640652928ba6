import { performance } from 'node:perf_hooks';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { SessionUser } from '../app/domain/accounts/types';
import { CATEGORIES } from '../app/domain/listings/categories';
import { latestRules } from '../app/domain/rules';
import { PROGRAM_TYPES, type ProgramType } from '../app/domain/vocabulary';
import {
  computeAllPairs,
  loadOpenMatchListings,
  matchContext,
  proposalsForListing,
  refreshProposalsFor,
  storeAllProposals,
} from '../app/services/proposals.server';
import type { Database } from '../db/database';
import { CorpusLineSchema, parseJsonLines, type CorpusLine } from '../search/corpus';
import { openBenchDb } from './lib/bench-db';
import { runCli, UsageError } from './lib/cli';
import { categoryIdOf } from './lib/match-corpus';
import type { Kysely } from 'kysely';

// Generates N openings × N solutions (texts varied from the judged corpus, real municipalities,
// companies of class A/B/none and individuals of every track), computes every listing's proposals
// in one batch and stores them, then times reading one listing's proposals from the store and
// refreshing one listing after a change. On PostgreSQL (DATABASE_URL) it uses its own database
// `km_bench_match`, dropped afterwards; otherwise an in-memory embedded one.

const BENCH_DB = 'km_bench_match';
const CORPUS = new URL('../tests/fixtures/search/search-corpus.jsonl', import.meta.url);
const TODAY = '2026-12-07';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

await runCli(async ({ config }) => {
  const { values } = parseArgs({ options: { n: { type: 'string', default: '10000' }, reads: { type: 'string', default: '200' }, refreshes: { type: 'string', default: '10' } } });
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 100) throw new UsageError('--n must be a whole number ≥ 100');
  const reads = Number(values.reads);
  const refreshes = Number(values.refreshes);

  const bench = await openBenchDb(config.databaseUrl, BENCH_DB);
  const { handle } = bench;
  try {
    const corpus = parseJsonLines(await readFile(CORPUS, 'utf8'), CorpusLineSchema, CORPUS.pathname);
    let t = performance.now();
    const owners = await generate(handle.db, corpus, n);
    console.log(`generated ${n} openings × ${n} solutions in ${((performance.now() - t) / 1000).toFixed(1)} s (${handle.driver})`);

    t = performance.now();
    const { openings, solutions } = await loadOpenMatchListings(handle.db, TODAY);
    const loadMs = performance.now() - t;
    const perListing: number[] = [];
    t = performance.now();
    const rows = computeAllPairs(openings, solutions, matchContext(TODAY, new Date(`${TODAY}T00:00:00Z`)), { onListing: (x) => perListing.push(x) });
    const rankMs = performance.now() - t;
    t = performance.now();
    await storeAllProposals(handle.db, rows);
    const storeMs = performance.now() - t;
    console.log(`batch: load+analyse ${(loadMs / 1000).toFixed(1)} s, rank ${(rankMs / 1000).toFixed(1)} s, store ${rows.length} pairings ${(storeMs / 1000).toFixed(1)} s`);
    console.log(`ranking per listing (${perListing.length}): p50 ${ms(pct(perListing, 50))}, p95 ${ms(pct(perListing, 95))}, max ${ms(pct(perListing, 100))}`);

    const pick = rng(7);
    const sample = Array.from({ length: reads }, () => owners[Math.floor(pick() * owners.length)]);
    const readTimes: number[] = [];
    let shown = 0;
    for (const o of sample) {
      const t0 = performance.now();
      const ps = await proposalsForListing(handle.db, { listingId: o.id, viewer: o.viewer, limit: 10, today: TODAY });
      readTimes.push(performance.now() - t0);
      shown += ps.length;
    }
    console.log(`proposals of one listing from the store (${reads}, ${(shown / reads).toFixed(1)} shown on average): p50 ${ms(pct(readTimes, 50))}, p95 ${ms(pct(readTimes, 95))}`);

    const refreshTimes: number[] = [];
    for (let i = 0; i < refreshes; i++) {
      const o = owners[Math.floor(pick() * owners.length)];
      const t0 = performance.now();
      await refreshProposalsFor(handle.db, o.id, { today: TODAY });
      refreshTimes.push(performance.now() - t0);
    }
    console.log(`refresh of one listing after a change (${refreshes}): p50 ${ms(pct(refreshTimes, 50))}, p95 ${ms(pct(refreshTimes, 95))}`);
    console.log(
      JSON.stringify({
        openings: n,
        solutions: n,
        driver: handle.driver,
        batchSeconds: Math.round((loadMs + rankMs + storeMs) / 100) / 10,
        rankP95Ms: Math.round(pct(perListing, 95) * 10) / 10,
        readP95Ms: Math.round(pct(readTimes, 95) * 10) / 10,
        refreshP95Ms: Math.round(pct(refreshTimes, 95)),
      }),
    );
  } finally {
    await bench.close();
  }
});

type Owner = { id: number; viewer: SessionUser };

/** Organisations and listings, inserted in bulk; returns every listing with a viewer of its organisation. */
async function generate(db: Kysely<Database>, corpus: CorpusLine[], n: number): Promise<Owner[]> {
  const r = rng(42);
  const pickOf = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const munis = await db.selectFrom('municipalities').select(['lg_code', 'pref_code', 'kencho', 'eligible_1433']).execute();
  const metro = new Set(latestRules().metroPrefCodes);
  const receivers = munis.filter((m) => m.eligible_1433);
  const needs = corpus.filter((l) => l.kind === 'need');
  const offers = corpus.filter((l) => l.kind === 'solution');

  type Org = { id: string; kind: 'municipality' | 'company' | 'individual'; lg: string | null; hq: string | null; track: 'side_job' | 'senior' | 'freelance' | null };
  const orgs: Org[] = [];
  const orgRows: Array<Record<string, unknown>> = [];
  const addOrg = (o: Omit<Org, 'id'>, i: number) => {
    const id = `00000000-0000-4000-8000-${String(orgs.length + 1).padStart(12, '0')}`;
    orgs.push({ ...o, id });
    orgRows.push({
      id, kind: o.kind, status: 'approved', name: `ベンチ団体${i}`, slug: `bench-${orgs.length}`, lg_code: o.lg, head_office_lg_code: o.hq,
      corporate_number: o.kind === 'company' ? String(2_000_000_000_000 + orgs.length) : null, individual_track: o.track,
      company_class: o.kind === 'company' ? (o.hq && metro.has(o.hq.slice(0, 2)) ? 'A' : 'B') : null,
    });
  };
  const municipalityOrgs: Org[] = [];
  receivers.forEach((m, i) => {
    addOrg({ kind: 'municipality', lg: m.lg_code, hq: null, track: null }, i);
    municipalityOrgs.push(orgs[orgs.length - 1]);
  });
  const kencho = munis.filter((m) => m.kencho);
  const senderOrgs: Org[] = [];
  for (let i = 0; i < Math.max(200, Math.floor(n / 5)); i++) {
    const individual = r() < 0.25;
    const hq = r() < 0.9 ? pickOf(kencho).lg_code : pickOf(munis).lg_code;
    const track = individual ? pickOf(['side_job', 'side_job', 'senior', 'freelance'] as const) : null;
    addOrg({ kind: individual ? 'individual' : 'company', lg: null, hq, track }, i);
    senderOrgs.push(orgs[orgs.length - 1]);
  }
  for (let i = 0; i < orgRows.length; i += 1000) await db.insertInto('organisations').values(orgRows.slice(i, i + 1000) as never).execute();

  const listingRows: Array<Record<string, unknown>> = [];
  const listingOrgs: Org[] = [];
  const catId = (label: string) => categoryIdOf(label) ?? CATEGORIES[CATEGORIES.length - 1].id;
  const day = (offset: number) => new Date(Date.UTC(2026, 11, 7) + offset * 86_400_000);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const listing = (kind: 'opening' | 'solution', t: CorpusLine, org: Org, types: ProgramType[]) => {
    const term = t.term_months ?? 24;
    const lo = Math.max(6, term - 6 * Math.floor(r() * 2));
    const hi = Math.min(36, term + 6 * Math.floor(r() * 3));
    const skills = [...t.skills].sort(() => r() - 0.5).slice(0, Math.max(1, t.skills.length - Math.floor(r() * 2)));
    listingRows.push({
      kind, organisation_id: org.id, status: 'published', close_reason: null, title: `${t.title}${r() < 0.5 ? '' : `（${Math.floor(r() * 900) + 100}）`}`,
      summary: '', body: t.body, duties: '', skills: skills.join('、'), track_record: '', conditions: '',
      categories: [catId(t.category)], types, term_min_months: lo, term_max_months: hi,
      start_from: iso(day(30 + Math.floor(r() * 300))), deadline: kind === 'opening' ? iso(day(60 + Math.floor(r() * 200))) : null,
      remote_ok: t.remote_ok, lg_code: kind === 'opening' ? org.lg : null, pref_code: (kind === 'opening' ? org.lg : org.hq)?.slice(0, 2) ?? null,
      region_anywhere: kind === 'solution' && r() < 0.4, region_pref_codes: kind === 'solution' && r() < 0.5 ? [pickOf(munis).pref_code] : [],
      published_at: day(-Math.floor(r() * 365)), contact_name: '', contact_email: '', contact_phone: '',
    });
    listingOrgs.push(org);
  };
  for (let i = 0; i < n; i++) {
    const t = pickOf(needs);
    listing('opening', t, pickOf(municipalityOrgs), t.types.length ? t.types : ['dispatch']);
  }
  for (let i = 0; i < n; i++) {
    const t = pickOf(offers);
    const org = pickOf(senderOrgs);
    const allowed: readonly ProgramType[] = org.kind === 'company' ? ['dispatch', 'side_job'] : org.track === 'senior' ? ['senior'] : ['side_job'];
    const types = t.types.filter((x) => allowed.includes(x));
    listing('solution', t, org, types.length ? types : [allowed[0] ?? PROGRAM_TYPES[1]]);
  }
  const ids: number[] = [];
  for (let i = 0; i < listingRows.length; i += 500) {
    const got = await db.insertInto('listings').values(listingRows.slice(i, i + 500) as never).returning('id').execute();
    ids.push(...got.map((g) => g.id));
  }
  return ids.map((id, i) => {
    const o = listingOrgs[i];
    const viewer = { id: o.id, role: o.kind, organisationId: o.id, organisation: { id: o.id, kind: o.kind } } as unknown as SessionUser;
    return { id, viewer };
  });
}
