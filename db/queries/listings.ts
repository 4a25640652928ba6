import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { ListingRevisionTable, ListingRow, NewListingRow, ListingUpdate } from '../types/listings';
import type { Listing, ListingType } from '../../app/domain/listings/model';
import type { ListingKind } from '../../app/domain/vocabulary';

type Db = Kysely<Database> | Transaction<Database>;

/*
 * Dates are selected as text: pg turns a `date` into a Date at local midnight and PGlite does not,
 * and a deadline is a Japanese calendar day, not an instant.
 */
function selectListings(db: Db) {
  return db
    .selectFrom('listings as l')
    .selectAll('l')
    .select([
      sql<string | null>`to_char(l.start_from, 'YYYY-MM-DD')`.as('start_from'),
      sql<string | null>`to_char(l.deadline, 'YYYY-MM-DD')`.as('deadline'),
    ]);
}

/** A listing row as the model the rules and the search document read (the listings service and the seed both map with it). */
export function toListing(row: ListingRow): Listing {
  return {
    id: row.id,
    kind: row.kind,
    organisationId: row.organisation_id,
    status: row.status,
    closeReason: row.close_reason,
    title: row.title,
    summary: row.summary,
    body: row.body,
    duties: row.duties,
    skills: row.skills,
    trackRecord: row.track_record,
    conditions: row.conditions,
    categories: row.categories as Listing['categories'],
    types: row.types as ListingType[],
    termMinMonths: row.term_min_months,
    termMaxMonths: row.term_max_months,
    startFrom: asIsoDate(row.start_from),
    deadline: asIsoDate(row.deadline),
    daysOnSite: row.days_on_site,
    remoteOk: row.remote_ok,
    budgetMinYen: row.budget_min_yen === null ? null : Number(row.budget_min_yen),
    budgetMaxYen: row.budget_max_yen === null ? null : Number(row.budget_max_yen),
    headcount: row.headcount,
    lgCode: row.lg_code,
    prefCode: row.pref_code,
    regionPrefCodes: row.region_pref_codes,
    regionAnywhere: row.region_anywhere,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    revision: row.revision,
    publishedAt: row.published_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function asIsoDate(v: Date | string | null): string | null {
  if (v === null) return null;
  return typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);
}

export function findListingById(db: Db, id: number) {
  return selectListings(db).where('l.id', '=', id).executeTakeFirst();
}

/** Locks the row for the rest of the transaction, so two edits cannot interleave. */
export function findListingForUpdate(trx: Transaction<Database>, id: number) {
  return selectListings(trx).where('l.id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertListing(trx: Db, row: NewListingRow): Promise<number> {
  const { id } = await trx.insertInto('listings').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateListingRow(trx: Db, id: number, patch: ListingUpdate) {
  await trx.updateTable('listings').set({ ...patch, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function insertRevision(
  trx: Db,
  row: { listing_id: number; revision: number; action: ListingRevisionTable['action']; user_id: string | null; changed: string[]; snapshot: unknown },
) {
  await trx.insertInto('listing_revisions').values({ ...row, snapshot: JSON.stringify(row.snapshot) }).execute();
}

export function findRevisions(db: Db, listingId: number) {
  return db
    .selectFrom('listing_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.revision', 'r.action', 'r.changed', 'r.created_at', 'u.name as user_name'])
    .where('r.listing_id', '=', listingId)
    .orderBy('r.revision', 'desc')
    .execute();
}

export type PublicFilter = {
  kind: ListingKind;
  today: string;
  category?: string;
  type?: string;
  prefCode?: string;
  remoteOk?: boolean;
  organisationId?: string;
};

/** Published and not past the deadline: what anyone can browse and apply to. */
function openListings(db: Db, f: PublicFilter) {
  let q = db
    .selectFrom('listings as l')
    .where('l.kind', '=', f.kind)
    .where('l.status', '=', 'published')
    .where((eb) => eb.or([eb('l.deadline', 'is', null), eb('l.deadline', '>=', f.today)]));
  if (f.category) q = q.where(sql<boolean>`${f.category} = any(l.categories)`);
  if (f.type) q = q.where(sql<boolean>`${f.type} = any(l.types)`);
  if (f.remoteOk) q = q.where('l.remote_ok', '=', true);
  if (f.organisationId) q = q.where('l.organisation_id', '=', f.organisationId);
  if (f.prefCode) {
    const pref = f.prefCode;
    q =
      f.kind === 'opening'
        ? q.where('l.pref_code', '=', pref)
        : q.where((eb) => eb.or([eb('l.region_anywhere', '=', true), sql<boolean>`${pref} = any(l.region_pref_codes)`]));
  }
  return q;
}

export async function findPublishedListings(db: Db, f: PublicFilter & { limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    withCardColumns(openListings(db, f))
      .orderBy('l.published_at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    openListings(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  ]);
  return { rows, total };
}

/** The columns of a listing card (`l` the listing, `o` its organisation, `m` its municipality), for every query that shows cards. */
export const LISTING_CARD_COLUMNS = [
  'l.id',
  'l.kind',
  'l.status',
  'l.close_reason',
  'l.title',
  'l.summary',
  'l.categories',
  'l.types',
  'l.term_min_months',
  'l.term_max_months',
  'l.remote_ok',
  'l.pref_code',
  'l.region_pref_codes',
  'l.region_anywhere',
  'l.headcount',
  'l.published_at',
  'l.updated_at',
  'l.organisation_id',
  'o.name as organisation_name',
  'o.kind as organisation_kind',
  'm.name as municipality_name',
  'm.pref_name as municipality_pref_name',
  sql<string | null>`to_char(l.deadline, 'YYYY-MM-DD')`.as('deadline'),
  sql<string | null>`to_char(l.start_from, 'YYYY-MM-DD')`.as('start_from'),
] as const;

/** The columns a listing card needs, with its organisation and municipality names. */
function withCardColumns<Q extends ReturnType<typeof openListings>>(q: Q) {
  return q
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .leftJoin('municipalities as m', 'm.lg_code', 'l.lg_code')
    .select(LISTING_CARD_COLUMNS);
}

export type ListingCardRow = Awaited<ReturnType<typeof findPublishedListings>>['rows'][number];

/**
 * Open listings ranked for one reader: shared categories count most, then the reader's region,
 * then freshness. `eligibleList` keeps only openings the reader's company class may be sent to.
 */
export function findRecommendedListings(
  db: Db,
  f: PublicFilter & { categories: string[]; regionPref: string | null; eligibleList?: '1433' | '1375'; excludePref?: string | null; limit: number },
) {
  const cats = f.categories.length ? f.categories : ['__none__'];
  let q = withCardColumns(openListings(db, { kind: f.kind, today: f.today }));
  if (f.eligibleList === '1433') q = q.where('m.eligible_1433', '=', true);
  if (f.eligibleList === '1375') q = q.where('m.eligible_1375', '=', true);
  if (f.excludePref) q = q.where('l.pref_code', '<>', f.excludePref);
  if (f.organisationId) q = q.where('l.organisation_id', '<>', f.organisationId);
  const region = f.regionPref ?? '__';
  return q
    .orderBy(
      sql`(cardinality(array(select unnest(l.categories) intersect select unnest(${sql.val(cats)}::text[]))) * 2
        + case when l.pref_code = ${region} or l.region_anywhere or ${region} = any(l.region_pref_codes) then 1 else 0 end)`,
      'desc',
    )
    .orderBy('l.published_at', 'desc')
    .limit(f.limit)
    .execute();
}

export function findOrganisationListings(db: Db, organisationId: string, opts: { includeDrafts: boolean; kind?: ListingKind }) {
  let q = selectListings(db).where('l.organisation_id', '=', organisationId);
  if (!opts.includeDrafts) q = q.where('l.status', '<>', 'draft');
  if (opts.kind) q = q.where('l.kind', '=', opts.kind);
  return q.orderBy('l.updated_at', 'desc').execute();
}

/** Published listings whose deadline has passed; locked and skipped if another sweep holds them. */
export function findExpiredListingIds(trx: Transaction<Database>, today: string) {
  return trx
    .selectFrom('listings')
    .select('id')
    .where('status', '=', 'published')
    .where('deadline', '<', today)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
}

export function findOrganisationForListing(db: Db, id: string) {
  return db
    .selectFrom('organisations as o')
    .leftJoin('municipalities as m', 'm.lg_code', 'o.lg_code')
    .select([
      'o.id',
      'o.kind',
      'o.status',
      'o.name',
      'o.slug',
      'o.lg_code',
      'o.head_office_lg_code',
      'o.company_class',
      'o.individual_track',
      'o.description',
      'm.name as municipality_name',
      'm.pref_code as municipality_pref_code',
      'm.pref_name as municipality_pref_name',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export function findMunicipalitiesByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('municipalities').selectAll().where('lg_code', 'in', codes).execute();
}

export function insertAttachment(trx: Db, row: { id: string; listing_id: number; file_name: string; mime: string; size_bytes: number; sha256: string; user_id: string | null }) {
  return trx.insertInto('listing_attachments').values(row).execute();
}

export function findAttachments(db: Db, listingId: number) {
  return db.selectFrom('listing_attachments').selectAll().where('listing_id', '=', listingId).orderBy('created_at').execute();
}

export function findAttachment(db: Db, listingId: number, id: string) {
  return db.selectFrom('listing_attachments').selectAll().where('listing_id', '=', listingId).where('id', '=', id).executeTakeFirst();
}

export function deleteAttachmentRow(trx: Db, listingId: number, id: string) {
  return trx.deleteFrom('listing_attachments').where('listing_id', '=', listingId).where('id', '=', id).returning('id').executeTakeFirst();
}

export async function countAttachments(db: Db, listingId: number) {
  const r = await db.selectFrom('listing_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('listing_id', '=', listingId).executeTakeFirstOrThrow();
  return Number(r.n);
}
