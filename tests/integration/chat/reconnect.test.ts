import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/chat/events';
import { postMessage } from '../../../app/services/chat.server';
import { createTestDb } from '../../helpers/test-db';
import { scenario } from '../applications/fixtures';
import { applyForChat, ask, client, connected, startOn, until, type Client } from './helpers';
import { createChatLimiters } from '../../../app/services/rate-limit.server';

/** the limits a server process would apply to these direct posts */
const limits = createChatLimiters();

/**
 * The client side of catch-up, as app/chat/use-chat.ts does it: on every (re)connect, join with
 * the last seq held and merge what comes back; drop duplicates by seq.
 */
function follower(socket: Client, conversationId: number) {
  const held = new Map<number, ChatMessage>();
  const add = (m: ChatMessage) => held.set(m.seq, m);
  let joins = 0;
  const last = () => Math.max(0, ...held.keys());
  socket.on('connect', () => {
    socket.emit('conversation:join', { conversationId, afterSeq: last() }, (res) => {
      if (res.ok) {
        joins += 1;
        res.messages.forEach(add);
      }
    });
  });
  socket.on('message', (m) => m.conversationId === conversationId && add(m));
  return { held, joins: () => joins, last };
}

let handle: Awaited<ReturnType<typeof createTestDb>>;
afterAll(() => handle?.close());

describe('reconnect after the server stops mid-conversation', () => {
  let s: Awaited<ReturnType<typeof scenario>>;
  let conversationId: number;
  let first: Awaited<ReturnType<typeof startOn>>;
  beforeAll(async () => {
    handle = await createTestDb();
    first = await startOn(handle);
    s = await scenario({ db: handle.db, config: first.config });
    conversationId = (await applyForChat(handle.db, s, first.config.publicUrl)).conversationId;
  });

  it('catches up every message stored while disconnected, and a resent key is stored once', async () => {
    const a = client(first.url, s.company.cookie, {}, true);
    const b = client(first.url, s.municipality.cookie, {}, true);
    const fa = follower(a, conversationId);
    const fb = follower(b, conversationId);
    await Promise.all([connected(a), connected(b)]);
    await until(() => fa.joins() === 1 && fb.joins() === 1);
    for (let i = 0; i < 3; i++) await ask(a, 'message:send', { conversationId, clientKey: `before-${i}-xxxx`, body: `停止前 ${i}` });
    await until(() => fb.last() === fa.last() && fa.last() >= 5);

    await first.close();
    await until(() => !a.connected && !b.connected);

    // Written while the sockets are down (e.g. by a form post on another process).
    for (let i = 0; i < 3; i++) await postMessage(handle.db, s.municipality.user, { conversationId, clientKey: `while-down-${i}`, body: `停止中 ${i}` }, { limits });
    // The company also sends while down: socket.io buffers it and sends on reconnect; the user then presses send again.
    const buffered = ask(a, 'message:send', { conversationId, clientKey: 'resend-key-0001', body: '再送されるメッセージ' });

    const second = await startOn(handle, { port: first.port, secret: 's'.repeat(40) });
    try {
      await until(() => fa.joins() === 2 && fb.joins() === 2, 15_000);
      expect((await buffered).ok).toBe(true);
      const again = await ask(a, 'message:send', { conversationId, clientKey: 'resend-key-0001', body: '再送されるメッセージ' });
      expect(again).toMatchObject({ ok: true, duplicate: true });

      const stored = await handle.db.selectFrom('messages').select(['seq', 'body']).where('conversation_id', '=', conversationId).orderBy('seq').execute();
      await until(() => fa.last() === stored.at(-1)!.seq && fb.last() === stored.at(-1)!.seq);
      for (const f of [fa, fb]) {
        expect([...f.held.keys()].sort((x, y) => x - y)).toEqual(stored.map((m) => m.seq));
        expect([...f.held.values()].sort((x, y) => x.seq - y.seq).map((m) => m.body)).toEqual(stored.map((m) => m.body));
      }
      expect(stored.filter((m) => m.body === '再送されるメッセージ')).toHaveLength(1);
      expect(stored.filter((m) => m.body.startsWith('停止中'))).toHaveLength(3);
    } finally {
      a.close();
      b.close();
      await second.close();
    }
  });
});
