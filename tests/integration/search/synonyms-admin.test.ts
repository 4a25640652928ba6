import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../db/seed/accounts';
import { indexDocument } from '../../../search/indexing';
import { startTestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/*
 * /admin/synonyms over HTTP on the embedded engine: an operator's change is used by /search at once
 * (not after the dictionary's 60-second cache), errors come back next to the field with the input
 * kept, and every change is in the audit log with its before and after.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
const operator = () => new Client(server.url);
let op: Client;

const LISTING = {
  id: 'synonym-test-1',
  kind: 'opening' as const,
  title: '古民家を一棟貸しの宿として再生する（長野県小布施町）',
  body: '空いている古民家を改修し、旅行者が一棟まるごと借りられる宿として運営する仕組みをつくります。',
  skills: ['宿泊業'],
  category: '観光振興・観光誘客対策・DMO設立等',
  types: ['dispatch' as const],
  prefecture: '長野県',
  prefCode: '20',
  municipality: '小布施町',
  lgCode: '205419',
  remoteOk: false,
  termMonths: 12,
  status: 'published' as const,
  publishedAt: new Date('2026-04-01T00:00:00Z'),
  updatedAt: new Date('2026-04-01T00:00:00Z'),
};

const text = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
const searchHtml = async (q: string) => {
  const res = await fetch(`${server.url}/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return text(res);
};
const finds = async (q: string) => (await searchHtml(q)).includes(`href="/openings/${LISTING.id}"`);
const auditOf = (id: number) =>
  server.db.selectFrom('audit_log').select(['action', 'actor_email', 'details']).where('target_type', '=', 'search_synonym').where('target_id', '=', String(id)).orderBy('id').execute();
const groupIdFrom = (location: string | null) => Number(/#synonym-(\d+)$/.exec(location ?? '')?.[1]);

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
  await indexDocument(server.db, LISTING);
  op = operator();
  await op.login('operator@example.jp', 'demo-operator-2026');
});
afterAll(() => server?.close());

describe('/admin/synonyms', () => {
  let id: number;

  it('adds a group over HTTP, and /search finds the listing by the new synonym immediately', async () => {
    expect(await finds('一棟貸し')).toBe(true);
    expect(await finds('バケーションレンタル')).toBe(false); // also loads the dictionary into the cache

    const res = await op.post('/admin/synonyms', { terms: 'バケーションレンタル、一棟貸し\n貸別荘', note: '宿泊の言い換え' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location');
    expect(location).toMatch(/^\/admin\/synonyms\?done=created#synonym-\d+$/);
    id = groupIdFrom(location);

    expect(await finds('バケーションレンタル')).toBe(true);
    expect(await finds('貸別荘')).toBe(true);
    expect(await searchHtml('バケーションレンタル')).toContain('一棟貸し');

    const row = await server.db.selectFrom('search_synonyms').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.terms).toEqual(['バケーションレンタル', '一棟貸し', '貸別荘']);
    expect(row.note).toBe('宿泊の言い換え');
    expect(await auditOf(id)).toEqual([
      { action: 'synonym.create', actor_email: 'operator@example.jp', details: { before: null, after: { terms: ['バケーションレンタル', '一棟貸し', '貸別荘'], note: '宿泊の言い換え' } } },
    ]);
  });

  it('lists the groups with who changed them last and when, and searches within them', async () => {
    const page = await text(await op.get('/admin/synonyms?done=created'));
    expect(page).toContain('同義語グループを追加しました。');
    expect(page).toContain('検索に反映しました。');
    expect(page).not.toContain('Meilisearch に同義語を反映できませんでした');
    const row = new RegExp(`<tr id="synonym-${id}"[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';
    expect(row).toContain('バケーションレンタル');
    expect(row).toContain('宿泊の言い換え');
    expect(row).toContain('operator@example.jp');
    expect(row).toMatch(/令和\d+年\d+月\d+日/);
    expect(row).toContain(`href="/admin/synonyms/${id}"`);
    expect(row).toContain(`href="/admin/synonyms/${id}/delete"`);
    // The seeded groups say where they came from.
    expect(page).toContain('初期データ');

    const found = await text(await op.get(`/admin/synonyms?q=${encodeURIComponent('貸別荘')}`));
    expect(found.match(/data-testid="synonym-group"/g)).toHaveLength(1);
    expect(found).toContain(`id="synonym-${id}"`);
    const byNote = await text(await op.get(`/admin/synonyms?q=${encodeURIComponent('宿泊の言い')}`));
    expect(byNote).toContain(`id="synonym-${id}"`);
    const latin = await text(await op.get('/admin/synonyms?q=dx'));
    expect(latin).toContain('>DX<');
    expect(latin).not.toContain(`id="synonym-${id}"`);
  });

  it('refuses a term of another group, says which, next to the field, and keeps the input', async () => {
    const res = await op.post('/admin/synonyms', { terms: 'リゾート民泊、貸別荘', note: 'メモは残る' });
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(html).toMatch(new RegExp(`id="field-terms-error"[\\s\\S]*?「貸別荘」は既に同義語グループ No\\.${id}（バケーションレンタル、一棟貸し、貸別荘）に登録されています`));
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/<textarea[^>]*name="terms"[^>]*>リゾート民泊、貸別荘<\/textarea>/);
    expect(html).toContain('value="メモは残る"');
    expect(await server.db.selectFrom('search_synonyms').select('id').where(sql<boolean>`'リゾート民泊' = any(terms)`).execute()).toEqual([]);
  });

  it('refuses too few and too long terms with Japanese messages', async () => {
    const single = await text(await op.post('/admin/synonyms', { terms: 'ひとつ', note: '' }));
    expect(single).toContain('「ひとつ」と同じ意味として扱う語を、もう1つ以上入力してください。');
    const long = await text(await op.post('/admin/synonyms', { terms: `${'長'.repeat(41)}、短い`, note: '' }));
    expect(long).toContain('41文字です。1語は40文字以内にしてください。');
    const huge = await op.post('/admin/synonyms', { terms: `${'語'.repeat(5000)}、短い`, note: '\u202e' });
    expect(huge.status).toBe(400);
    expect(await text(huge)).toContain('入力が長すぎます（4,000文字まで）。');
  });

  it('edits a group: the old synonym stops working and the new one works at once', async () => {
    const form = await text(await op.get(`/admin/synonyms/${id}`));
    expect(form).toMatch(/<textarea[^>]*name="terms"[^>]*>バケーションレンタル\n一棟貸し\n貸別荘<\/textarea>/);
    const updatedAt = /name="updatedAt" value="([^"]+)"/.exec(form)?.[1];
    expect(updatedAt).toBeTruthy();

    const res = await op.post(`/admin/synonyms/${id}`, { terms: '一棟貸し，ヴィラ', note: '', updatedAt: updatedAt! });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/admin/synonyms?done=updated#synonym-${id}`);
    expect(await finds('ヴィラ')).toBe(true);
    expect(await finds('貸別荘')).toBe(false);

    const [, update] = await auditOf(id);
    expect(update).toEqual({
      action: 'synonym.update',
      actor_email: 'operator@example.jp',
      details: { before: { terms: ['バケーションレンタル', '一棟貸し', '貸別荘'], note: '宿泊の言い換え' }, after: { terms: ['一棟貸し', 'ヴィラ'], note: null } },
    });

    // A form shown before that save is out of date: refused, input kept, the stored version shown.
    const stale = await op.post(`/admin/synonyms/${id}`, { terms: '一棟貸し、コテージ', note: '', updatedAt: updatedAt! });
    expect(stale.status).toBe(409);
    const html = await text(stale);
    expect(html).toContain('ほかの担当者が変更しました');
    expect(html).toMatch(/data-testid="synonym-conflict"[\s\S]*一棟貸し、ヴィラ/);
    expect(html).toMatch(/<textarea[^>]*name="terms"[^>]*>一棟貸し、コテージ<\/textarea>/);
    expect(await finds('コテージ')).toBe(false);
  });

  it('saving without a change writes nothing', async () => {
    const before = (await auditOf(id)).length;
    const res = await op.post(`/admin/synonyms/${id}`, { terms: '一棟貸し、ヴィラ', note: '' });
    expect(res.headers.get('location')).toBe(`/admin/synonyms?done=unchanged#synonym-${id}`);
    expect(await auditOf(id)).toHaveLength(before);
  });

  it('deletes a group after a confirmation page with a POST form; the synonym stops working at once', async () => {
    const confirm = await text(await op.get(`/admin/synonyms/${id}/delete`));
    expect(confirm).toContain(`同義語グループ No.${id} を削除しますか？`);
    expect(confirm).toMatch(new RegExp(`<form method="post" action="/admin/synonyms/${id}/delete"`));
    // Following the link alone deletes nothing.
    expect(await finds('ヴィラ')).toBe(true);

    const res = await op.post(`/admin/synonyms/${id}/delete`, {});
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/synonyms?done=deleted');
    expect(await finds('ヴィラ')).toBe(false);
    expect(await finds('一棟貸し')).toBe(true);
    expect(await server.db.selectFrom('search_synonyms').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect((await auditOf(id)).at(-1)).toEqual({
      action: 'synonym.delete',
      actor_email: 'operator@example.jp',
      details: { before: { terms: ['一棟貸し', 'ヴィラ'], note: null }, after: null },
    });
    expect((await op.get(`/admin/synonyms/${id}`)).status).toBe(404);
    expect((await op.post(`/admin/synonyms/${id}/delete`, {})).status).toBe(404);
  });
});

describe('/admin', () => {
  it('links every operator page, and the header points operators to it', async () => {
    const html = await text(await op.get('/admin'));
    for (const [href, label] of [
      ['/admin/approvals', '登録審査'],
      ['/admin/audit', '監査ログ'],
      ['/admin/synonyms', '同義語辞書'],
      ['/admin/templates', '協定書・契約書のひな形'],
    ]) expect(html).toContain(`<a href="${href}">${label}</a>`);
    expect(html).toContain('<a href="/admin">管理</a>');
  });

  it('is refused to other accounts', async () => {
    const ministry = operator();
    await ministry.login('ministry@example.jp', 'demo-ministry-2026');
    expect((await ministry.get('/admin')).status).toBe(403);
    expect(await text(await ministry.get('/settings'))).not.toContain('<a href="/admin">管理</a>');
  });
});
