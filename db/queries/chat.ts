import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { MessageTable } from '../types/applications';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertConversation(trx: Db, row: { application_id: number; applicant_organisation_id: string; owner_organisation_id: string }): Promise<number> {
  const { id } = await trx.insertInto('conversations').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The conversation with its application's state (a closed application's conversation is read-only). */
export function findConversation(db: Db, id: number) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .selectAll('c')
    .select('a.state as application_state')
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** Serialises writers of one conversation: the sequence number is handed out under this lock. */
export function lockConversation(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('conversations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

function selectMessages(db: Db) {
  return db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.sender_user_id')
    .leftJoin('organisations as o', 'o.id', 'm.sender_organisation_id')
    .select([
      'm.id',
      'm.conversation_id',
      'm.seq',
      'm.kind',
      'm.sender_user_id',
      'm.sender_organisation_id',
      'm.body',
      'm.meta',
      'm.client_key',
      'm.created_at',
      'u.name as sender_name',
      'o.name as sender_organisation_name',
    ]);
}

export type MessageRecord = Awaited<ReturnType<typeof findMessagesAfter>>[number];

export function findMessageByClientKey(db: Db, conversationId: number, clientKey: string) {
  return selectMessages(db).where('m.conversation_id', '=', conversationId).where('m.client_key', '=', clientKey).executeTakeFirst();
}

export function findMessageById(db: Db, id: number) {
  return selectMessages(db).where('m.id', '=', id).executeTakeFirst();
}

/** Inserts unless the key was used in this conversation already; returns the new row's id, or undefined. */
export async function insertMessageOnce(
  trx: Db,
  row: { conversation_id: number; seq: number; kind: MessageTable['kind']; sender_user_id: string | null; sender_organisation_id: string | null; body: string; meta: Record<string, unknown>; client_key: string },
) {
  return trx
    .insertInto('messages')
    .values({ ...row, meta: JSON.stringify(row.meta) })
    .onConflict((oc) => oc.columns(['conversation_id', 'client_key']).doNothing())
    .returning(['id', 'created_at'])
    .executeTakeFirst();
}

/**
 * A participant's message in one statement (one round trip): takes the next seq under the
 * conversation's row lock (so seq order is commit order), stores the message unless its key was
 * used, records the activity on the application (the owner side's first message starts the
 * "time to first reply" clock) and moves the sender's read mark. Returns nothing when the key
 * was already used; a concurrent send of the same key fails on the unique key instead.
 */
export async function insertParticipantMessage(
  db: Db,
  m: { conversationId: number; clientKey: string; body: string; userId: string; organisationId: string },
): Promise<{ id: number; seq: number; created_at: Date } | undefined> {
  const result = await sql<{ id: number; seq: number; created_at: Date }>`
    with c as (
      update conversations set last_seq = last_seq + 1, last_message_at = now()
      where id = ${m.conversationId}
        and not exists (select 1 from messages where conversation_id = ${m.conversationId} and client_key = ${m.clientKey})
      returning id, last_seq, application_id, owner_organisation_id
    ), ins as (
      insert into messages (conversation_id, seq, kind, sender_user_id, sender_organisation_id, body, meta, client_key)
      select c.id, c.last_seq, 'text', ${m.userId}, ${m.organisationId}, ${m.body}, '{}'::jsonb, ${m.clientKey} from c
      returning id, seq, created_at
    ), app as (
      update applications a
      set updated_at = now(),
          first_reply_at = case when c.owner_organisation_id = ${m.organisationId} then coalesce(a.first_reply_at, now()) else a.first_reply_at end
      from c where a.id = c.application_id
    ), rd as (
      insert into conversation_reads (conversation_id, user_id, organisation_id, last_read_seq)
      select c.id, ${m.userId}, ${m.organisationId}, c.last_seq from c
      on conflict (conversation_id, user_id) do update set last_read_seq = greatest(conversation_reads.last_read_seq, excluded.last_read_seq), read_at = now()
    )
    select id, seq, created_at from ins`.execute(db);
  return result.rows[0];
}

export async function insertMessage(
  trx: Db,
  row: { conversation_id: number; seq: number; kind: MessageTable['kind']; sender_user_id: string | null; sender_organisation_id: string | null; body: string; meta: Record<string, unknown>; client_key: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('messages')
    .values({ ...row, meta: JSON.stringify(row.meta) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function advanceConversation(trx: Db, id: number, seq: number) {
  return trx.updateTable('conversations').set({ last_seq: seq, last_message_at: sql`now()` }).where('id', '=', id).execute();
}

export function findMessagesAfter(db: Db, conversationId: number, afterSeq: number, limit: number) {
  return selectMessages(db).where('m.conversation_id', '=', conversationId).where('m.seq', '>', afterSeq).orderBy('m.seq').limit(limit).execute();
}

/** The newest `limit` messages, oldest first. */
export async function findLatestMessages(db: Db, conversationId: number, limit: number) {
  const rows = await selectMessages(db).where('m.conversation_id', '=', conversationId).orderBy('m.seq', 'desc').limit(limit).execute();
  return rows.reverse();
}

export function findAttachmentsForMessages(db: Db, messageIds: number[]) {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('message_attachments')
    .select(['id', 'message_id', 'file_name', 'mime', 'size_bytes'])
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .execute();
}

export function insertMessageAttachment(
  trx: Db,
  row: { id: string; message_id: number; conversation_id: number; file_name: string; mime: string; size_bytes: number; sha256: string; user_id: string },
) {
  return trx.insertInto('message_attachments').values(row).execute();
}

export function findMessageAttachment(db: Db, conversationId: number, id: string) {
  return db.selectFrom('message_attachments').selectAll().where('conversation_id', '=', conversationId).where('id', '=', id).executeTakeFirst();
}

/** Moves a user's read mark forward only (a late, older receipt never moves it back). */
export async function upsertRead(db: Db, r: { conversation_id: number; user_id: string; organisation_id: string; last_read_seq: number }) {
  await db
    .insertInto('conversation_reads')
    .values(r)
    .onConflict((oc) =>
      oc.columns(['conversation_id', 'user_id']).doUpdateSet({
        last_read_seq: sql`greatest(conversation_reads.last_read_seq, excluded.last_read_seq)`,
        read_at: sql`case when excluded.last_read_seq > conversation_reads.last_read_seq then now() else conversation_reads.read_at end`,
      }),
    )
    .execute();
}

/** How far each organisation has read (the furthest of its members). */
export function findReadMarks(db: Db, conversationId: number) {
  return db
    .selectFrom('conversation_reads')
    .select(['organisation_id', sql<number>`max(last_read_seq)::int`.as('seq')])
    .where('conversation_id', '=', conversationId)
    .groupBy('organisation_id')
    .execute();
}

export function findUserReadSeq(db: Db, conversationId: number, userId: string) {
  return db.selectFrom('conversation_reads').select('last_read_seq').where('conversation_id', '=', conversationId).where('user_id', '=', userId).executeTakeFirst();
}

/** Messages from the other side that this user has not read, over all the organisation's conversations. */
export async function countUnread(db: Db, userId: string, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('conversations as c')
    .innerJoin('messages as m', 'm.conversation_id', 'c.id')
    .leftJoin('conversation_reads as r', (j) => j.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', userId))
    .select(sql<number>`count(*)::int`.as('n'))
    .where((eb) => eb.or([eb('c.applicant_organisation_id', '=', organisationId), eb('c.owner_organisation_id', '=', organisationId)]))
    .where(sql<boolean>`m.seq > coalesce(r.last_read_seq, 0)`)
    .where(sql<boolean>`m.sender_organisation_id is distinct from ${organisationId}`)
    .where('m.kind', '!=', 'system')
    .executeTakeFirst();
  return row?.n ?? 0;
}
