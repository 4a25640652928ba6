import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database';
import type { AgreementKindCode } from '../types/agreements';

type Db = Kysely<Database> | Transaction<Database>;

function selectVersions(db: Db) {
  return db
    .selectFrom('agreement_templates as t')
    .leftJoin('users as u', 'u.id', 't.created_by_user_id')
    .select(['t.id', 't.kind', 't.fiscal_year', 't.version', 't.body', 't.note', 't.created_at', 't.created_by_user_id', 'u.name as user_name', 'u.email as user_email']);
}

export type TemplateVersionRecord = Awaited<ReturnType<typeof findTemplateHistory>>[number];

/** The newest saved version of every kind and fiscal year that has one (the ones in effect). */
export function findLatestTemplateVersions(db: Db) {
  return selectVersions(db).distinctOn(['t.kind', 't.fiscal_year']).orderBy('t.kind').orderBy('t.fiscal_year').orderBy('t.version', 'desc').execute();
}

/** Every saved version of one kind and fiscal year, newest first. */
export function findTemplateHistory(db: Db, kind: AgreementKindCode, fiscalYear: number) {
  return selectVersions(db).where('t.kind', '=', kind).where('t.fiscal_year', '=', fiscalYear).orderBy('t.version', 'desc').execute();
}

/** The newest version number of a kind and fiscal year (0 when nothing was saved). */
export async function findLatestTemplateVersionNumber(db: Db, kind: AgreementKindCode, fiscalYear: number): Promise<number> {
  const row = await db
    .selectFrom('agreement_templates')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('kind', '=', kind)
    .where('fiscal_year', '=', fiscalYear)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Appends a version; the unique (kind, fiscal_year, version) refuses a second writer of the same number. */
export async function insertTemplateVersion(
  trx: Db,
  row: { kind: AgreementKindCode; fiscal_year: number; version: number; body: Record<string, unknown>; note: string; created_by_user_id: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('agreement_templates')
    .values({ ...row, body: JSON.stringify(row.body) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
