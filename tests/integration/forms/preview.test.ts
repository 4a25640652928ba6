import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { startSeededServer, type TestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/* A listing is previewed before it is published: draft → 「プレビュー」 → 公開, all plain form posts (no JavaScript). */

let server: TestServer;
beforeAll(async () => {
  server = await startSeededServer({}, ['accounts']);
});
afterAll(() => server?.close());

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const form = {
  title: 'プレビューで確かめる募集', summary: '公開前に確かめます。', body: '**背景**の説明', duties: '- 業務の一つ目', skills: 'スキル', categories: 'tourism', types: 'dispatch',
  termMinMonths: '6', termMaxMonths: '12', startFrom: inDays(60), deadline: inDays(30), contactName: '海士 太郎', contactEmail: 'kanko@example.lg.jp',
};

describe('preview before publishing', () => {
  it('「下書き保存してプレビュー」 saves a draft, shows it as others will see it, and 「公開する」 publishes it', async () => {
    const owner = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const page = await (await owner.get('/openings/new')).text();
    expect(page).toContain('下書き保存してプレビュー');
    const res = await owner.post('/openings/new', { ...form, intent: 'preview' });
    expect(res.status).toBe(302);
    const preview = res.headers.get('location')!;
    expect(preview).toMatch(/^\/openings\/(\d+)\/preview$/);
    const id = Number(/\d+/.exec(preview)![0]);
    const row = await server.db.selectFrom('listings').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('draft');

    const html = await (await owner.get(preview)).text();
    expect(html).toContain('data-testid="preview-bar"');
    expect(html).toContain('まだ公開されていません');
    expect(html).toContain('<strong>背景</strong>');
    expect(html).not.toContain('掲載の管理</h2>');
    expect(html).toContain(`action="/openings/${id}"`);

    // Nobody else sees it: another municipality gets 404, an anonymous visitor the log-in page.
    const other = await Client.signedIn(server.url, 'kamiyama@example.jp', 'demo-password-2026');
    expect((await other.get(preview)).status).toBe(404);
    expect((await new Client(server.url).get(preview)).status).toBe(302);

    const published = await owner.post(`/openings/${id}`, { intent: 'publish' });
    expect(published.status).toBe(302);
    expect(published.headers.get('location')).toBe(`/openings/${id}?done=published`);
    expect((await server.db.selectFrom('listings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('published');
  });

  it('the edit page saves and previews; a draft\'s page links to its preview', async () => {
    const owner = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const created = await owner.post('/openings/new', { ...form, title: '編集してプレビューする募集', intent: 'draft' });
    const id = Number(/\/openings\/(\d+)/.exec(created.headers.get('location')!)![1]);
    expect(await (await owner.get(`/openings/${id}`)).text()).toContain(`href="/openings/${id}/preview"`);
    const saved = await owner.post(`/openings/${id}/edit`, { ...form, title: '直した題名', intent: 'preview' });
    expect(saved.headers.get('location')).toBe(`/openings/${id}/preview`);
    expect(await (await owner.get(`/openings/${id}/preview`)).text()).toContain('直した題名');
  });
});
