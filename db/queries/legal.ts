import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database';

type Db = Kysely<Database> | Transaction<Database>;

export type Consent = { document: 'terms' | 'privacy'; version: string };

/** Records the versions a user agreed to, now. */
export async function insertConsents(db: Db, userId: string, consents: Consent[], ip: string): Promise<void> {
  if (!consents.length) return;
  await db
    .insertInto('legal_consents')
    .values(consents.map((c) => ({ user_id: userId, document: c.document, version: c.version, ip })))
    .onConflict((oc) => oc.columns(['user_id', 'document', 'version']).doNothing())
    .execute();
}

/** The newest consent of each document for each of the users, for the operator's pages. */
export async function latestConsents(db: Db, userIds: string[]) {
  if (!userIds.length) return [];
  return db
    .selectFrom('legal_consents')
    .select(['user_id', 'document', 'version', 'agreed_at'])
    .distinctOn(['user_id', 'document'])
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('document')
    .orderBy('agreed_at', 'desc')
    .execute();
}
