import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { AlertFrequencyCode } from '../types/saved-searches';

type Db = Kysely<Database> | Transaction<Database>;

export function insertSavedSearch(db: Db, row: { user_id: string; name: string; params: Record<string, unknown>; frequency: AlertFrequencyCode }) {
  return db
    .insertInto('saved_searches')
    .values({ ...row, params: JSON.stringify(row.params) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function findSavedSearches(db: Db, userId: string) {
  return db.selectFrom('saved_searches').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

/** The user's own search, or nothing: another user's id reads as missing. */
export function findOwnSavedSearch(db: Db, userId: string, id: number) {
  return db.selectFrom('saved_searches').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export function updateSavedSearch(db: Db, userId: string, id: number, p: { name: string; frequency: AlertFrequencyCode }) {
  return db.updateTable('saved_searches').set({ ...p, updated_at: sql`now()` }).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export function deleteSavedSearch(db: Db, userId: string, id: number) {
  return db.deleteFrom('saved_searches').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

/** Every alert of a user off (the unsubscribe link); the searches stay. */
export function turnOffAlerts(db: Db, userId: string) {
  return db.updateTable('saved_searches').set({ frequency: 'none', updated_at: sql`now()` }).where('user_id', '=', userId).where('frequency', '!=', 'none').executeTakeFirst();
}

export function countActiveAlerts(db: Db, userId: string) {
  return db
    .selectFrom('saved_searches')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('frequency', '!=', 'none')
    .executeTakeFirstOrThrow();
}

/** Searches with alerts on, of active users, for planning a run (the claim below decides who works on them). */
export function findAlertingSearches(db: Db) {
  return db
    .selectFrom('saved_searches as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['s.id', 's.user_id', 's.frequency', 's.alerted_period', 'u.email', 'u.name', 'u.organisation_id', 'o.kind as organisation_kind'])
    .where('s.frequency', '!=', 'none')
    .where('u.disabled_at', 'is', null)
    .where('o.status', '!=', 'suspended')
    .orderBy('s.user_id')
    .orderBy('s.id')
    .execute();
}

/**
 * Claims searches for a period: only the rows still on another period are updated and returned. The
 * UPDATE locks them until the caller's transaction ends; a second process running the same claim
 * waits, then finds the period already written and gets nothing.
 */
export function claimSavedSearches(trx: Transaction<Database>, claims: { id: number; period: string; frequency: AlertFrequencyCode }[]) {
  if (claims.length === 0) return Promise.resolve([]);
  const values = sql.join(claims.map((c) => sql`(${c.id}::bigint, ${c.period}::text, ${c.frequency}::text)`));
  return sql<{ id: number; user_id: string; name: string; params: Record<string, unknown>; checked_until: Date; period: string }>`
    update saved_searches s set alerted_period = c.period
    from (values ${values}) as c(id, period, frequency)
    where s.id = c.id and s.frequency = c.frequency and s.alerted_period is distinct from c.period
    returning s.id, s.user_id, s.name, s.params, s.checked_until, c.period`
    .execute(trx)
    .then((r) => r.rows.map((row) => ({ ...row, id: Number(row.id) })));
}

export function setCheckedUntil(trx: Db, ids: number[], until: Date) {
  if (ids.length === 0) return Promise.resolve();
  return trx.updateTable('saved_searches').set({ checked_until: until }).where('id', 'in', ids).execute();
}
