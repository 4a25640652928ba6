import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { MailAttachment } from '../types/applications';

type Db = Kysely<Database> | Transaction<Database>;

export function insertNotifications(trx: Db, rows: { user_id: string; kind: string; application_id: number | null; title: string; body: string; url: string }[]) {
  if (rows.length === 0) return Promise.resolve();
  return trx.insertInto('notifications').values(rows).execute();
}

export function findNotifications(db: Db, userId: string, limit = 100) {
  return db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute();
}

/** The user's unread notifications (one row: n). */
export function unreadNotificationsQuery(db: Db, userId: string) {
  return db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).where('read_at', 'is', null);
}

export function markNotificationsRead(db: Db, userId: string, ids?: number[]) {
  let q = db.updateTable('notifications').set({ read_at: sql`now()` }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids.length ? ids : [-1]);
  return q.execute();
}

export function findPreferences(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('notification_preferences').select(['user_id', 'kind', 'in_app', 'email']).where('user_id', 'in', userIds).execute();
}

export function upsertPreference(db: Db, p: { user_id: string; kind: string; in_app: boolean; email: boolean }) {
  return db
    .insertInto('notification_preferences')
    .values(p)
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ in_app: p.in_app, email: p.email, updated_at: sql`now()` }))
    .execute();
}

/** Queues a mail; the same dedupe key twice queues it once. */
export function enqueueMail(
  db: Db,
  {
    attachments,
    headers,
    ...row
  }: { user_id: string | null; kind: string; to_email: string; subject: string; body: string; dedupe_key: string; attachments?: MailAttachment[]; headers?: Record<string, string> },
) {
  return db
    .insertInto('notification_outbox')
    .values({ ...row, attachments: attachments?.length ? JSON.stringify(attachments) : null, headers: headers && Object.keys(headers).length ? JSON.stringify(headers) : null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Claims due mails; SKIP LOCKED lets two processes drain the outbox without sending one twice. */
export function claimDueMail(trx: Transaction<Database>, now: Date, limit: number) {
  return trx
    .selectFrom('notification_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export function markMailSent(db: Db, id: number) {
  return db.updateTable('notification_outbox').set({ status: 'sent', sent_at: sql`now()`, attempts: sql`attempts + 1`, last_error: null }).where('id', '=', id).execute();
}

/** Deletes mails sent before `sentBefore` and mails given up on that were last tried before `failedBefore`. */
export async function deleteOldMail(db: Db, p: { sentBefore: Date; failedBefore: Date }) {
  const r = await db
    .deleteFrom('notification_outbox')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'sent'), eb('sent_at', '<', p.sentBefore)]),
        eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<', p.failedBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function markMailFailed(db: Db, id: number, p: { attempts: number; error: string; nextAttemptAt: Date; giveUp: boolean }) {
  return db
    .updateTable('notification_outbox')
    .set({ status: p.giveUp ? 'failed' : 'pending', attempts: p.attempts, last_error: p.error.slice(0, 500), next_attempt_at: p.nextAttemptAt })
    .where('id', '=', id)
    .execute();
}

/**
 * Users with messages from the other side that they have not read, older than `before` and
 * newer than their last digest, grouped per conversation.
 */
export function findDigestCandidates(db: Db, before: Date) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('users as u', (j) => j.on((eb) => eb.or([eb('u.organisation_id', '=', eb.ref('c.applicant_organisation_id')), eb('u.organisation_id', '=', eb.ref('c.owner_organisation_id'))])))
    .innerJoin('messages as m', 'm.conversation_id', 'c.id')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .innerJoin('listings as l', 'l.id', 'a.listing_id')
    .leftJoin('conversation_reads as r', (j) => j.onRef('r.conversation_id', '=', 'c.id').onRef('r.user_id', '=', 'u.id'))
    .leftJoin('notification_digests as d', 'd.user_id', 'u.id')
    .select([
      'u.id as user_id',
      'u.email',
      'u.name',
      'a.id as application_id',
      'l.title as listing_title',
      sql<number>`count(*)::int`.as('unread'),
      sql<number>`max(m.id)`.as('max_message_id'),
    ])
    .where('u.disabled_at', 'is', null)
    .where('m.kind', '!=', 'system')
    .where(sql<boolean>`m.sender_organisation_id is distinct from u.organisation_id`)
    .where(sql<boolean>`m.seq > coalesce(r.last_read_seq, 0)`)
    .where(sql<boolean>`m.id > coalesce(d.last_message_id, 0)`)
    .where('m.created_at', '<=', before)
    .groupBy(['u.id', 'u.email', 'u.name', 'a.id', 'l.title'])
    .orderBy('u.id')
    .execute();
}

export function setDigestMark(db: Db, userId: string, lastMessageId: number) {
  return db
    .insertInto('notification_digests')
    .values({ user_id: userId, last_message_id: lastMessageId, mailed_at: new Date() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_message_id: sql`greatest(notification_digests.last_message_id, excluded.last_message_id)`, mailed_at: sql`now()` }))
    .execute();
}
