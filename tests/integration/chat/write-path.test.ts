import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMessages, type NewMessage } from '../../../db/queries/chat';
import { applyToListing } from '../../../app/services/applications.server';
import { TERMINAL_STATES } from '../../../app/domain/applications/states';
import { loadConfig } from '../../../app/server/config';
import { createTestDb } from '../../helpers/test-db';
import { scenario } from '../applications/fixtures';

/*
 * The one statement that stores messages: a batch over several conversations numbers each
 * conversation gaplessly in input order, skips keys already used (in the database or earlier in the
 * batch), refuses closed applications, starts the first-reply clock on the owner's first text and
 * moves each sender's read mark.
 */

let handle: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof scenario>>;
let one: { id: number; conversationId: number };
let two: { id: number; conversationId: number };

beforeAll(async () => {
  handle = await createTestDb();
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 's'.repeat(40), DATA_DIR: '/tmp', LOG_LEVEL: 'silent' });
  s = await scenario({ db: handle.db, config });
  const input = { programType: 'dispatch' as const, message: '応募します', proposal: '', asInquiry: false };
  one = await applyToListing(handle.db, s.company.user, 'opening', s.opening, input, { ip: '', publicUrl: config.publicUrl });
  two = await applyToListing(handle.db, s.sapporo.user, 'opening', s.opening, input, { ip: '', publicUrl: config.publicUrl });
});
afterAll(async () => {
  await handle?.close();
});

const text = (conversationId: number, from: { user: { id: string; organisationId: string } }, clientKey: string, body = clientKey): NewMessage => ({
  conversationId,
  kind: 'text',
  senderUserId: from.user.id,
  senderOrganisationId: from.user.organisationId,
  body,
  meta: {},
  clientKey,
  refuseInStates: TERMINAL_STATES,
});

const seqs = async (conversationId: number) =>
  (await handle.db.selectFrom('messages').select(['seq', 'client_key']).where('conversation_id', '=', conversationId).orderBy('seq').execute());

describe('insertMessages', () => {
  it('numbers a batch over two conversations gaplessly, in input order, once per key', async () => {
    const before1 = (await seqs(one.conversationId)).length;
    const before2 = (await seqs(two.conversationId)).length;
    const stored = await insertMessages(handle.db, [
      text(one.conversationId, s.company, 'batch-1-a'),
      text(two.conversationId, s.sapporo, 'batch-2-a'),
      text(one.conversationId, s.municipality, 'batch-1-b'),
      text(one.conversationId, s.company, 'batch-1-a', 'the same key again'),
      text(two.conversationId, s.municipality, 'batch-2-b'),
      text(one.conversationId, s.company, 'application:' + one.id),
    ]);
    expect(stored.map((r) => r.client_key)).toEqual(expect.arrayContaining(['batch-1-a', 'batch-1-b', 'batch-2-a', 'batch-2-b']));
    expect(stored).toHaveLength(4);
    const rows1 = await seqs(one.conversationId);
    const rows2 = await seqs(two.conversationId);
    expect(rows1.map((r) => r.seq)).toEqual(Array.from({ length: before1 + 2 }, (_, i) => i + 1));
    expect(rows2.map((r) => r.seq)).toEqual(Array.from({ length: before2 + 2 }, (_, i) => i + 1));
    expect(rows1.slice(-2).map((r) => r.client_key)).toEqual(['batch-1-a', 'batch-1-b']);
    const conv = await handle.db.selectFrom('conversations').select('last_seq').where('id', '=', one.conversationId).executeTakeFirstOrThrow();
    expect(conv.last_seq).toBe(before1 + 2);
  });

  it('starts the first-reply clock with the owner side’s first text and moves the sender’s read mark', async () => {
    const apps = await handle.db.selectFrom('applications').select(['id', 'first_reply_at']).where('id', 'in', [one.id, two.id]).execute();
    expect(apps.every((a) => a.first_reply_at !== null)).toBe(true);
    const marks = await handle.db.selectFrom('conversation_reads').select(['user_id', 'last_read_seq']).where('conversation_id', '=', one.conversationId).execute();
    const last = (await seqs(one.conversationId)).at(-1)!.seq;
    expect(marks.find((m) => m.user_id === s.municipality.user.id)?.last_read_seq).toBe(last);
  });

  it('stores nothing for a closed application', async () => {
    await handle.db.updateTable('applications').set({ state: 'withdrawn' }).where('id', '=', two.id).execute();
    const before = await seqs(two.conversationId);
    expect(await insertMessages(handle.db, [text(two.conversationId, s.sapporo, 'after-close')])).toEqual([]);
    expect(await seqs(two.conversationId)).toEqual(before);
  });
});
