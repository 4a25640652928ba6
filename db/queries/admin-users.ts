import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';

type Db = Kysely<Database> | Transaction<Database>;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of accounts for the operators' user list, newest first, matching name, e-mail or organisation. */
export async function listUsersForAdmin(db: Db, filter: { q: string; limit: number; offset: number }) {
  let base = db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id');
  if (filter.q) {
    const like = likePattern(filter.q);
    base = base.where(sql<boolean>`(u.name ilike ${like} or u.email ilike ${like} or o.name ilike ${like})`);
  }
  const [rows, total] = await Promise.all([
    base
      .select([
        'u.id', 'u.name', 'u.email', 'u.org_role', 'u.disabled_at', 'u.last_login_at', 'u.email_verified_at', 'u.created_at',
        'o.id as organisation_id', 'o.name as organisation_name', 'o.kind', 'o.status as organisation_status',
      ])
      .orderBy('u.created_at', 'desc')
      .orderBy('u.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]);
  return { rows, total };
}

/** The account with its organisation's kind, for a suspension decision. */
export function findUserWithOrganisation(db: Db, userId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.name', 'u.email', 'u.organisation_id', 'u.disabled_at', 'o.kind', 'o.name as organisation_name'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/**
 * Locks the operator accounts until the transaction ends, so two operators suspending each other
 * at the same moment are decided one after the other, then returns the ids of those that can still
 * sign in.
 */
export async function lockActiveOperatorIds(trx: Transaction<Database>) {
  const rows = await trx
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.disabled_at', 'u.email_verified_at', 'o.status'])
    .where('o.kind', '=', 'operator')
    .orderBy('u.id')
    .forUpdate('u')
    .execute();
  return rows.filter((r) => r.disabled_at === null && r.email_verified_at !== null && r.status === 'approved').map((r) => r.id);
}

export async function setUserDisabledAt(db: Db, userId: string, at: Date | null) {
  const result = await db.updateTable('users').set({ disabled_at: at, updated_at: new Date() }).where('id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
