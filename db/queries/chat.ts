import { sql, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../database';
import type { MessageTable } from '../types/applications';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertConversation(trx: Db, row: { application_id: number; applicant_organisation_id: string; owner_organisation_id: string }): Promise<number> {
  const { id } = await trx.insertInto('conversations').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

function selectConversations(db: Db) {
  return db.selectFrom('conversations as c').innerJoin('applications as a', 'a.id', 'c.application_id').selectAll('c').select('a.state as application_state');
}

/** The conversation with its application's state (a closed application's conversation is read-only). */
export function findConversation(db: Db, id: number) {
  return selectConversations(db).where('c.id', '=', id).executeTakeFirst();
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

/** One message to store: a participant's text, or a system/slots line written by a state change. */
export type NewMessage = {
  conversationId: number;
  kind: MessageTable['kind'];
  senderUserId: string | null;
  senderOrganisationId: string | null;
  body: string;
  meta: Record<string, unknown>;
  clientKey: string;
  /** refuse (store nothing) when the application is in one of these states */
  refuseInStates: readonly string[];
};

/** A new message's stored columns (the database adds id, seq and created_at). */
export const messageColumns = (m: NewMessage) => ({
  conversation_id: m.conversationId,
  kind: m.kind,
  sender_user_id: m.senderUserId,
  sender_organisation_id: m.senderOrganisationId,
  body: m.body,
  meta: m.meta,
  client_key: m.clientKey,
});

export type StoredMessage = { id: number; conversation_id: number; seq: number; client_key: string; created_at: Date };

/**
 * The one write path of messages: any number of them, for any conversations, in one statement
 * (one round trip, one commit). Each conversation's row is updated once, by the number of new
 * messages, under its row lock, so seq is gapless and in commit order, and messages of one
 * conversation take their numbers in input order. A message whose key was already used in its
 * conversation, or whose application is in a refused state, is left out (not returned). The same
 * statement records the activity on the application (the owner side's first text message starts
 * the "time to first reply" clock) and moves each sender's read mark to their newest text. Two
 * concurrent statements storing the same key fail on the unique key instead (SQLSTATE 23505).
 * Each key is looked up by the unique index (a lateral probe per message: as an anti join, the
 * planner, which guesses 100 input rows, would read the whole messages table on every statement).
 */
export async function insertMessages(db: Db, messages: readonly NewMessage[]): Promise<StoredMessage[]> {
  if (messages.length === 0) return [];
  return storedRows((await insertMessagesQuery(messages).execute(db)).rows);
}

/** The rows the insert returns, with the bigint id as a number. */
const storedRows = (rows: readonly StoredMessage[]): StoredMessage[] => rows.map((r) => ({ ...r, id: Number(r.id) }));

/** The name the socket writer's statement is prepared under on each pool connection. */
export const INSERT_MESSAGES_STATEMENT = 'km_insert_messages';

/**
 * insertMessages for a writer outside any transaction. On PostgreSQL (a pg pool) it runs as a named
 * statement: its text is the same for any batch (the messages are one jsonb parameter), so each
 * connection parses and plans it once instead of on every write. Same statement, same result.
 * On PGlite (no pool) it is insertMessages.
 */
export function messageInserter(db: Kysely<Database>, pool: pg.Pool | undefined): (messages: readonly NewMessage[]) => Promise<StoredMessage[]> {
  if (!pool) return (messages) => insertMessages(db, messages);
  return async (messages) => {
    if (messages.length === 0) return [];
    const compiled = insertMessagesQuery(messages).compile(db);
    return storedRows((await pool.query<StoredMessage>({ name: INSERT_MESSAGES_STATEMENT, text: compiled.sql, values: [...compiled.parameters] })).rows);
  };
}

/** The statement of insertMessages (also explained by the tests, which count the pages it reads). */
export function insertMessagesQuery(messages: readonly NewMessage[]) {
  const input = JSON.stringify(
    messages.map((m, ord) => ({ ord, ...messageColumns(m), refuse: m.refuseInStates })),
  );
  return sql<StoredMessage>`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb) as t(ord int, conversation_id int, kind text, sender_user_id uuid, sender_organisation_id uuid, body text, meta jsonb, client_key text, refuse text[])
    ), fresh as (
      select distinct on (i.conversation_id, i.client_key) i.*
      from input i
      join conversations c0 on c0.id = i.conversation_id
      join applications a0 on a0.id = c0.application_id
      left join lateral (select true as used from messages m where m.conversation_id = i.conversation_id and m.client_key = i.client_key limit 1) dup on true
      where not (a0.state = any(i.refuse))
        and dup.used is null
      order by i.conversation_id, i.client_key, i.ord
    ), counts as (
      select conversation_id, count(*)::int as n from fresh group by conversation_id
    ), c as (
      update conversations c set last_seq = c.last_seq + counts.n, last_message_at = now()
      from counts where c.id = counts.conversation_id
      returning c.id, c.last_seq - counts.n as base, c.application_id, c.owner_organisation_id
    ), numbered as (
      select f.*, (c.base + row_number() over (partition by f.conversation_id order by f.ord))::int as seq, c.application_id, c.owner_organisation_id
      from fresh f join c on c.id = f.conversation_id
    ), ins as (
      insert into messages (conversation_id, seq, kind, sender_user_id, sender_organisation_id, body, meta, client_key)
      select conversation_id, seq, kind, sender_user_id, sender_organisation_id, body, meta, client_key from numbered order by conversation_id, seq
      returning id, conversation_id, seq, client_key, created_at
    ), app as (
      update applications a
      set updated_at = now(),
          first_reply_at = case when x.owner_replied then coalesce(a.first_reply_at, now()) else a.first_reply_at end
      from (
        select application_id, bool_or(kind = 'text' and sender_organisation_id = owner_organisation_id) as owner_replied from numbered group by application_id
      ) x
      where a.id = x.application_id
    ), rd as (
      insert into conversation_reads (conversation_id, user_id, organisation_id, last_read_seq)
      select conversation_id, sender_user_id, sender_organisation_id, max(seq) from numbered
      where kind = 'text' and sender_user_id is not null and sender_organisation_id is not null
      group by conversation_id, sender_user_id, sender_organisation_id
      on conflict (conversation_id, user_id) do update set last_read_seq = greatest(conversation_reads.last_read_seq, excluded.last_read_seq), read_at = now()
    )
    select id, conversation_id, seq, client_key, created_at from ins`;
}

/** Fixed history written by the demo seed (takes seq from the caller; nothing else is updated). */
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

/** Moves a conversation's last seq after the seed wrote its history. */
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

/** Messages from the other side of the organisation's conversations that the user has not read (one row: n). */
export function unreadMessagesQuery(db: Db, userId: string, organisationId: string) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('messages as m', 'm.conversation_id', 'c.id')
    .leftJoin('conversation_reads as r', (j) => j.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', userId))
    .select(sql<number>`count(*)::int`.as('n'))
    .where((eb) => eb.or([eb('c.applicant_organisation_id', '=', organisationId), eb('c.owner_organisation_id', '=', organisationId)]))
    .where(sql<boolean>`m.seq > coalesce(r.last_read_seq, 0)`)
    .where(sql<boolean>`m.sender_organisation_id is distinct from ${organisationId}`)
    .where('m.kind', '!=', 'system');
}
