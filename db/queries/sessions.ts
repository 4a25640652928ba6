import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database';
import type { AuthTokenPurpose } from '../types/accounts';

type Db = Kysely<Database> | Transaction<Database>;

export function insertSession(
  db: Db,
  row: { id: string; user_id: string; expires_at: Date; ip: string; user_agent: string; mfa_pending: boolean },
) {
  return db.insertInto('sessions').values(row).execute();
}

/** The session with its user and organisation: everything a request needs, in one round trip. */
export function findSessionWithUser(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      's.id as session_id', 's.mfa_pending', 's.expires_at',
      'u.id', 'u.email', 'u.name', 'u.org_role', 'u.totp_enabled_at', 'u.disabled_at', 'u.email_verified_at',
      'o.id as organisation_id', 'o.kind', 'o.status', 'o.name as organisation_name', 'o.slug', 'o.lg_code', 'o.head_office_lg_code',
      'o.company_class', 'o.individual_track', 'o.employer_name',
    ])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
}

export function deleteSession(db: Db, sessionId: string) {
  return db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user, or every one except `keep` (after a password change). */
export async function deleteUserSessions(db: Db, userId: string, keep?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '<>', keep);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes the sessions expired at `now`; returns how many. */
export async function deleteExpiredSessions(db: Db, now = new Date()) {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes e-mail confirmation, reset and invitation links that expired before `before`. */
export async function deleteExpiredAuthTokens(db: Db, before: Date) {
  const r = await db.deleteFrom('auth_tokens').where('expires_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes log-in throttling rows whose window ended before `before` (rate-limiter-flexible keeps `expire` in epoch ms). */
export async function deleteExpiredRateLimits(db: Db, before: Date) {
  const r = await db.deleteFrom('rate_limits').where('expire', 'is not', null).where('expire', '<', before.getTime()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function insertAuthToken(
  db: Db,
  row: { purpose: AuthTokenPurpose; token_hash: string; user_id: string | null; organisation_id: string | null; email: string; created_by: string | null; expires_at: Date },
) {
  return db.insertInto('auth_tokens').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findUsableAuthToken(db: Db, purpose: AuthTokenPurpose, tokenHash: string) {
  return db
    .selectFrom('auth_tokens')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
}

/** Marks a token used; false when another request used it first (single use under concurrency). */
export async function consumeAuthToken(db: Db, id: string) {
  const result = await db
    .updateTable('auth_tokens')
    .set({ used_at: new Date() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new reset link makes the earlier ones useless. */
export function retireAuthTokens(db: Db, userId: string, purpose: AuthTokenPurpose) {
  return db.updateTable('auth_tokens').set({ used_at: new Date() }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}
