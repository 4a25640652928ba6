import { sql, type Kysely } from 'kysely';
import type { Database } from '../database';

/**
 * Demo data at a scale where the ministry dashboard shows a real funnel: listings of municipalities
 * in a dozen prefectures and applications to them over two fiscal years, with conversations,
 * replies and state changes. Deterministic (a seeded generator) and idempotent: organisations are
 * named `scale-…`, and a second run adds nothing.
 */
export interface DemoScaleOptions {
  applications: number;
  /** the generator's seed: the same seed gives the same data */
  seed?: number;
  /** the last moment anything happens (default: now) */
  until?: Date;
}

function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const CATEGORIES = ['dx', 'tourism', 'agriculture', 'education', 'gx', 'health', 'disaster'] as const;
const TYPES = ['dispatch', 'side_job', 'senior'] as const;
/** where an application ends, with how often (out of 100) */
const OUTCOMES: [string, number][] = [
  ['applied', 30],
  ['in_dialogue', 20],
  ['interview', 10],
  ['agreed', 8],
  ['preparing', 5],
  ['concluded', 9],
  ['withdrawn', 8],
  ['declined', 10],
];
const PATH = ['applied', 'in_dialogue', 'interview', 'agreed', 'preparing', 'concluded'];
/** The applications `npm start` and `npm run db:seed` create: two fiscal years of a funnel. */
export const DEMO_SCALE_APPLICATIONS = 3000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function seedDemoScale(db: Kysely<Database>, options: DemoScaleOptions): Promise<string> {
  const existing = await db.selectFrom('organisations').select('id').where('slug', 'like', 'scale-%').executeTakeFirst();
  if (existing) return 'already there';
  const rnd = generator(options.seed ?? 2026);
  const until = options.until ?? new Date();
  const start = until.getTime() - 600 * DAY;

  const places = await sql<{ lg_code: string; pref_code: string }>`
    select distinct on (pref_code) lg_code, pref_code from municipalities order by pref_code, lg_code`.execute(db);
  const prefs = places.rows.filter((_, i) => i % 4 === 0).slice(0, 12);
  if (prefs.length === 0) throw new Error('the municipality master is empty: run the municipalities step first');

  // Everything is generated first, in the generator's order, then written in batches: a few dozen
  // statements instead of one per row (3,000 applications took 33 s row by row on PGlite).
  const orgRows: Record<string, unknown>[] = [];
  for (const [i, p] of prefs.entries()) orgRows.push({ slug: `scale-muni-${i + 1}`, kind: 'municipality', lg_code: p.lg_code });
  for (let i = 0; i < 16; i += 1) orgRows.push({ slug: `scale-company-${i + 1}`, kind: 'company', head_office_lg_code: '131016', corporate_number: String(9100000000000 + i * 7), company_class: 'A' });
  for (let i = 0; i < 8; i += 1) orgRows.push({ slug: `scale-person-${i + 1}`, kind: 'individual', individual_track: 'side_job', head_office_lg_code: '131016' });
  // Ids are matched by a key of each row, not by the order RETURNING happens to give.
  const orgBySlug = new Map((await insertBatches(db, 'organisations', orgRows.map((o) => ({ status: 'approved', name: o.slug, ...o })), ['id', 'slug'])).map((r) => [r.slug, r.id as string]));
  const orgIds = orgRows.map((o) => orgBySlug.get(o.slug)!);
  const munis = prefs.map((p, i) => ({ id: orgIds[i]!, pref: p.pref_code }));
  const applicants: { id: string; kind: 'company' | 'individual' }[] = orgIds.slice(prefs.length).map((id, i) => ({ id, kind: i < 16 ? 'company' : 'individual' }));

  const listingCount = Math.max(12, Math.round(options.applications / 6));
  const listingDrafts: { owner: string; published: number; types: string[]; row: Record<string, unknown> }[] = [];
  for (let i = 0; i < listingCount; i += 1) {
    const m = rnd.pick(munis);
    const published = start + rnd.int(560) * DAY + rnd.int(24) * HOUR;
    const cats = [...new Set([rnd.pick(CATEGORIES), ...(rnd.next() < 0.3 ? [rnd.pick(CATEGORIES)] : [])])];
    const types = [...new Set([rnd.pick(TYPES), ...(rnd.next() < 0.25 ? [rnd.pick(TYPES)] : [])])];
    const closed = rnd.next() < 0.2;
    listingDrafts.push({
      owner: m.id,
      published,
      types,
      row: {
        kind: 'opening',
        organisation_id: m.id,
        status: closed ? 'closed' : 'published',
        close_reason: closed ? rnd.pick(['filled', 'withdrawn', 'expired']) : null,
        title: `起業人募集（デモ ${i + 1}）`,
        categories: cats,
        types,
        term_min_months: 6,
        term_max_months: 24,
        pref_code: m.pref,
        published_at: new Date(published),
        closed_at: closed ? new Date(Math.min(until.getTime(), published + 60 * DAY)) : null,
        created_at: new Date(published - DAY),
      },
    });
  }
  const listingByTitle = new Map((await insertBatches(db, 'listings', listingDrafts.map((l) => l.row), ['id', 'title'])).map((r) => [r.title, r.id as number]));
  const listings = listingDrafts.map((l) => ({ id: listingByTitle.get(l.row.title)!, owner: l.owner, published: l.published, types: l.types }));

  // one application per listing and applicant
  const used = new Set<string>();
  const apps: { row: Record<string, unknown>; events: [string, number][]; conversation: Record<string, unknown> | null }[] = [];
  for (let i = 0, tries = 0; i < options.applications && tries < options.applications * 20; tries += 1) {
    const l = rnd.pick(listings);
    const a = rnd.pick(applicants);
    if (used.has(`${l.id}|${a.id}`)) continue;
    used.add(`${l.id}|${a.id}`);
    i += 1;
    const created = Math.min(until.getTime() - HOUR, l.published + rnd.int(90) * DAY + rnd.int(24) * HOUR);
    let roll = rnd.int(100);
    const outcome = OUTCOMES.find(([, w]) => (roll -= w) < 0)![0];
    const type = a.kind === 'individual' ? rnd.pick(['side_job', 'senior'] as const) : rnd.pick(l.types.filter((t) => t !== 'senior').concat('dispatch'));
    const reached = outcome === 'withdrawn' || outcome === 'declined' ? PATH.slice(0, 1 + rnd.int(3)) : PATH.slice(0, PATH.indexOf(outcome) + 1);
    const events: [string, number][] = [];
    let at = created;
    for (const s of reached.slice(1)) events.push([s, (at = Math.min(until.getTime(), at + (1 + rnd.int(20)) * DAY))]);
    if (outcome === 'withdrawn' || outcome === 'declined') events.push([outcome, Math.min(until.getTime(), at + DAY)]);
    const reply = reached.length > 1 ? created + (1 + rnd.int(72)) * HOUR : null;
    const row = {
      listing_id: l.id,
      listing_kind: 'opening',
      kind: 'application',
      applicant_organisation_id: a.id,
      owner_organisation_id: l.owner,
      program_type: type,
      is_inquiry: ['applied', 'in_dialogue', 'withdrawn', 'declined'].includes(outcome) && rnd.next() < 0.1,
      eligibility: JSON.stringify({ eligible: true }),
      message: 'デモの応募です。',
      state: outcome,
      state_changed_at: new Date(events.at(-1)?.[1] ?? created),
      first_reply_at: reply ? new Date(reply) : null,
      created_at: new Date(created),
      updated_at: new Date(created),
    };
    const conversation = reply || rnd.next() < 0.5 ? { applicant_organisation_id: a.id, owner_organisation_id: l.owner, last_seq: 1, created_at: new Date(created) } : null;
    apps.push({ row, events: [['applied', created], ...events], conversation });
  }
  const appByPair = new Map(
    (await insertBatches(db, 'applications', apps.map((a) => a.row), ['id', 'listing_id', 'applicant_organisation_id'])).map((r) => [`${r.listing_id}|${r.applicant_organisation_id}`, r.id as number]),
  );
  const appIds = apps.map((a) => appByPair.get(`${a.row.listing_id}|${a.row.applicant_organisation_id}`)!);
  const eventRows: Record<string, unknown>[] = [];
  const conversationRows: Record<string, unknown>[] = [];
  apps.forEach((a, i) => {
    let from: string | null = null;
    for (const [to, t] of a.events) {
      eventRows.push({ application_id: appIds[i], from_state: from, to_state: to, created_at: new Date(t) });
      from = to;
    }
    if (a.conversation) conversationRows.push({ application_id: appIds[i], ...a.conversation });
  });
  await insertBatches(db, 'application_events', eventRows);
  await insertBatches(db, 'conversations', conversationRows);
  const sent = apps.map((a) => ({ listing: a.row.listing_id as number, applicant: a.row.applicant_organisation_id as string, created: (a.row.created_at as Date).getTime() }));
  const proposals = (await sql<{ t: string | null }>`select to_regclass('proposal_events')::text as t`.execute(db)).rows[0]?.t != null ? await seedProposalEvents(db, rnd, applicants, listings, sent, start, until) : 0;
  return `${listingCount} listings, ${options.applications} applications in ${prefs.length} prefectures, ${proposals} proposal events`;
}

const fiscalYearOf = (t: number) => {
  const jst = new Date(t + 9 * HOUR);
  return jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
};

/**
 * マッチング提案 as the ministry counts them: a solution per company, and proposals of openings and
 * solutions shown to their owners; some acted on, and some of those followed by the application
 * the company sent (shown and acted on before it was sent).
 */
async function seedProposalEvents(
  db: Kysely<Database>,
  rnd: ReturnType<typeof generator>,
  applicants: { id: string; kind: 'company' | 'individual' }[],
  openings: { id: number; owner: string; published: number; types: string[] }[],
  sent: { listing: number; applicant: string; created: number }[],
  start: number,
  until: Date,
): Promise<number> {
  const solutionOf = new Map<string, number>();
  for (const [i, a] of applicants.filter((x) => x.kind === 'company').entries()) {
    const published = start + rnd.int(30) * DAY;
    const { id } = await db
      .insertInto('listings')
      .values({
        kind: 'solution',
        organisation_id: a.id,
        status: 'published',
        title: `ソリューション（デモ ${i + 1}）`,
        categories: [rnd.pick(CATEGORIES)],
        types: ['dispatch', 'side_job'],
        term_min_months: 6,
        term_max_months: 24,
        published_at: new Date(published),
        created_at: new Date(published - DAY),
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    solutionOf.set(a.id, id as number);
  }
  const ownerOf = new Map(openings.map((o) => [o.id, o]));
  const rows: { kind: string; opening_id: number; solution_id: number; organisation_id: string; fiscal_year: number; created_at: Date }[] = [];
  const event = (kind: string, opening: number, solution: number, organisation: string, t: number) =>
    rows.push({ kind, opening_id: opening, solution_id: solution, organisation_id: organisation, fiscal_year: fiscalYearOf(t), created_at: new Date(t) });
  // proposals that led to an application: shown to the company, acted on, then the application
  for (const s of sent) {
    const solution = solutionOf.get(s.applicant);
    if (solution === undefined || rnd.next() < 0.6) continue;
    const shown = Math.max(ownerOf.get(s.listing)!.published, s.created - (1 + rnd.int(5)) * DAY);
    event('shown', s.listing, solution, s.applicant, shown);
    if (rnd.next() < 0.3) event('shown', s.listing, solution, s.applicant, shown + DAY);
    event('acted', s.listing, solution, s.applicant, Math.min(s.created, shown + HOUR));
  }
  // proposals shown to either side, some acted on, some dismissed
  const solutions = [...solutionOf.entries()];
  for (let i = 0; i < openings.length * 2; i += 1) {
    const o = rnd.pick(openings);
    const [company, solution] = rnd.pick(solutions);
    const toMunicipality = rnd.next() < 0.5;
    const organisation = toMunicipality ? o.owner : company;
    const shown = Math.min(until.getTime() - HOUR, o.published + rnd.int(60) * DAY + rnd.int(24) * HOUR);
    event('shown', o.id, solution, organisation, shown);
    const roll = rnd.next();
    if (roll < 0.15) event('acted', o.id, solution, organisation, Math.min(until.getTime(), shown + HOUR));
    else if (roll < 0.3) event('dismissed', o.id, solution, organisation, Math.min(until.getTime(), shown + HOUR));
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('proposal_events').values(rows.slice(i, i + 500) as never).onConflict((oc) => oc.doNothing()).execute();
  return rows.length;
}

const BATCH = 500;

type ScaleTable = 'organisations' | 'listings' | 'applications' | 'application_events' | 'conversations';

/** Inserts rows in statements of BATCH rows, returning the named columns of the new rows. */
async function insertBatches(db: Kysely<Database>, table: ScaleTable, rows: Record<string, unknown>[], returning: string[] = []): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const insert = db.insertInto(table).values(rows.slice(i, i + BATCH) as never);
    if (returning.length) out.push(...((await insert.returning(returning as never).execute()) as Record<string, unknown>[]));
    else await insert.execute();
  }
  return out;
}
