import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { suspendUser } from '../../../app/services/admin-users.server';
import { hashToken, newToken } from '../../../app/services/auth.server';
import { changePassword, logOut, logOutEverywhere, resetPassword } from '../../../app/services/login.server';
import { hashPassword } from '../../../app/services/passwords.server';
import { deleteExpiredSessions } from '../../../db/queries/sessions';
import { createTestDb } from '../../helpers/test-db';
import { addMember, makeParty, scenario, sessionFor, type Party } from '../applications/fixtures';
import { applyForChat, ask, client, connected, sleep, startOn, type Client } from './helpers';

/*
 * A chat socket lives no longer than its session: every way a session ends closes the sockets
 * opened with it, at once and without the client emitting anything; other sessions' sockets stay.
 */

let handle: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startOn>>;
let s: Awaited<ReturnType<typeof scenario>>;
let conversationId: number;
let services: { db: typeof handle.db; config: typeof server.config };
const sockets: Client[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  server = await startOn(handle);
  services = { db: handle.db, config: server.config };
  s = await scenario(services);
  ({ conversationId } = await applyForChat(handle.db, s, server.config.publicUrl));
});
afterEach(() => {
  for (const c of sockets.splice(0)) c.close();
});
afterAll(async () => {
  await server?.close();
  await handle?.close();
});

/** A member of the applying company (a party to the conversation), signed in twice (two devices): returns both cookies. */
async function member(): Promise<{ party: Party; conversationId: number; cookies: [string, string] }> {
  const party = await addMember(services, s.company.organisationId, '二台目の担当者');
  return { party, conversationId, cookies: [party.cookie, await secondSession(party.user.id)] };
}

function secondSession(userId: string): Promise<string> {
  return sessionFor(services, userId, { userAgent: 'second' });
}

async function joined(cookie: string, conversationId: number): Promise<Client> {
  const c = client(server.url, cookie);
  sockets.push(c);
  await connected(c);
  expect((await ask(c, 'conversation:join', { conversationId })).ok).toBe(true);
  return c;
}

/** Resolves with the milliseconds until the server closed the socket (never a client-side close). */
function closedByServer(c: Client, ms = 5_000): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    if (!c.connected) return reject(new Error('socket not connected'));
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    c.once('disconnect', (reason) => {
      clearTimeout(timer);
      if (reason === 'io server disconnect') resolve(performance.now() - start);
      else reject(new Error(`disconnected: ${reason}`));
    });
  });
}

const requestWith = (cookie: string) => new Request('http://localhost/settings', { method: 'POST', headers: { cookie } });

async function refusedAgain(cookie: string) {
  const again = client(server.url, cookie);
  sockets.push(again);
  await expect(connected(again)).rejects.toThrow('unauthorized');
}

describe('ending a session closes its chat sockets', () => {
  it('log-out everywhere closes the sockets of every session of the user', async () => {
    const m = await member();
    const [a, b] = await Promise.all(m.cookies.map((c) => joined(c, m.conversationId)));
    const closed = [closedByServer(a), closedByServer(b)];
    await logOutEverywhere(services, requestWith(m.cookies[0]), m.party.user, '127.0.0.1');
    await Promise.all(closed);
    await refusedAgain(m.cookies[1]);
  });

  it('log-out closes that session’s sockets only', async () => {
    const m = await member();
    const [a, b] = await Promise.all(m.cookies.map((c) => joined(c, m.conversationId)));
    const closed = closedByServer(a);
    await logOut(services, requestWith(m.cookies[0]), m.party.user, '127.0.0.1');
    await closed;
    await sleep(300);
    expect(b.connected).toBe(true);
    expect((await ask(b, 'conversation:join', { conversationId: m.conversationId })).ok).toBe(true);
  });

  it('a password change closes the other sessions’ sockets and keeps the one it was made from', async () => {
    const m = await member();
    await handle.db.updateTable('users').set({ password_hash: await hashPassword('old-password-2026') }).where('id', '=', m.party.user.id).execute();
    const [kept, other] = await Promise.all(m.cookies.map((c) => joined(c, m.conversationId)));
    const closed = closedByServer(other);
    expect(await changePassword(services, requestWith(m.cookies[0]), m.party.user, 'old-password-2026', 'new-password-2026', '127.0.0.1')).toBe(true);
    await closed;
    await sleep(300);
    expect(kept.connected).toBe(true);
    expect((await ask(kept, 'conversation:join', { conversationId: m.conversationId })).ok).toBe(true);
    await refusedAgain(m.cookies[1]);
  });

  it('a password reset closes every socket of the user', async () => {
    const m = await member();
    const [a, b] = await Promise.all(m.cookies.map((c) => joined(c, m.conversationId)));
    const token = newToken();
    await handle.db
      .insertInto('auth_tokens')
      .values({ purpose: 'password_reset', token_hash: hashToken(token), user_id: m.party.user.id, organisation_id: m.party.organisationId, email: m.party.user.email, created_by: null, expires_at: new Date(Date.now() + 600_000) })
      .execute();
    const closed = [closedByServer(a), closedByServer(b)];
    expect(await resetPassword(services, token, 'reset-password-2026', '127.0.0.1')).toBe(true);
    await Promise.all(closed);
  });

  it('suspension closes every socket of the user, which then cannot reconnect', async () => {
    const m = await member();
    const operator = await makeParty(services, { kind: 'operator', name: '運営事務局' });
    const [a, b] = await Promise.all(m.cookies.map((c) => joined(c, m.conversationId)));
    const closed = [closedByServer(a), closedByServer(b)];
    expect(await suspendUser(services, operator.user, { userId: m.party.user.id, reason: '不正な利用のため' }, '127.0.0.1')).toEqual({ ok: true });
    await Promise.all(closed);
    await refusedAgain(m.cookies[0]);
  });

  it('a purge of expired sessions closes their sockets', async () => {
    const m = await member();
    const a = await joined(m.cookies[0], m.conversationId);
    const closed = closedByServer(a);
    await handle.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', m.party.user.id).execute();
    await deleteExpiredSessions(handle.db);
    await closed;
  });
});
