import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inviteColleague } from '../../../app/services/accounts.server';
import { applyToListing } from '../../../app/services/applications.server';
import { listMail } from '../../../app/services/mail.server';
import { CHAT_LIMITS, LIMITS } from '../../../app/services/rate-limit.server';
import { createTestDb } from '../../helpers/test-db';
import { Client as HttpClient } from '../accounts/client';
import { addMember, scenario } from '../applications/fixtures';
import { ask, client, connected, startOn, type Client } from './helpers';

/*
 * Limits belong to the person, not to the connection: a user's sockets share one allowance that a
 * reconnection does not refill, the page's form post is limited like the socket, and mails that land
 * in someone else's inbox (a sign-up notice, an invitation) are limited per recipient.
 */

let handle: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startOn>>;
let s: Awaited<ReturnType<typeof scenario>>;
let services: { db: typeof handle.db; config: typeof server.config };
let conversationId: number;
let applicationId: number;
const sockets: Client[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  server = await startOn(handle);
  services = { db: handle.db, config: server.config };
  s = await scenario(services);
  const app = await applyToListing(handle.db, s.company.user, 'opening', s.opening, { programType: 'dispatch', message: '応募します', proposal: '', asInquiry: false }, { ip: '', publicUrl: server.config.publicUrl });
  conversationId = app.conversationId;
  applicationId = app.id;
});
afterEach(() => {
  for (const c of sockets.splice(0)) c.close();
});
afterAll(async () => {
  await server?.close();
  await handle?.close();
});

const open = async (cookie: string) => {
  const c = client(server.url, cookie);
  sockets.push(c);
  await connected(c);
  return c;
};

const mailsTo = async (to: string) => (await listMail(server.config, 1000)).filter((m) => m.to === to);

describe('chat limits are per user', () => {
  it('reconnecting does not refill the allowance, and a second tab shares it', async () => {
    const party = await addMember(services, s.company.organisationId, '連投する担当者');
    const first = await open(party.cookie);
    const answers = await Promise.all(Array.from({ length: CHAT_LIMITS.events.points }, () => ask(first, 'conversation:join', { conversationId })));
    expect(answers.every((a) => a.ok)).toBe(true);
    first.close();
    const again = await open(party.cookie);
    const refused = await ask(again, 'conversation:join', { conversationId });
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    const tab = await open(party.cookie);
    expect(await ask(tab, 'conversation:join', { conversationId })).toMatchObject({ ok: false, code: 'rate_limited' });
    // Another user is not affected.
    const colleague = await open(s.company.cookie);
    expect((await ask(colleague, 'conversation:join', { conversationId })).ok).toBe(true);
  });

  it('the form post (no JavaScript) stores 30 messages a minute, then answers 429 with the text kept', async () => {
    const party = await addMember(services, s.municipality.organisationId, 'フォームで連投する担当者');
    const post = (i: number) =>
      fetch(`${server.url}/applications/${applicationId}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: party.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ intent: 'message', clientKey: `form-flood-${i}-key`, body: `連投 ${i}` }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < CHAT_LIMITS.messages.points; i++) statuses.push((await post(i)).status);
    expect(statuses.every((st) => st === 302)).toBe(true);
    const refused = await post(999);
    expect(refused.status).toBe(429);
    const page = await refused.text();
    expect(page).toContain('メッセージの送信が多すぎます');
    expect(page).toContain('連投 999');
    const stored = await handle.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('sender_user_id', '=', party.user.id).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(CHAT_LIMITS.messages.points);
    // The socket draws on the same allowance.
    const socket = await open(party.cookie);
    expect(await ask(socket, 'message:send', { conversationId, clientKey: 'socket-after-flood', body: 'まだ送れる？' })).toMatchObject({ ok: false, code: 'rate_limited' });
  });
});

describe('mails to another person’s inbox are limited per recipient', () => {
  it('a repeated sign-up with a registered address mails its owner at most 5 times an hour', async () => {
    const target = s.hokkaido.user.email;
    for (let i = 0; i < LIMITS.mail.points + 3; i++) {
      const res = await new HttpClient(server.url).post('/signup/individual', { name: `別人${i}`, email: target, password: 'another-person-2026', track: 'freelance', agree: 'on' });
      expect(res.status).toBe(302);
    }
    const notices = (await mailsTo(target)).filter((m) => m.subject === '【起業人マッチ】このメールアドレスは登録済みです');
    expect(notices).toHaveLength(LIMITS.mail.points);
  });

  it('invitations to one address stop after 5 an hour, whichever organisation sends them', async () => {
    const target = 'invited-victim@example.jp';
    const results = [];
    for (let i = 0; i < LIMITS.mail.points; i++) results.push(await inviteColleague(services, (i % 2 ? s.company : s.sapporo).user, target, '127.0.0.1'));
    expect(results.every((r) => r.ok)).toBe(true);
    const refused = await inviteColleague(services, s.stranger.user, target, '127.0.0.1');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors.email?.[0]).toMatch(/1時間に5通まで/);
    expect(await mailsTo(target)).toHaveLength(LIMITS.mail.points);
  });
});
