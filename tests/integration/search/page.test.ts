import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexDocument } from '../../../search/indexing';
import { startTestServer } from '../../helpers/server';
import { DOCS } from './fixtures';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
  for (const d of DOCS) await indexDocument(server.db, d);
  // Enough further listings for a second page.
  for (let i = 0; i < 20; i++) {
    await indexDocument(server.db, { ...DOCS[1], id: `x${i}`, title: `その他の募集 ${i}`, body: '詳細は追って掲載します。', skills: [], prefecture: '沖縄県', prefCode: '47', municipality: null, lgCode: null, publishedAt: new Date('2026-01-01T00:00:00Z') });
  }
});
afterAll(() => server?.close());

const page = async (query: string) => {
  const res = await fetch(`${server.url}/search${query}`);
  expect(res.status).toBe(200);
  // React separates adjacent text with <!-- --> in server HTML.
  return (await res.text()).replaceAll('<!-- -->', '');
};

describe('/search page', () => {
  it('shows ranked results with highlighted, escaped snippets and links by kind', async () => {
    const html = await page('?q=' + encodeURIComponent('インバウンド'));
    expect(html).toContain('「インバウンド」の検索結果');
    expect(html).toMatch(/<mark>インバウンド<\/mark>/);
    expect(html).toContain('href="/solutions/4"');
    expect(html).toContain('href="/openings/5"');
    expect(html).not.toContain('/openings/9');
  });

  it('shows facet chips with counts that link to the filtered, URL-addressable state', async () => {
    const html = await page('?q=');
    expect(html).toMatch(/島根県（2）/);
    expect(html).toContain('href="/search?pref=%E5%B3%B6%E6%A0%B9%E7%9C%8C"');
    const filtered = await page('?pref=' + encodeURIComponent('島根県'));
    expect(filtered).toMatch(/：2件/);
    expect(filtered).toContain('aria-current="true"');
  });

  it('never renders listing HTML', async () => {
    const html = await page('?q=' + encodeURIComponent('広報'));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('helps when nothing is found: filters to drop', async () => {
    const html = await page('?q=' + encodeURIComponent('インバウンド') + '&pref=' + encodeURIComponent('北海道'));
    expect(html).toContain('見つかりませんでした');
    expect(html).toContain('「都道府県」の条件を外す（2件）');
  });

  it('offers 「もしかして」 for a typo, linking to the corrected search', async () => {
    const html = await page('?q=' + encodeURIComponent('インバウンt'));
    expect(html).toContain('もしかして：');
    expect(html).toContain(`href="/search?q=${encodeURIComponent('インバウンド')}"`);
    expect(await page('?q=' + encodeURIComponent('インバウンド'))).not.toContain('もしかして');
  });

  it('pages through results', async () => {
    const html = await page('?q=&sort=newest&page=2');
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('start="21"');
    expect(html).toContain('前へ');
  });

  it('filters needs by eligibility from query parameters', async () => {
    const html = await page('?eligibleClass=A&eligiblePref=13');
    expect(html).not.toContain('/solutions/');
  });
});
