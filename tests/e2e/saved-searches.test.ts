import { describe, expect, it } from 'vitest';
import { expectRefusal } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * Saving a search from /search, with JavaScript and without it (a plain form post): the conditions
 * are kept, a refused name keeps what was typed, and the search is listed in /settings/searches.
 */

const e2e = seededBrowser({ steps: ['accounts', 'listings'] });

const saved = async () => (await e2e.server.db.selectFrom('saved_searches').selectAll().orderBy('id').execute()).map((r) => ({ name: r.name, frequency: r.frequency, params: r.params }));

describe.each([
  { js: true, name: '観光の新着 JSあり' },
  { js: false, name: '観光の新着 JSなし' },
])('saving a search (JavaScript $js)', ({ js, name }) => {
  it('refuses a too long name with the input kept, then saves the corrected one with every filter', async () => {
    const { context, page } = await e2e.signedIn('company', undefined, { javaScriptEnabled: js });
    await page.goto(`/search?q=${encodeURIComponent('観光')}&type=dispatch&remote=1`);
    await page.getByText('この検索条件を保存する（新着をお知らせ）').click();
    const field = page.locator('#save-search-name');
    expect(await field.inputValue()).toBe('「観光」・企業派遣型・リモート可');
    // maxlength stops typing past 60 in the browser; the server's limit is checked by removing it.
    await field.evaluate((el) => el.removeAttribute('maxlength'));
    await field.fill('あ'.repeat(61));
    expectRefusal('/search');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '検索条件を保存', exact: true }).click()]);
    await page.getByText('名前は60文字以内で入力してください。').first().waitFor();
    expect(await page.locator('#save-search-name').inputValue()).toBe('あ'.repeat(61));

    await page.locator('#save-search-name').fill(name);
    await page.locator('#save-search-frequency').selectOption('immediate');
    await Promise.all([page.waitForURL((u) => u.pathname === '/settings/searches'), page.getByRole('button', { name: '検索条件を保存', exact: true }).click()]);
    await page.getByText('検索条件を保存しました。').waitFor();
    await page.getByRole('heading', { name }).waitFor();
    expect((await saved()).find((s) => s.name === name)).toEqual({ name, frequency: 'immediate', params: { q: '観光', type: ['dispatch'], remote: '1' } });

    // 「この条件で検索する」 runs it again with the filters.
    await Promise.all([page.waitForURL((u) => u.pathname === '/search'), page.getByRole('link', { name: 'この条件で検索する' }).first().click()]);
    const url = new URL(page.url());
    expect([url.searchParams.get('q'), url.searchParams.getAll('type'), url.searchParams.get('remote')]).toEqual(['観光', ['dispatch'], '1']);
    await context.close();
  });
});
