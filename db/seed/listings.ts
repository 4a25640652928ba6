import type { Kysely } from 'kysely';
import { addDays, japanToday } from '../../app/utils/dates';
import { toSearchDocument } from '../../app/domain/listings/search-document';
import { indexDocument } from '../../search/index';
import type { Database } from '../database';
// The same row mapping as the listings service, so seeded listings are indexed exactly as edited ones are.
import { findListingById, findMunicipalitiesByCodes, insertListing, insertRevision, toListing } from '../queries/listings';
import { OPENINGS, type OpeningSeed } from './listings-openings';
import { SOLUTIONS, type SolutionSeed } from './listings-solutions';

/*
 * Demo listings. Deadlines and start dates are relative to the day the seed runs, so the demo
 * always shows open listings. Idempotent: a listing is identified by its organisation and title.
 * The search document is built by the same pure mapping the listings service uses.
 */

const md = (items: string[]) => items.map((i) => `- ${i}`).join('\n');

export async function seedListings(db: Kysely<Database>): Promise<string> {
  const orgs = await db.selectFrom('organisations').select(['id', 'slug', 'lg_code', 'head_office_lg_code', 'name']).execute();
  const bySlug = new Map(orgs.map((o) => [o.slug, o]));
  const users = await db.selectFrom('users').select(['id', 'organisation_id']).orderBy('created_at').execute();
  const firstUser = new Map<string, string>();
  for (const u of users) if (!firstUser.has(u.organisation_id)) firstUser.set(u.organisation_id, u.id);
  const today = japanToday();
  let created = 0;
  let skipped = 0;
  const all: (['opening', OpeningSeed] | ['solution', SolutionSeed])[] = [...OPENINGS.map((o) => ['opening', o] as ['opening', OpeningSeed]), ...SOLUTIONS.map((s) => ['solution', s] as ['solution', SolutionSeed])];
  for (const [i, [kind, seed]] of all.entries()) {
    const org = bySlug.get(seed.org);
    if (!org) {
      skipped += 1;
      continue;
    }
    const exists = await db.selectFrom('listings').select('id').where('organisation_id', '=', org.id).where('title', '=', seed.title).executeTakeFirst();
    if (exists) continue;
    await db.transaction().execute(async (trx) => {
      const status = 'status' in seed && seed.status === 'draft' ? 'draft' : 'status' in seed && seed.status === 'filled' ? 'closed' : 'published';
      // Spread publication over the past weeks so "newest" has a meaningful order.
      const publishedAt = status === 'draft' ? null : new Date(Date.now() - (all.length - i) * 7 * 3600_000);
      const id = await insertListing(trx, kind === 'opening' ? openingRow(seed as OpeningSeed, org, today) : solutionRow(seed as SolutionSeed, org, today));
      await trx
        .updateTable('listings')
        .set({ status, close_reason: status === 'closed' ? 'filled' : null, published_at: publishedAt, closed_at: status === 'closed' ? new Date() : null })
        .where('id', '=', id)
        .execute();
      const row = (await findListingById(trx, id))!;
      await insertRevision(trx, { listing_id: id, revision: 1, action: 'create', user_id: firstUser.get(org.id) ?? null, changed: [], snapshot: { seed: true, title: seed.title } });
      const [m] = await findMunicipalitiesByCodes(trx, row.lg_code ? [row.lg_code] : []);
      await indexDocument(trx, toSearchDocument(toListing(row), m ? { name: m.name, prefName: m.pref_name, eligible1433: m.eligible_1433, eligible1375: m.eligible_1375 } : null));
    });
    created += 1;
  }
  return `${created} listings created${skipped ? `, ${skipped} skipped (organisation missing)` : ''}`;
}

type Org = { id: string; lg_code: string | null; head_office_lg_code: string | null; name: string };

function openingRow(s: OpeningSeed, org: Org, today: string) {
  return {
    kind: 'opening' as const,
    organisation_id: org.id,
    title: s.title,
    summary: s.summary,
    body: s.body,
    duties: md(s.duties),
    skills: md(s.skills),
    track_record: '',
    conditions: s.support,
    categories: s.categories,
    types: s.types,
    term_min_months: s.term[0],
    term_max_months: s.term[1],
    start_from: addDays(today, s.deadlineIn + 45).slice(0, 8) + '01',
    deadline: addDays(today, s.deadlineIn),
    days_on_site: s.days,
    remote_ok: s.remote,
    budget_min_yen: s.budget ? s.budget[0] * 10_000 : null,
    budget_max_yen: s.budget ? s.budget[1] * 10_000 : null,
    headcount: null,
    lg_code: org.lg_code,
    pref_code: org.lg_code?.slice(0, 2) ?? null,
    region_pref_codes: [],
    region_anywhere: false,
    contact_name: `${org.name} 地域活性化起業人担当`,
    contact_email: `kigyojin@${org.lg_code ?? 'city'}.example.lg.jp`,
    contact_phone: '',
  };
}

function solutionRow(s: SolutionSeed, org: Org, today: string) {
  return {
    kind: 'solution' as const,
    organisation_id: org.id,
    title: s.title,
    summary: s.summary,
    body: s.body,
    duties: '',
    skills: md(s.skills),
    track_record: md(s.track),
    conditions: s.conditions,
    categories: s.categories,
    types: s.types,
    term_min_months: s.term[0],
    term_max_months: s.term[1],
    start_from: addDays(today, s.startIn),
    deadline: null,
    days_on_site: null,
    remote_ok: s.remote,
    budget_min_yen: null,
    budget_max_yen: null,
    headcount: s.headcount,
    lg_code: null,
    pref_code: org.head_office_lg_code?.slice(0, 2) ?? null,
    region_pref_codes: s.regions === 'anywhere' ? [] : s.regions,
    region_anywhere: s.regions === 'anywhere',
    contact_name: org.name,
    contact_email: `contact@${org.id.slice(0, 8)}.example.jp`,
    contact_phone: '',
  };
}
