import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSERT_MESSAGES_STATEMENT, insertMessages, insertMessagesQuery, type NewMessage } from '../../../db/queries/chat';
import { createMessageWriter, type PostTarget } from '../../../app/services/chat.server';
import { applyToListing } from '../../../app/services/applications.server';
import { TERMINAL_STATES } from '../../../app/domain/applications/states';
import { loadConfig } from '../../../app/server/config';
import { createTestDb } from '../../helpers/test-db';
import { scenario } from '../applications/fixtures';

/*
 * The one statement that stores messages: a batch over several conversations numbers each
 * conversation gaplessly in input order, skips keys already used (in the database or earlier in the
 * batch), refuses closed applications, starts the first-reply clock on the owner's first text and
 * moves each sender's read mark. The socket writer keeps one statement in flight per conversation,
 * not one for everything: a conversation's write waiting on a lock holds up no other conversation.
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

describe('createMessageWriter', () => {
  it('stores another conversation’s message while one conversation’s write waits, and that conversation’s next messages after it, in order', async (ctx) => {
    if (!handle.url) return ctx.skip('needs a second connection holding a row lock (PGlite is one connection)');
    const writer = createMessageWriter(handle.db);
    const target = (c: { id: number; conversationId: number }): PostTarget => ({ conversationId: c.conversationId, applicationId: c.id, organisationIds: [s.company.organisationId, s.municipality.organisationId] });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // Another connection holds conversation one's row, as a slow write of another process would.
    const holder = handle.db.transaction().execute(async (trx) => {
      await sql`select id from conversations where id = ${one.conversationId} for update`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    const a1 = writer.send(s.company.user, target(one), { clientKey: 'pipe-1-a', body: '一通目' });
    await new Promise((r) => setTimeout(r, 100));
    const b = writer.send(s.sapporo.user, target(two), { clientKey: 'pipe-2-a', body: '別の会話' });
    const a2 = writer.send(s.municipality.user, target(one), { clientKey: 'pipe-1-b', body: '二通目' });
    const first = await Promise.race([b.then(() => 'other conversation stored'), new Promise((r) => setTimeout(() => r('still waiting'), 3000))]);
    release();
    await holder;
    const [r1, r2, rb] = await Promise.all([a1, a2, b]);
    expect(first).toBe('other conversation stored');
    expect(r2.message.seq).toBe(r1.message.seq + 1);
    expect(rb.created).toBe(true);
    const rows = await seqs(one.conversationId);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.slice(-2).map((r) => r.client_key)).toEqual(['pipe-1-a', 'pipe-1-b']);
  });

  it('on PostgreSQL prepares its statement once per connection and numbers, skips and acknowledges as before', async (ctx) => {
    if (!handle.url) return ctx.skip('PGlite has no pg pool (the writer runs insertMessages)');
    const pool = new pg.Pool({ connectionString: handle.url, max: 1 });
    try {
      const writer = createMessageWriter(handle.db, undefined, pool);
      const target: PostTarget = { conversationId: one.conversationId, applicationId: one.id, organisationIds: [s.company.organisationId, s.municipality.organisationId] };
      const before = (await seqs(one.conversationId)).length;
      const first = await Promise.all([
        writer.send(s.company.user, target, { clientKey: 'named-a', body: '一通目' }),
        writer.send(s.municipality.user, target, { clientKey: 'named-b', body: '二通目' }),
      ]);
      const again = await writer.send(s.company.user, target, { clientKey: 'named-a', body: '同じキー' });
      const next = await writer.send(s.company.user, target, { clientKey: 'named-c', body: '三通目' });
      expect(first.map((r) => [r.message.seq, r.created])).toEqual([[before + 1, true], [before + 2, true]]);
      expect(again.created).toBe(false);
      expect(again.message.seq).toBe(before + 1);
      expect(next.message.seq).toBe(before + 3);
      const rows = await seqs(one.conversationId);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: before + 3 }, (_, i) => i + 1));
      // The pool's one connection holds the statement, prepared once for every write made on it.
      const prepared = await pool.query<{ name: string }>('select name from pg_prepared_statements');
      expect(prepared.rows.map((r) => r.name)).toEqual([INSERT_MESSAGES_STATEMENT]);
    } finally {
      await pool.end();
    }
  });
});

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

  it('reads the same number of pages however many messages are stored (each key is looked up by its index)', async () => {
    // Pages read, not times: the same plan over the same rows reads the same pages on any machine.
    const pagesRead = async (tag: string) => {
      const compiled = insertMessagesQuery([text(one.conversationId, s.company, `${tag}-a`), text(one.conversationId, s.municipality, `${tag}-b`), text(two.conversationId, s.sapporo, `${tag}-c`)]).compile(handle.db);
      const result = await handle.db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (analyze, buffers, format json) ${compiled.sql}`, [...compiled.parameters]));
      const raw = result.rows[0]['QUERY PLAN'];
      const top = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: Record<string, number> }>;
      return top[0].Plan['Shared Hit Blocks'] + top[0].Plan['Shared Read Blocks'];
    };
    await sql`analyze messages`.execute(handle.db);
    await pagesRead('pages-warm');
    const few = await pagesRead('pages-few');
    for (let i = 0; i < 6; i++) await insertMessages(handle.db, Array.from({ length: 1000 }, (_, k) => text(one.conversationId, s.company, `bulk-${i}-${k}`, '負荷試験のメッセージ'.repeat(4))));
    await sql`analyze messages`.execute(handle.db);
    const many = await pagesRead('pages-many');
    expect(few).toBeGreaterThan(0);
    expect(many).toBeLessThanOrEqual(few + 20);
  });

  it('stores nothing for a closed application', async () => {
    await handle.db.updateTable('applications').set({ state: 'withdrawn' }).where('id', '=', two.id).execute();
    const before = await seqs(two.conversationId);
    expect(await insertMessages(handle.db, [text(two.conversationId, s.sapporo, 'after-close')])).toEqual([]);
    expect(await seqs(two.conversationId)).toEqual(before);
  });
});
