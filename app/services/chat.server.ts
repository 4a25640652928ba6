import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { recordActivity } from '../../db/queries/applications';
import {
  advanceConversation,
  countUnread,
  findAttachmentsForMessages,
  findConversation,
  findLatestMessages,
  findMessageAttachment,
  findMessageByClientKey,
  findMessagesAfter,
  findReadMarks,
  insertMessageOnce,
  insertParticipantMessage,
  insertMessageAttachment,
  lockConversation,
  upsertRead,
  type MessageRecord,
} from '../../db/queries/chat';
import type { Database } from '../../db/database';
import type { ChatHub, ChatMessage, ReadMarks } from '../chat/events';
import type { SessionUser } from '../domain/accounts/types';
import { safeFileName } from '../domain/listings/rules';
import { can, type Action } from '../domain/policy';
import { inspectAttachment } from './listing-attachments.server';
import { fileDownloadResponse } from './downloads.server';
import { chatLimitersFor, take } from './rate-limit.server';
import { ServiceError } from '../utils/errors';
import { isUuid } from '../utils/params';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export const HISTORY_PAGE = 200;
export const MAX_ATTACHMENTS_PER_MESSAGE = 3;

type ConversationRow = NonNullable<Awaited<ReturnType<typeof findConversation>>>;
type LockedConversation = NonNullable<Awaited<ReturnType<typeof lockConversation>>>;

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

/**
 * Stores one message inside the caller's transaction: locks the conversation, returns the stored
 * message when the idempotency key was already used, else takes the next sequence number.
 */
export async function appendMessage(
  trx: Trx,
  conversationId: number,
  input: AppendInput,
  names: { senderName: string | null; senderOrganisationName: string | null } | null = null,
): Promise<{ record: MessageRecord; created: boolean; conversation: LockedConversation }> {
  const conversation = await lockConversation(trx, conversationId);
  if (!conversation) throw new ServiceError(404, '会話が見つかりません。');
  const seq = conversation.last_seq + 1;
  const inserted = await insertMessageOnce(trx, {
    conversation_id: conversationId,
    seq,
    kind: input.kind,
    sender_user_id: input.sender?.userId ?? null,
    sender_organisation_id: input.sender?.organisationId ?? null,
    body: input.body,
    meta: input.meta ?? {},
    client_key: input.clientKey,
  });
  if (!inserted) return { record: (await findMessageByClientKey(trx, conversationId, input.clientKey))!, created: false, conversation };
  await advanceConversation(trx, conversationId, seq);
  await recordActivity(trx, conversation.application_id, input.kind === 'text' && input.sender?.organisationId === conversation.owner_organisation_id);
  // The caller knows who sent it; only system callers without names read the row back.
  const record: MessageRecord = names
    ? {
        id: Number(inserted.id),
        conversation_id: conversationId,
        seq,
        kind: input.kind,
        sender_user_id: input.sender?.userId ?? null,
        sender_organisation_id: input.sender?.organisationId ?? null,
        body: input.body,
        meta: input.meta ?? {},
        client_key: input.clientKey,
        created_at: inserted.created_at,
        sender_name: names.senderName,
        sender_organisation_name: names.senderOrganisationName,
      }
    : (await findMessageByClientKey(trx, conversationId, input.clientKey))!;
  return { record, created: true, conversation: { ...conversation, last_seq: seq } };
}

export type UploadedFile = { name: string; bytes: Uint8Array };

const chatUploadDir = (dataDir: string, conversationId: number) => path.join(dataDir, 'uploads', 'chat', String(conversationId));

/**
 * Persists a text message (with optional attachments) before anyone is told about it. Sending the
 * same clientKey again returns the stored message with `created: false` and stores nothing.
 */
export async function postMessage(
  db: Db,
  user: SessionUser,
  input: { conversationId: number; clientKey: string; body: string; files?: UploadedFile[] },
  opts: { dataDir?: string; hub?: ChatHub } = {},
): Promise<{ message: ChatMessage; created: boolean }> {
  const conversation = await requireConversation(db, user, input.conversationId, 'conversation.post');
  const wait = await take(chatLimitersFor(db).messages, user.id);
  if (wait > 0) throw new ServiceError(429, `メッセージの送信が多すぎます。${Math.ceil(wait / 1000)}秒ほど待ってから再度お試しください。`);
  const state = conversation.application_state;
  if (state === 'concluded' || state === 'withdrawn' || state === 'declined') throw new ServiceError(409, 'この応募は終了しているため、メッセージを送れません。');
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
  try {
    for (const f of checked) {
      const dest = path.join(chatUploadDir(opts.dataDir!, input.conversationId), f.id);
      await mkdir(path.dirname(dest), { recursive: true });
      await writeFile(dest, f.bytes, { mode: 0o640 });
      written.push(dest);
    }
    const sender = { senderName: user.name, senderOrganisationName: user.organisation.name };
    const store = async (q: Db | Trx) => {
      const row = await insertParticipantMessage(q, { conversationId: input.conversationId, clientKey: input.clientKey, body: input.body.trim(), userId: user.id, organisationId: user.organisationId });
      if (!row) return null;
      for (const f of checked) {
        await insertMessageAttachment(q, {
          id: f.id,
          message_id: Number(row.id),
          conversation_id: input.conversationId,
          file_name: safeFileName(f.name, f.mime),
          mime: f.mime,
          size_bytes: f.bytes.byteLength,
          sha256: createHash('sha256').update(f.bytes).digest('hex'),
          user_id: user.id,
        });
      }
      const record: MessageRecord = {
        id: Number(row.id),
        conversation_id: input.conversationId,
        seq: row.seq,
        kind: 'text',
        sender_user_id: user.id,
        sender_organisation_id: user.organisationId,
        body: input.body.trim(),
        meta: {},
        client_key: input.clientKey,
        created_at: row.created_at,
        sender_name: sender.senderName,
        sender_organisation_name: sender.senderOrganisationName,
      };
      return { record, created: true };
    };
    // Without files the message is one statement; with files, it and its attachments commit together.
    let stored: { record: MessageRecord; created: boolean } | null;
    try {
      stored = checked.length ? await db.transaction().execute((trx) => store(trx)) : await store(db);
    } catch (error) {
      // The same key sent twice at the same moment: the unique key refuses the second one.
      if ((error as { code?: string }).code !== '23505') throw error;
      stored = null;
    }
    if (!stored) {
      const existing = await findMessageByClientKey(db, input.conversationId, input.clientKey);
      if (!existing) throw new ServiceError(409, '送信できませんでした。もう一度お試しください。');
      stored = { record: existing, created: false };
    }
    const [message] = checked.length || !stored.created ? await withAttachments(db, [stored.record]) : [toChatMessage(stored.record)];
    const result = { message, created: stored.created, conversation };
    if (!result.created) for (const w of written) await rm(w, { force: true });
    if (result.created) {
      opts.hub?.message(result.message, {
        organisationIds: [result.conversation.applicant_organisation_id, result.conversation.owner_organisation_id],
        applicationId: result.conversation.application_id,
      });
    }
    return { message: result.message, created: result.created };
  } catch (error) {
    for (const w of written) await rm(w, { force: true });
    throw error;
  }
}

/** Messages after `afterSeq` (the catch-up after a reconnect), oldest first, at most one page. */
export async function messagesAfter(db: Db, user: SessionUser, conversationId: number, afterSeq: number, limit = HISTORY_PAGE) {
  await requireConversation(db, user, conversationId, 'conversation.view');
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

export function unreadCount(db: Db, user: SessionUser): Promise<number> {
  return countUnread(db, user.id, user.organisationId);
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
