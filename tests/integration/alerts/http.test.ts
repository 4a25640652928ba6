import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../../app/services/alerts.server';
import { startTestServer, type TestServer } from '../../helpers/server';
import { makeParty, type Party } from '../applications/fixtures';

let server: TestServer;
let owner: Party;
let stranger: Party;

const post = (path: string, cookie: string | null, values: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...(cookie ? { cookie } : {}) },
    body,
  });
};
const html = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
const searchesOf = (userId: string) => server.db.selectFrom('saved_searches').selectAll().where('user_id', '=', userId).orderBy('id').execute();

beforeAll(async () => {
  server = await startTestServer();
  const s = { db: server.db, config: server.services.config };
  owner = await makeParty(s, { kind: 'company', name: '株式会社保存', hq: '131016', companyClass: 'A' });
  stranger = await makeParty(s, { kind: 'company', name: '株式会社他人', hq: '131016', companyClass: 'A' });
});
afterAll(() => server?.close());

describe('saving a search from /search', () => {
  it('saves every filter with the summary as its name when none is given, and lists it for its owner only', async () => {
    const page = await html(await fetch(`${server.url}/search?q=${encodeURIComponent('観光')}&type=dispatch&remote=1`, { headers: { cookie: owner.cookie } }));
    expect(page).toContain('この検索条件を保存する');
    expect(page).toContain('value="「観光」・企業派遣型・リモート可"');

    const res = await post(`/search?q=${encodeURIComponent('観光')}`, owner.cookie, { name: '', frequency: 'immediate', q: '観光', type: 'dispatch', remote: '1', termMin: '6', termMax: '24', pref: '島根県' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/settings\/searches\?saved=\d+$/);
    const [row] = await searchesOf(owner.user.id);
    expect(row).toMatchObject({ name: '「観光」・企業派遣型・島根県・リモート可・期間6〜24か月', frequency: 'immediate', params: { q: '観光', type: ['dispatch'], remote: '1', termMin: 6, termMax: 24, pref: '島根県' } });

    const mine = await html(await fetch(`${server.url}/settings/searches`, { headers: { cookie: owner.cookie } }));
    expect(mine).toContain('「観光」・企業派遣型・島根県・リモート可・期間6〜24か月');
    expect(mine).toContain(`href="/search?q=${encodeURIComponent('観光')}&amp;type=dispatch&amp;pref=${encodeURIComponent('島根県')}&amp;remote=1&amp;termMin=6&amp;termMax=24"`);
    const theirs = await html(await fetch(`${server.url}/settings/searches`, { headers: { cookie: stranger.cookie } }));
    expect(theirs).not.toContain('企業派遣型・島根県');
    expect(theirs).toContain('保存した検索条件はまだありません。');
  });

  it('refuses bad filters and a long name with Japanese messages, all at once, keeping what was typed', async () => {
    const before = (await searchesOf(owner.user.id)).length;
    const name = `長い名前${'あ'.repeat(60)}`;
    const res = await post('/search', owner.cookie, { name, frequency: 'hourly', q: '観光', kind: 'project', termMin: '24', termMax: '6', pref: '東京' });
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain('名前は60文字以内で入力してください。');
    expect(page).toContain('お知らせの頻度を「即時」「毎日」「毎週」「なし」から選んでください。');
    expect(page).toContain('種類は「起業人募集」か「ソリューション」を選んでください。');
    expect(page).toContain('都道府県が一覧にありません。');
    expect(page).toContain('期間（上限）は期間（下限）以上にしてください。');
    expect(page).toContain(`value="${name}"`);
    expect((await searchesOf(owner.user.id)).length).toBe(before);
  });

  it('lets the owner rename it and change its frequency; another account gets 404 and changes nothing', async () => {
    const [row] = await searchesOf(owner.user.id);
    expect((await post('/settings/searches', stranger.cookie, { intent: 'update', id: String(row.id), name: '乗っ取り', frequency: 'none' })).status).toBe(404);
    expect((await post('/settings/searches', stranger.cookie, { intent: 'delete', id: String(row.id) })).status).toBe(404);
    const empty = await post('/settings/searches', owner.cookie, { intent: 'update', id: String(row.id), name: '', frequency: 'weekly' });
    expect(empty.status).toBe(400);
    expect(await html(empty)).toContain('名前を入力してください。');
    expect((await post('/settings/searches', owner.cookie, { intent: 'update', id: String(row.id), name: '観光の募集', frequency: 'weekly' })).status).toBe(302);
    expect((await searchesOf(owner.user.id))[0]).toMatchObject({ name: '観光の募集', frequency: 'weekly' });
  });
});

describe('unsubscribing from the digest', () => {
  it('needs no session: GET asks, a one-click POST stops every alert; a forged token is refused', async () => {
    const token = unsubscribeToken(server.services.config.sessionSecret, owner.user.id);
    const forged = `${owner.user.id}.${token.slice(-43).split('').reverse().join('')}`;
    expect((await fetch(`${server.url}/alerts/unsubscribe/${forged}`)).status).toBe(404);
    expect((await post(`/alerts/unsubscribe/${forged}`, null, { 'List-Unsubscribe': 'One-Click' })).status).toBe(404);
    expect((await post(`/alerts/unsubscribe/${unsubscribeToken('x'.repeat(40), owner.user.id)}`, null, { 'List-Unsubscribe': 'One-Click' })).status).toBe(404);
    expect((await searchesOf(owner.user.id))[0].frequency).toBe('weekly');

    const confirm = await fetch(`${server.url}/alerts/unsubscribe/${token}`);
    expect(confirm.status).toBe(200);
    expect(confirm.headers.get('cache-control')).toContain('no-store');
    expect(await html(confirm)).toContain('保存した検索条件1件の新着のお知らせ');
    expect((await searchesOf(owner.user.id))[0].frequency).toBe('weekly'); // opening the link changes nothing

    const res = await fetch(`${server.url}/alerts/unsubscribe/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain('を停止しました');
    expect((await searchesOf(owner.user.id))[0].frequency).toBe('none');
  });
});
