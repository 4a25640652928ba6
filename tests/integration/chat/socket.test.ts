import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyToListing } from '../../../app/services/applications.server';
import { createTestDb } from '../../helpers/test-db';
import { addMember, scenario } from '../applications/fixtures';
import { ask, client, collect, connected, next, startOn, until, type Client } from './helpers';

let handle: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startOn>>;
let s: Awaited<ReturnType<typeof scenario>>;
let conversationId: number;
const sockets: Client[] = [];

const open = async (cookie: string | undefined, extra?: Record<string, string>) => {
  const c = client(server.url, cookie, extra);
  sockets.push(c);
  await connected(c);
  return c;
};

beforeAll(async () => {
  handle = await createTestDb();
  server = await startOn(handle);
  s = await scenario({ db: handle.db, config: server.config });
  const app = await applyToListing(handle.db, s.company.user, 'opening', s.opening, { programType: 'dispatch', message: '応募します', proposal: '', asInquiry: false }, { ip: '', publicUrl: server.config.publicUrl });
  conversationId = app.conversationId;
});
afterEach(() => {
  for (const c of sockets.splice(0)) c.close();
});
afterAll(async () => {
  await server?.close();
  await handle?.close();
});

describe('handshake', () => {
  it('rejects a connection without a session cookie', async () => {
    const c = client(server.url, undefined);
    sockets.push(c);
    await expect(connected(c)).rejects.toThrow('unauthorized');
  });

  it('rejects a forged cookie and a foreign Origin', async () => {
    const forged = client(server.url, 'km_session=abc.def');
    sockets.push(forged);
    await expect(connected(forged)).rejects.toThrow('unauthorized');
    const foreign = client(server.url, s.company.cookie, { origin: 'https://evil.example' });
    sockets.push(foreign);
    await expect(connected(foreign)).rejects.toThrow('forbidden origin');
  });

  it('accepts the parties with their session cookie', async () => {
    const c = await open(s.company.cookie, { origin: server.config.publicUrl });
    expect(c.connected).toBe(true);
  });
});

describe('policy over socket.io', () => {
  it('a third party cannot join the room, read the history or send; nor can the ministry', async () => {
    const company = await open(s.company.cookie);
    expect((await ask(company, 'conversation:join', { conversationId })).ok).toBe(true);
    const seen = collect(company);
    for (const party of [s.stranger, s.ministry]) {
      const other = await open(party.cookie);
      const heard = collect(other);
      const join = await ask(other, 'conversation:join', { conversationId, afterSeq: 0 });
      expect(join).toMatchObject({ ok: false, code: 'not_found' });
      expect(join.messages).toBeUndefined();
      const send = await ask(other, 'message:send', { conversationId, clientKey: `intruder-${party.organisationId}`, body: '割り込み' });
      expect(send).toMatchObject({ ok: false, code: 'not_found' });
      expect(await ask(other, 'read', { conversationId, seq: 1 })).toMatchObject({ ok: false, code: 'not_found' });
      expect(await ask(other, 'typing', { conversationId, typing: true })).toMatchObject({ ok: false, code: 'not_found' });
      // a message in the conversation does not reach them
      const municipality = await open(s.municipality.cookie);
      await ask(municipality, 'conversation:join', { conversationId });
      const key = `m-${Math.random().toString(36).slice(2, 10)}`;
      await ask(municipality, 'message:send', { conversationId, clientKey: key, body: '関係者だけに' });
      await until(() => seen.some((m) => m.clientKey === key));
      expect(heard).toEqual([]);
    }
    const stored = await handle.db.selectFrom('messages').select('body').where('body', '=', '割り込み').execute();
    expect(stored).toEqual([]);
  });

  it('zod-parses every event', async () => {
    const c = await open(s.company.cookie);
    expect(await ask(c, 'message:send', { conversationId, clientKey: 'short', body: 'x' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await ask(c, 'message:send', { conversationId, clientKey: 'valid-key-1234', body: '' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await ask(c, 'message:send', { conversationId: 'drop table', clientKey: 'valid-key-1234', body: 'x' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await ask(c, 'conversation:join', { conversationId, extra: 1 })).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('delivery', () => {
  it('persists first, acks, then broadcasts to the other party; the same key twice stores one message', async () => {
    const a = await open(s.company.cookie);
    const b = await open(s.municipality.cookie);
    await ask(a, 'conversation:join', { conversationId });
    await ask(b, 'conversation:join', { conversationId });
    const arrived = next(b, 'message', (m) => m.clientKey === 'idem-key-0001');
    const first = await ask(a, 'message:send', { conversationId, clientKey: 'idem-key-0001', body: 'こんにちは' });
    expect(first).toMatchObject({ ok: true, duplicate: false });
    // the ack carries the stored row: it is in the database already
    const row = await handle.db.selectFrom('messages').select(['seq']).where('client_key', '=', 'idem-key-0001').executeTakeFirstOrThrow();
    expect(row.seq).toBe(first.message.seq);
    expect((await arrived).body).toBe('こんにちは');

    const second = await ask(a, 'message:send', { conversationId, clientKey: 'idem-key-0001', body: 'こんにちは' });
    expect(second).toMatchObject({ ok: true, duplicate: true });
    expect(second.message.id).toBe(first.message.id);
    const rows = await handle.db.selectFrom('messages').select('id').where('client_key', '=', 'idem-key-0001').execute();
    expect(rows).toHaveLength(1);
  });

  it('numbers concurrent messages from both sides gaplessly in commit order; each sender’s messages keep their order', async () => {
    // Two members who have not sent anything yet: the chat limits are per user.
    const a = await open((await addMember({ db: handle.db, config: server.config }, s.company.organisationId, '順序を試す企業担当')).cookie);
    const b = await open((await addMember({ db: handle.db, config: server.config }, s.municipality.organisationId, '順序を試す自治体担当')).cookie);
    const start = (await ask(a, 'conversation:join', { conversationId })).messages.at(-1).seq as number;
    await ask(b, 'conversation:join', { conversationId, afterSeq: start });
    const seenA = collect(a);
    const seenB = collect(b);
    const sends = [];
    for (let i = 0; i < 15; i++) {
      sends.push(ask(a, 'message:send', { conversationId, clientKey: `order-a-${i}-xxxx`, body: `A${i}` }));
      sends.push(ask(b, 'message:send', { conversationId, clientKey: `order-b-${i}-xxxx`, body: `B${i}` }));
    }
    const acks = await Promise.all(sends);
    expect(acks.every((x) => x.ok)).toBe(true);
    const seqs = acks.map((x) => x.message.seq as number).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => start + 1 + i));
    await until(() => seenA.length >= 30 && seenB.length >= 30);
    for (const seen of [seenA, seenB]) {
      // Broadcasts of two senders may interleave in flight; clients order by seq, which is gapless.
      expect([...new Set(seen.map((m) => m.seq))].sort((x, y) => x - y)).toEqual(seqs);
      // One sender's messages are stored, numbered and delivered in the order they were sent.
      for (const side of ['A', 'B']) {
        const mine = seen.filter((m) => m.body.startsWith(side));
        expect(mine.map((m) => m.body)).toEqual(Array.from({ length: 15 }, (_, i) => `${side}${i}`));
        expect(mine.map((m) => m.seq)).toEqual([...mine.map((m) => m.seq)].sort((x, y) => x - y));
      }
    }
  });

  it('read receipts and typing reach the other side', async () => {
    const a = await open(s.company.cookie);
    const b = await open(s.municipality.cookie);
    await ask(a, 'conversation:join', { conversationId });
    const joined = await ask(b, 'conversation:join', { conversationId });
    const last = joined.messages.at(-1).seq as number;
    const typing = next(a, 'typing', (t) => t.conversationId === conversationId);
    await ask(b, 'typing', { conversationId, typing: true });
    expect((await typing).organisationId).toBe(s.municipality.organisationId);
    const receipt = next(a, 'read', (r) => r.organisationId === s.municipality.organisationId);
    expect(await ask(b, 'read', { conversationId, seq: last + 1000 })).toMatchObject({ ok: true, seq: last });
    expect((await receipt).seq).toBe(last);
  });

  it('limits the events of each user', async () => {
    const a = await open(s.company.cookie);
    await ask(a, 'conversation:join', { conversationId });
    const results = await Promise.all(Array.from({ length: 40 }, () => ask(a, 'typing', { conversationId, typing: true })));
    expect(results.some((r) => r.code === 'rate_limited')).toBe(true);
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(21);
  });
});
