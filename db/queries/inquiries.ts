import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../database';
import type { InquiryTable } from '../types/inquiries';

type Db = Kysely<Database> | Transaction<Database>;

/** Stores an inquiry once per submission key; `created` is false when that form was already stored. */
export async function insertInquiry(db: Db, row: Insertable<InquiryTable>): Promise<{ id: number; created: boolean; createdAt: Date }> {
  const inserted = await db.insertInto('inquiries').values(row).onConflict((oc) => oc.column('submission_key').doNothing()).returning(['id', 'created_at']).executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true, createdAt: new Date(inserted.created_at) };
  const existing = await db.selectFrom('inquiries').select(['id', 'created_at']).where('submission_key', '=', row.submission_key).executeTakeFirstOrThrow();
  return { id: existing.id, created: false, createdAt: new Date(existing.created_at) };
}

/** Operator accounts that can sign in: the people told about a new inquiry. */
export function findActiveOperators(db: Db) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.email', 'u.name'])
    .where('o.kind', '=', 'operator')
    .where('o.status', '=', 'approved')
    .where('u.disabled_at', 'is', null)
    .where('u.email_verified_at', 'is not', null)
    .orderBy('u.id')
    .execute();
}
