import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { AgreementKindCode, NewAgreementVersionRow } from '../types/agreements';

type Db = Kysely<Database> | Transaction<Database>;

const isoDate = (col: string) => sql<string | null>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

function selectDrafts(db: Db) {
  return db
    .selectFrom('agreement_drafts as d')
    .select([
      'd.id',
      'd.application_id',
      'd.kind',
      'd.current_version',
      'd.created_by_user_id',
      'd.created_at',
      'd.updated_at',
      'd.concluded_version',
      'd.concluded_at',
      'd.concluded_by_user_id',
      isoDate('d.concluded_on').as('concluded_on'),
    ]);
}

export type AgreementDraftRecord = NonNullable<Awaited<ReturnType<typeof findDraftByApplication>>>;

export function findDraftByApplication(db: Db, applicationId: number) {
  return selectDrafts(db).where('d.application_id', '=', applicationId).executeTakeFirst();
}

/** Locks the draft for the rest of the transaction: saves, approvals and the conclusion queue behind each other. */
export function lockDraftByApplication(trx: Transaction<Database>, applicationId: number) {
  return selectDrafts(trx).where('d.application_id', '=', applicationId).forUpdate().executeTakeFirst();
}

export async function insertDraft(trx: Db, row: { application_id: number; kind: AgreementKindCode; created_by_user_id: string }): Promise<number> {
  const { id } = await trx.insertInto('agreement_drafts').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertVersion(trx: Db, row: Omit<NewAgreementVersionRow, 'draft'> & { draft: Record<string, unknown> }) {
  await trx
    .insertInto('agreement_versions')
    .values({ ...row, draft: JSON.stringify(row.draft) })
    .execute();
  await trx.updateTable('agreement_drafts').set({ current_version: row.version, updated_at: sql`now()` }).where('id', '=', row.draft_id).execute();
}

export function findVersion(db: Db, draftId: number, version: number) {
  return db.selectFrom('agreement_versions').selectAll().where('draft_id', '=', draftId).where('version', '=', version).executeTakeFirst();
}

/** Every version without its JSON, newest first, with who saved it. */
export function findVersionList(db: Db, draftId: number) {
  return db
    .selectFrom('agreement_versions as v')
    .leftJoin('organisations as o', 'o.id', 'v.created_by_organisation_id')
    .leftJoin('users as u', 'u.id', 'v.created_by_user_id')
    .select(['v.version', 'v.valid', 'v.check_ok', 'v.document_sha256', 'v.draft_sha256', 'v.created_at', 'o.name as organisation_name', 'u.name as user_name'])
    .where('v.draft_id', '=', draftId)
    .orderBy('v.version', 'desc')
    .execute();
}

export function findApprovals(db: Db, draftId: number) {
  return db
    .selectFrom('agreement_approvals as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.version', 'a.organisation_id', 'a.approved_at', 'u.name as user_name'])
    .where('a.draft_id', '=', draftId)
    .orderBy('a.approved_at')
    .execute();
}

export async function insertApproval(trx: Db, row: { draft_id: number; version: number; organisation_id: string; user_id: string }) {
  await trx
    .insertInto('agreement_approvals')
    .values(row)
    .onConflict((oc) => oc.columns(['draft_id', 'version', 'organisation_id']).doNothing())
    .execute();
}

/** Removes one organisation's approval of a version (合意を取り消す); returns how many rows went (0 or 1). */
export async function deleteApproval(trx: Db, row: { draft_id: number; version: number; organisation_id: string }): Promise<number> {
  const rows = await trx
    .deleteFrom('agreement_approvals')
    .where('draft_id', '=', row.draft_id)
    .where('version', '=', row.version)
    .where('organisation_id', '=', row.organisation_id)
    .returning('organisation_id')
    .execute();
  return rows.length;
}

/** A new version makes every earlier approval void; returns how many were cleared. */
export async function clearApprovalsBefore(trx: Db, draftId: number, version: number): Promise<number> {
  const rows = await trx.deleteFrom('agreement_approvals').where('draft_id', '=', draftId).where('version', '<', version).returning('organisation_id').execute();
  return rows.length;
}

export async function markConcluded(
  trx: Db,
  draftId: number,
  c: { version: number; concludedOn: string; userId: string; termStart: string; termEnd: string; termMonths: number; lgCode: string; prefCode: string },
) {
  await trx
    .updateTable('agreement_drafts')
    .set({
      concluded_version: c.version,
      concluded_on: c.concludedOn,
      concluded_at: sql`now()`,
      concluded_by_user_id: c.userId,
      term_start: c.termStart,
      term_end: c.termEnd,
      term_months: c.termMonths,
      lg_code: c.lgCode,
      pref_code: c.prefCode,
      updated_at: sql`now()`,
    })
    .where('id', '=', draftId)
    .execute();
}

/**
 * Concluded agreements with the facts the ministry may see: type, term, categories of the listing and
 * the municipality's prefecture. Never the text. Filters are optional (concluded_on between from and to).
 */
export function findConcludedAgreements(db: Db, filter: { from?: string; to?: string; prefCode?: string; kind?: AgreementKindCode } = {}) {
  let q = db
    .selectFrom('agreement_drafts as d')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .innerJoin('listings as l', 'l.id', 'a.listing_id')
    .select([
      'd.id',
      'd.application_id',
      'd.kind',
      isoDate('d.concluded_on').as('concluded_on'),
      isoDate('d.term_start').as('term_start'),
      isoDate('d.term_end').as('term_end'),
      'd.term_months',
      'd.lg_code',
      'd.pref_code',
      'l.categories',
    ])
    .where('d.concluded_on', 'is not', null);
  if (filter.from) q = q.where('d.concluded_on', '>=', filter.from);
  if (filter.to) q = q.where('d.concluded_on', '<=', filter.to);
  if (filter.prefCode) q = q.where('d.pref_code', '=', filter.prefCode);
  if (filter.kind) q = q.where('d.kind', '=', filter.kind);
  return q.orderBy('d.concluded_on').orderBy('d.id').execute();
}

/** The listing an application is about, with what pre-fills an agreement draft. */
export function findListingForAgreement(db: Db, listingId: number) {
  return db
    .selectFrom('listings')
    .select([
      'id',
      'kind',
      'title',
      'summary',
      'body',
      'duties',
      'conditions',
      'categories',
      'term_min_months',
      'term_max_months',
      isoDate('start_from').as('start_from'),
      'days_on_site',
      'budget_min_yen',
      'budget_max_yen',
      'lg_code',
    ])
    .where('id', '=', listingId)
    .executeTakeFirst();
}

export function findOrganisationForAgreement(db: Db, id: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'kind', 'name', 'lg_code', 'head_office_lg_code', 'department', 'employer_name', 'individual_track'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findMunicipalityNames(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('municipalities').select(['lg_code', 'pref_code', 'pref_name', 'name']).where('lg_code', 'in', codes).execute();
}
