import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type pg from 'pg';
import {
  findAttachmentsForMessages,
  findConversation,
  findLatestMessages,
  findMessageAttachment,
  findMessageByClientKey,
  findMessagesAfter,
  findReadMarks,
  insertMessageAttachment,
  insertMessages,
  messageInserter,
  upsertRead,
  type MessageRecord,
  messageColumns,
  type NewMessage,
  type StoredMessage,
} from '../../db/queries/chat';
import type { Database } from '../../db/database';
import type { ChatHub, ChatMessage, ReadMarks } from '../chat/events';
import type { SessionUser } from '../domain/accounts/types';
import { isTerminal, TERMINAL_STATES, type ApplicationState } from '../domain/applications/states';
import { safeFileName } from '../domain/listings/rules';
import { can, type Action } from '../domain/policy';
import { inspectAttachment } from './listing-attachments.server';
import { fileDownloadResponse } from './downloads.server';
import { take, type ChatLimiters } from './rate-limit.server';
import { ServiceError } from '../utils/errors';
import { isUuid } from '../utils/params';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export const HISTORY_PAGE = 200;
export const MAX_ATTACHMENTS_PER_MESSAGE = 3;

type ConversationRow = NonNullable<Awaited<ReturnType<typeof findConversation>>>;

const resourceOf = (c: Pick<ConversationRow, 'applicant_organisation_id' | 'owner_organisation_id'>) => ({
  type: 'conversation' as const,
  participantOrganisationIds: [c.applicant_organisation_id, c.owner_organisation_id],
});

/**
 * The conversation if `user` may do `action` in it. Strangers get the same answer as for a
 * conversation that does not exist, so ids reveal nothing.
 */
export async function requireConversation(db: Db | Trx, user: SessionUser | null, conversationId: number, action: Action = 'conversation.view'): Promise<ConversationRow> {
  const row = Number.isSafeInteger(conversationId) ? await findConversation(db, conversationId) : undefined;
  if (!row || !can(user, action, resourceOf(row))) throw new ServiceError(404, '会話が見つかりません。');
  return row;
}

export function toChatMessage(r: MessageRecord, attachments: ChatMessage['attachments'] = []): ChatMessage {
  return {
    id: Number(r.id),
    conversationId: r.conversation_id,
    seq: r.seq,
    kind: r.kind,
    body: r.body,
    meta: (r.meta ?? {}) as Record<string, unknown>,
    clientKey: r.client_key,
    senderUserId: r.sender_user_id,
    senderOrganisationId: r.sender_organisation_id,
    senderName: r.sender_name,
    senderOrganisationName: r.sender_organisation_name,
    createdAt: new Date(r.created_at).toISOString(),
    attachments,
  };
}

async function withAttachments(db: Db | Trx, rows: MessageRecord[]): Promise<ChatMessage[]> {
  const ids = rows.filter((r) => r.kind === 'text').map((r) => Number(r.id));
  const files = await findAttachmentsForMessages(db, ids);
  return rows.map((r) =>
    toChatMessage(
      r,
      files.filter((f) => Number(f.message_id) === Number(r.id)).map((f) => ({ id: f.id, fileName: f.file_name, mime: f.mime, sizeBytes: f.size_bytes })),
    ),
  );
}

export type AppendInput = {
  kind: 'text' | 'system' | 'slots';
  body: string;
  meta?: Record<string, unknown>;
  clientKey: string;
  sender: { userId: string; organisationId: string } | null;
};

type Sender = { userId: string; organisationId: string; name: string | null; organisationName: string | null } | null;

/** The one place a stored message becomes a MessageRecord (the writer knows everything but id, seq and time). */
function messageRecord(m: NewMessage, stored: StoredMessage, sender: Sender): MessageRecord {
  return {
    id: stored.id,
    ...messageColumns(m),
    seq: stored.seq,
    created_at: stored.created_at,
    sender_name: sender?.name ?? null,
    sender_organisation_name: sender?.organisationName ?? null,
  };
}

const participantMessage = (conversationId: number, user: SessionUser, clientKey: string, body: string): NewMessage => ({
  conversationId,
  kind: 'text',
  senderUserId: user.id,
  senderOrganisationId: user.organisationId,
  body,
  meta: {},
  clientKey,
  refuseInStates: TERMINAL_STATES,
});

const senderOf = (user: SessionUser): Sender => ({ userId: user.id, organisationId: user.organisationId, name: user.name, organisationName: user.organisation.name });

/**
 * Stores one message inside the caller's transaction (a state change, a slot proposal): returns the
 * stored message when the idempotency key was already used, else the new one with the next seq.
 */
export async function appendMessage(trx: Trx, conversationId: number, input: AppendInput): Promise<{ record: MessageRecord; created: boolean }> {
  const m: NewMessage = {
    conversationId,
    kind: input.kind,
    senderUserId: input.sender?.userId ?? null,
    senderOrganisationId: input.sender?.organisationId ?? null,
    body: input.body,
    meta: input.meta ?? {},
    clientKey: input.clientKey,
    refuseInStates: [],
  };
  const [stored] = await insertMessages(trx, [m]);
  const record = await findMessageByClientKey(trx, conversationId, input.clientKey);
  if (!record) throw new ServiceError(404, '会話が見つかりません。');
  return { record, created: stored !== undefined };
}

const CLOSED = 'この応募は終了しているため、メッセージを送れません。';

/** 30 messages a minute per user, over socket.io and the form post alike (CHAT_LIMITS.messages). */
export async function requireMessageAllowance(limits: ChatLimiters, user: SessionUser) {
  const wait = await take(limits.messages, user.id);
  if (wait > 0) throw new ServiceError(429, `メッセージの送信が多すぎます。${Math.ceil(wait / 1000)}秒ほど待ってから再度お試しください。`);
}

/** A message that was not stored: sent before (the stored one, `created: false`), or the application closed meanwhile. */
async function notStored(db: Db, conversationId: number, clientKey: string): Promise<{ message: ChatMessage; created: false }> {
  const existing = await findMessageByClientKey(db, conversationId, clientKey);
  if (!existing) throw new ServiceError(409, CLOSED);
  const [message] = await withAttachments(db, [existing]);
  return { message, created: false };
}

/** What a socket learns once, when it joins: where its messages go and who may see them. */
export type PostTarget = { conversationId: number; applicationId: number; organisationIds: readonly [string, string] };

export const postTargetOf = (c: ConversationRow): PostTarget => ({
  conversationId: c.id,
  applicationId: c.application_id,
  organisationIds: [c.applicant_organisation_id, c.owner_organisation_id],
});

type Pending = { m: NewMessage; sender: Sender; target: PostTarget; resolve(r: { message: ChatMessage; created: boolean }): void; reject(e: unknown): void };

/** Write statements of the socket writer in flight at once (each on a pool connection of its own). */
export const WRITES_IN_FLIGHT = 4;

/**
 * The socket path's writer: the messages sent during one event-loop tick (and all those that waited
 * meanwhile) are stored by one statement under one commit; then each sender is acknowledged and each
 * message broadcast. Up to WRITES_IN_FLIGHT statements are in flight at once, but never two for one
 * conversation: a message whose conversation has a write in flight waits for it and goes into the
 * next statement, so a conversation's messages are numbered, acknowledged and broadcast in the order
 * they were sent, and concurrent statements touch disjoint rows (no lock waits or deadlocks between
 * them). A message does not wait for the commit of another conversation's batch. A batch that meets
 * a concurrent write of the same key by another process (or a deadlock between processes) is stored
 * again one message at a time. Given the pg pool, its statement is a named one (planned once per
 * connection, see messageInserter).
 */
export function createMessageWriter(db: Db, hub?: ChatHub, pool?: pg.Pool) {
  const store = messageInserter(db, pool);
  let queue: Pending[] = [];
  /** conversations with a statement in flight */
  const writing = new Set<number>();
  let inFlight = 0;
  let scheduled = false;

  const settle = async (batch: Pending[], stored: StoredMessage[]) => {
    const byKey = new Map(stored.map((r) => [`${r.conversation_id}\u0000${r.client_key}`, r]));
    for (const p of batch) {
      const row = byKey.get(`${p.m.conversationId}\u0000${p.m.clientKey}`);
      if (!row) {
        notStored(db, p.m.conversationId, p.m.clientKey).then(p.resolve, p.reject);
        continue;
      }
      byKey.delete(`${p.m.conversationId}\u0000${p.m.clientKey}`);
      const message = toChatMessage(messageRecord(p.m, row, p.sender));
      p.resolve({ message, created: true });
      hub?.message(message, { organisationIds: p.target.organisationIds, applicationId: p.target.applicationId });
    }
  };

  const one = async (p: Pending) => {
    try {
      await settle([p], await store([p.m]));
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return notStored(db, p.m.conversationId, p.m.clientKey).then(p.resolve, p.reject);
      p.reject(error);
    }
  };

  const write = async (batch: Pending[]) => {
    try {
      await settle(batch, await store(batch.map((p) => p.m)));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (batch.length > 1 && (code === '23505' || code === '40P01')) for (const p of batch) await one(p);
      else for (const p of batch) p.reject(error);
    }
  };

  /** Starts one statement with every waiting message whose conversation has none in flight. */
  const start = () => {
    scheduled = false;
    if (inFlight >= WRITES_IN_FLIGHT || queue.length === 0) return;
    const batch: Pending[] = [];
    const waiting: Pending[] = [];
    for (const p of queue) (writing.has(p.m.conversationId) ? waiting : batch).push(p);
    if (batch.length === 0) return;
    queue = waiting;
    const conversations = new Set(batch.map((p) => p.m.conversationId));
    for (const c of conversations) writing.add(c);
    inFlight += 1;
    void write(batch).finally(() => {
      for (const c of conversations) writing.delete(c);
      inFlight -= 1;
      start();
    });
  };

  return {
    /** Stores a participant's text message (access and state checked by the caller, the state again here). */
    send(user: SessionUser, target: PostTarget, input: { clientKey: string; body: string }): Promise<{ message: ChatMessage; created: boolean }> {
      const body = input.body.trim();
      if (body === '') return Promise.reject(new ServiceError(400, 'メッセージを入力してください。'));
      return new Promise((resolve, reject) => {
        queue.push({ m: participantMessage(target.conversationId, user, input.clientKey, body), sender: senderOf(user), target, resolve, reject });
        // After the current tick: the messages of one tick go out together.
        if (!scheduled) setImmediate(start);
        scheduled = true;
      });
    },
  };
}

export type UploadedFile = { name: string; bytes: Uint8Array };

const chatUploadDir = (dataDir: string, conversationId: number) => path.join(dataDir, 'uploads', 'chat', String(conversationId));

/**
 * The form post (no JavaScript) and messages with attachments: persists a text message (with its
 * files, in one transaction) before anyone is told about it. Sending the same clientKey again returns
 * the stored message with `created: false` and stores nothing.
 */
export async function postMessage(
  db: Db,
  user: SessionUser,
  input: { conversationId: number; clientKey: string; body: string; files?: UploadedFile[] },
  opts: { limits: ChatLimiters; dataDir?: string; hub?: ChatHub },
): Promise<{ message: ChatMessage; created: boolean }> {
  const conversation = await requireConversation(db, user, input.conversationId, 'conversation.post');
  await requireMessageAllowance(opts.limits, user);
  if (isTerminal(conversation.application_state as ApplicationState)) throw new ServiceError(409, CLOSED);
  const files = (input.files ?? []).filter((f) => f.bytes.byteLength > 0 || f.name !== '');
  if (files.length > MAX_ATTACHMENTS_PER_MESSAGE) throw new ServiceError(400, `添付ファイルは1回に${MAX_ATTACHMENTS_PER_MESSAGE}件までです。`);
  if (input.body.trim() === '' && files.length === 0) throw new ServiceError(400, 'メッセージを入力するか、ファイルを添付してください。');
  if (files.length && !opts.dataDir) throw new ServiceError(400, '添付ファイルはこの経路では送れません。');
  const checked: (UploadedFile & { mime: Parameters<typeof safeFileName>[1]; id: string })[] = [];
  for (const f of files) {
    const c = await inspectAttachment(f.bytes);
    if (!c.ok) throw new ServiceError(400, `${f.name}：${c.message}`);
    checked.push({ ...f, mime: c.mime, id: randomUUID() });
  }
  const written: string[] = [];
  const removeWritten = async () => {
    for (const w of written) await rm(w, { force: true });
  };
  try {
    for (const f of checked) {
      const dest = path.join(chatUploadDir(opts.dataDir!, input.conversationId), f.id);
      await mkdir(path.dirname(dest), { recursive: true });
      await writeFile(dest, f.bytes, { mode: 0o640 });
      written.push(dest);
    }
    const m = participantMessage(input.conversationId, user, input.clientKey, input.body.trim());
    const store = async (q: Db | Trx) => {
      const [row] = await insertMessages(q, [m]);
      if (!row) return undefined;
      for (const f of checked) {
        await insertMessageAttachment(q, {
          id: f.id,
          message_id: row.id,
          conversation_id: input.conversationId,
          file_name: safeFileName(f.name, f.mime),
          mime: f.mime,
          size_bytes: f.bytes.byteLength,
          sha256: createHash('sha256').update(f.bytes).digest('hex'),
          user_id: user.id,
        });
      }
      return row;
    };
    // Without files the message is one statement; with files, it and its attachments commit together.
    let row: StoredMessage | undefined;
    try {
      row = checked.length ? await db.transaction().execute((trx) => store(trx)) : await store(db);
    } catch (error) {
      // The same key sent twice at the same moment: the unique key refuses the second one.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
    if (!row) {
      await removeWritten();
      return await notStored(db, input.conversationId, input.clientKey);
    }
    const record = messageRecord(m, row, senderOf(user));
    const [message] = checked.length ? await withAttachments(db, [record]) : [toChatMessage(record)];
    opts.hub?.message(message, { organisationIds: [conversation.applicant_organisation_id, conversation.owner_organisation_id], applicationId: conversation.application_id });
    return { message, created: true };
  } catch (error) {
    await removeWritten();
    throw error;
  }
}

/** Messages after `afterSeq` (the catch-up after a reconnect), oldest first, at most one page. */
export async function messagesAfter(db: Db, user: SessionUser | { checked: true }, conversationId: number, afterSeq: number, limit = HISTORY_PAGE) {
  if (!('checked' in user)) await requireConversation(db, user, conversationId, 'conversation.view');
  const rows = await findMessagesAfter(db, conversationId, afterSeq, limit + 1);
  return { messages: await withAttachments(db, rows.slice(0, limit)), hasMore: rows.length > limit };
}

export async function latestMessages(db: Db, conversationId: number, limit = HISTORY_PAGE) {
  return withAttachments(db, await findLatestMessages(db, conversationId, limit));
}

export async function readMarks(db: Db | Trx, conversationId: number): Promise<ReadMarks> {
  const rows = await findReadMarks(db, conversationId);
  return Object.fromEntries(rows.map((r) => [r.organisation_id, r.seq]));
}

/** Moves the user's read mark to `seq` (never backwards, never past the last message). */
export async function markRead(db: Db, user: SessionUser, conversationId: number, seq: number, opts: { hub?: ChatHub } = {}) {
  const c = await requireConversation(db, user, conversationId, 'conversation.view');
  const upTo = Math.min(seq, c.last_seq);
  if (upTo <= 0) return { seq: 0 };
  await upsertRead(db, { conversation_id: conversationId, user_id: user.id, organisation_id: user.organisationId, last_read_seq: upTo });
  opts.hub?.read({ conversationId, organisationId: user.organisationId, userId: user.id, seq: upTo });
  return { seq: upTo };
}

/** A chat attachment as a download, for the conversation's parties only. */
export async function chatAttachmentResponse(db: Db, user: SessionUser | null, conversationId: number, fileId: string, opts: { dataDir: string }) {
  await requireConversation(db, user, conversationId, 'conversation.view');
  const row = isUuid(fileId) ? await findMessageAttachment(db, conversationId, fileId) : undefined;
  if (!row) throw new ServiceError(404, '添付ファイルが見つかりません。');
  return fileDownloadResponse(path.join(chatUploadDir(opts.dataDir, conversationId), row.id), {
    fileName: row.file_name,
    mime: row.mime,
    sizeBytes: row.size_bytes,
    cacheControl: 'private, no-store',
  });
}
