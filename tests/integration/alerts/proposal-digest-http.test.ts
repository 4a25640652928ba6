import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../../app/services/alerts.server';
import { startTestServer, type TestServer } from '../../helpers/server';
import { makeParty, type Party } from '../applications/fixtures';

/*
 * The マッチング提案 digest's frequency on /settings/notifications (the user's own setting only, a
 * forged value refused in Japanese with what was ticked kept), and the unsubscribe link stopping it.
 */
let server: TestServer;
let owner: Party;
let stranger: Party;

const post = (path: string, cookie: string | null, values: Record<string, string>) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(values),
  });
const html = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
const page = async (cookie: string) => html(await fetch(`${server.url}/settings/notifications`, { headers: { cookie } }));
const frequencyOf = async (p: Party) => (await server.db.selectFrom('proposal_digests').select('frequency').where('user_id', '=', p.user.id).executeTakeFirst())?.frequency ?? null;
/** Whether the box (or the radio button of `value`) named `name` is ticked in the page. */
const checked = (doc: string, name: string, value?: string) =>
  (doc.match(/<input[^>]*>/g) ?? []).some((tag) => tag.includes(` name="${name}"`) && (!value || tag.includes(` value="${value}"`)) && / checked=""/.test(tag));

const ALL_ON = { 'message.email': 'on', 'application.inApp': 'on', 'application.email': 'on', 'state_change.inApp': 'on', 'state_change.email': 'on', 'interview.inApp': 'on', 'interview.email': 'on', 'proposal.inApp': 'on', 'proposal.email': 'on' };

beforeAll(async () => {
  server = await startTestServer();
  const s = { db: server.db, config: server.services.config };
  owner = await makeParty(s, { kind: 'municipality', name: '島根県海士町', lgCode: '325252' });
  stranger = await makeParty(s, { kind: 'company', name: '株式会社よそ', hq: '131016', companyClass: 'A' });
});
afterAll(() => server?.close());

describe('the proposal digest setting', () => {
  it('is 毎週 until changed, and saves 毎日 or なし for the signed-in user only', async () => {
    const before = await page(owner.cookie);
    expect(before).toContain('マッチング提案');
    expect(checked(before, 'proposal.frequency', 'weekly')).toBe(true);
    expect(checked(before, 'proposal.email')).toBe(true);

    const res = await post('/settings/notifications', owner.cookie, { ...ALL_ON, 'proposal.frequency': 'daily' });
    expect(res.status).toBe(302);
    expect(await frequencyOf(owner)).toBe('daily');
    const after = await page(owner.cookie);
    expect(checked(after, 'proposal.frequency', 'daily')).toBe(true);
    expect(checked(after, 'proposal.frequency', 'weekly')).toBe(false);

    // Another user reads and changes only their own setting, whatever the form says about the user.
    expect(checked(await page(stranger.cookie), 'proposal.frequency', 'weekly')).toBe(true);
    const theirs = await post('/settings/notifications', stranger.cookie, { ...ALL_ON, 'proposal.frequency': 'none', userId: owner.user.id, user_id: owner.user.id });
    expect(theirs.status).toBe(302);
    expect(await frequencyOf(stranger)).toBe('none');
    expect(await frequencyOf(owner)).toBe('daily');

    // Without a session: the login page, nothing saved.
    expect((await fetch(`${server.url}/settings/notifications`, { redirect: 'manual' })).status).toBe(302);
    expect((await post('/settings/notifications', null, { ...ALL_ON, 'proposal.frequency': 'none' })).status).toBe(302);
    expect(await frequencyOf(owner)).toBe('daily');
  });

  it('refuses a forged frequency with a Japanese message, keeping every box as it was sent', async () => {
    const res = await post('/settings/notifications', owner.cookie, { 'message.email': 'on', 'proposal.inApp': 'on', 'proposal.frequency': 'hourly' });
    expect(res.status).toBe(400);
    const doc = await html(res);
    expect(doc).toContain('お知らせの頻度を「毎日」「毎週」「なし」から選んでください。');
    expect(checked(doc, 'proposal.inApp')).toBe(true);
    expect(checked(doc, 'proposal.email')).toBe(false);
    expect(checked(doc, 'application.email')).toBe(false);
    expect(await frequencyOf(owner)).toBe('daily');
    const kept = await server.db.selectFrom('notification_preferences').select(['kind', 'email']).where('user_id', '=', owner.user.id).where('kind', '=', 'application').executeTakeFirstOrThrow();
    expect(kept.email).toBe(true);
  });
});

describe('the unsubscribe link', () => {
  it('GET says the proposal digest will stop and changes nothing; the one-click POST stops it and says so', async () => {
    const token = unsubscribeToken(server.services.config.sessionSecret, owner.user.id);
    const confirm = await fetch(`${server.url}/alerts/unsubscribe/${token}`);
    expect(confirm.status).toBe(200);
    expect(await html(confirm)).toContain('マッチング提案のお知らせ（メールと「お知らせ」）を停止します');
    expect(await frequencyOf(owner)).toBe('daily');

    const res = await fetch(`${server.url}/alerts/unsubscribe/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain('マッチング提案のお知らせ（メールと「お知らせ」）を停止しました。');
    expect(await frequencyOf(owner)).toBe('none');
    expect(await html(await fetch(`${server.url}/alerts/unsubscribe/${token}`))).toContain('配信中のお知らせはありません');
  });
});
