import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { ProposalEventKind } from '../types/proposals';
import { PROPOSAL_ALERT_MIN_SCORE } from '../../app/domain/alerts/proposal-digest';
import type { ListingKind, ProgramType } from '../../app/domain/vocabulary';
import { LISTING_CARD_COLUMNS } from './listings';

type Db = Kysely<Database> | Transaction<Database>;

const otherSide = (kind: ListingKind) => (kind === 'opening' ? 'solution_id' : 'opening_id');
const ownSide = (kind: ListingKind) => (kind === 'opening' ? 'opening_id' : 'solution_id');

/** Published listings of a kind not past their deadline, with what matching needs of their organisation. */
export function findMatchListings(db: Db, f: { kind: ListingKind; today: string; ids?: number[] }) {
  let q = db
    .selectFrom('listings as l')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .select([
      'l.id',
      'l.kind',
      'l.status',
      'l.title',
      'l.summary',
      'l.body',
      'l.duties',
      'l.skills',
      'l.track_record',
      'l.categories',
      'l.types',
      'l.term_min_months',
      'l.term_max_months',
      'l.remote_ok',
      'l.lg_code',
      'l.pref_code',
      'l.region_pref_codes',
      'l.region_anywhere',
      'l.published_at',
      'l.organisation_id',
      'o.kind as organisation_kind',
      'o.head_office_lg_code',
      'o.individual_track',
      'l.updated_at',
      'o.updated_at as organisation_updated_at',
      sql<string | null>`to_char(l.start_from, 'YYYY-MM-DD')`.as('start_from'),
      sql<string | null>`to_char(l.deadline, 'YYYY-MM-DD')`.as('deadline'),
    ])
    .where('l.kind', '=', f.kind)
    .where('l.status', '=', 'published')
    .where((eb) => eb.or([eb('l.deadline', 'is', null), eb('l.deadline', '>=', f.today)]));
  if (f.ids) q = f.ids.length ? q.where('l.id', 'in', f.ids) : q.where(sql<boolean>`false`);
  return q.orderBy('l.id').execute();
}
export type MatchListingRow = Awaited<ReturnType<typeof findMatchListings>>[number];

/** The open listings of a kind with when they and their organisation last changed, without their texts. */
export function findMatchStamps(db: Db, f: { kind: ListingKind; today: string }) {
  return db
    .selectFrom('listings as l')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .select(['l.id', 'l.updated_at', 'o.updated_at as organisation_updated_at'])
    .where('l.kind', '=', f.kind)
    .where('l.status', '=', 'published')
    .where((eb) => eb.or([eb('l.deadline', 'is', null), eb('l.deadline', '>=', f.today)]))
    .orderBy('l.id')
    .execute();
}

export type ProposalRow = { opening_id: number; solution_id: number; score: number; types: ProgramType[]; reasons: string[] };

/** Every stored pairing of a listing, with its score. */
export function findStoredPairs(db: Db, kind: ListingKind, listingId: number) {
  return db.selectFrom('proposals').select(['opening_id', 'solution_id', 'score']).where(ownSide(kind), '=', listingId).execute();
}

export async function deleteProposalsOf(trx: Db, kind: ListingKind, listingId: number) {
  await trx.deleteFrom('proposals').where(ownSide(kind), '=', listingId).execute();
}

const CHUNK = 1000;

/**
 * Stores pairings with the time of this transaction. `appeared_at` is set when a pairing first
 * scores at or above the digest threshold and kept from then on, so a recomputation (or a rebuild
 * of the whole store) never announces a pairing again.
 */
export async function upsertProposals(trx: Db, rows: ProposalRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((r) => ({
      ...r,
      reasons: JSON.stringify(r.reasons),
      computed_at: sql<Date>`now()` as unknown as Date,
      appeared_at: (r.score >= PROPOSAL_ALERT_MIN_SCORE ? sql<Date>`now()` : null) as unknown as Date | null,
    }));
    await trx
      .insertInto('proposals')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['opening_id', 'solution_id']).doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'),
          types: eb.ref('excluded.types'),
          reasons: eb.ref('excluded.reasons'),
          computed_at: eb.ref('excluded.computed_at'),
          appeared_at: sql<Date | null>`coalesce(proposals.appeared_at, excluded.appeared_at)`,
        })),
      )
      .execute();
  }
}

export async function deletePairs(trx: Db, pairs: Array<{ opening_id: number; solution_id: number }>) {
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const chunk = pairs.slice(i, i + CHUNK);
    await trx
      .deleteFrom('proposals')
      .where((eb) => eb.or(chunk.map((p) => eb.and([eb('opening_id', '=', p.opening_id), eb('solution_id', '=', p.solution_id)]))))
      .execute();
  }
}

/** How many pairings each listing of `kind` holds and the lowest score among them. */
export function findPairCounts(db: Db, kind: ListingKind, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  const side = ownSide(kind);
  return db
    .selectFrom('proposals')
    .select([`${side} as id`, (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min<number>('score').as('min_score')])
    .where(side, 'in', ids)
    .groupBy(side)
    .execute();
}

/**
 * The proposals of one of `organisationId`'s listings (or of all its published listings of
 * `kind` when `listingId` is omitted): the other side's open listings with the card columns,
 * best first, without the pairings the organisation dismissed.
 */
export function findProposals(
  db: Db,
  f: { kind: ListingKind; organisationId: string; listingId?: number; today: string; limit: number; appeared?: { after: Date; until: Date; minScore: number } },
) {
  const own = ownSide(f.kind);
  const other = otherSide(f.kind);
  let q = db
    .selectFrom('proposals as p')
    .innerJoin('listings as self', 'self.id', `p.${own}`)
    .innerJoin('listings as l', 'l.id', `p.${other}`)
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .leftJoin('municipalities as m', 'm.lg_code', 'l.lg_code')
    .select([
      'p.opening_id',
      'p.solution_id',
      'p.score',
      'p.types as proposal_types',
      'p.reasons',
      'p.computed_at',
      'self.id as for_id',
      'self.kind as for_kind',
      'self.title as for_title',
      ...LISTING_CARD_COLUMNS,
    ])
    .where('self.organisation_id', '=', f.organisationId)
    .where('self.kind', '=', f.kind)
    .where('l.status', '=', 'published')
    .where((eb) => eb.or([eb('l.deadline', 'is', null), eb('l.deadline', '>=', f.today)]))
    .where('l.organisation_id', '<>', f.organisationId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('proposal_dismissals as d')
            .select('d.opening_id')
            .where('d.organisation_id', '=', f.organisationId)
            .whereRef('d.opening_id', '=', 'p.opening_id')
            .whereRef('d.solution_id', '=', 'p.solution_id'),
        ),
      ),
    );
  if (f.listingId !== undefined) q = q.where(`p.${own}`, '=', f.listingId);
  else q = q.where('self.status', '=', 'published');
  if (f.appeared) q = q.where('p.appeared_at', '>', f.appeared.after).where('p.appeared_at', '<=', f.appeared.until).where('p.score', '>=', f.appeared.minScore);
  return q.orderBy('p.score', 'desc').orderBy('l.published_at', 'desc').orderBy('l.id').limit(f.limit).execute();
}
export type ProposalCardRow = Awaited<ReturnType<typeof findProposals>>[number];

export async function insertDismissal(db: Db, row: { organisation_id: string; opening_id: number; solution_id: number }) {
  const r = await db.insertInto('proposal_dismissals').values(row).onConflict((oc) => oc.doNothing()).returning('opening_id').executeTakeFirst();
  return r !== undefined;
}

export type ProposalEventRow = { kind: ProposalEventKind; opening_id: number; solution_id: number; organisation_id: string; fiscal_year: number };

/** A 'shown' already recorded for the organisation, pairing and day is not counted again (proposal_events_shown_once). */
export async function insertProposalEvents(db: Db, rows: ProposalEventRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('proposal_events').values(rows.slice(i, i + CHUNK)).onConflict((oc) => oc.doNothing()).execute();
}

/** Marks a listing's pairings for recomputation; inside the listing's write transaction. */
export async function enqueueProposalRefresh(trx: Db, listingId: number) {
  await trx
    .insertInto('proposal_refresh_queue')
    .values({ listing_id: listingId, queued_at: sql<Date>`now()` as unknown as Date })
    .onConflict((oc) => oc.column('listing_id').doUpdateSet({ queued_at: sql`now()` }))
    .execute();
}

export function findQueuedRefreshes(db: Db, limit: number) {
  return db.selectFrom('proposal_refresh_queue').select(['listing_id', 'queued_at']).orderBy('queued_at').limit(limit).execute();
}

/** Clears a queue entry unless the listing changed again while it was being computed. */
export async function clearQueuedRefresh(db: Db, listingId: number, queuedAt: Date) {
  // Dates carry milliseconds, timestamptz microseconds: compare at the precision that was read.
  await db
    .deleteFrom('proposal_refresh_queue')
    .where('listing_id', '=', listingId)
    .where(sql`date_trunc('milliseconds', queued_at)`, '<=', queuedAt)
    .execute();
}

export function findListingOwner(db: Db, id: number) {
  return db.selectFrom('listings').select(['id', 'kind', 'status', 'organisation_id']).where('id', '=', id).executeTakeFirst();
}

/** Drops the pairings this transaction did not store (a rebuild upserts the new set first). */
export async function deleteProposalsNotStoredNow(trx: Db) {
  await sql`delete from proposals where computed_at < now()`.execute(trx);
}

export async function analyzeProposals(db: Db) {
  await sql`analyze proposals`.execute(db);
}

/**
 * Whether the pairing was proposed to the organisation: in the store, or shown to it (the store may
 * have moved on between opening the form and sending it).
 */
export async function wasProposed(db: Db, p: { openingId: number; solutionId: number; organisationId: string }): Promise<boolean> {
  const stored = await db.selectFrom('proposals').select('opening_id').where('opening_id', '=', p.openingId).where('solution_id', '=', p.solutionId).executeTakeFirst();
  if (stored) return true;
  const shown = await db
    .selectFrom('proposal_events')
    .select('id')
    .where('kind', '=', 'shown')
    .where('opening_id', '=', p.openingId)
    .where('solution_id', '=', p.solutionId)
    .where('organisation_id', '=', p.organisationId)
    .executeTakeFirst();
  return shown !== undefined;
}
