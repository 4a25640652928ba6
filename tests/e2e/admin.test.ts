import { describe, expect, it } from 'vitest';
import { checkA11y, expectRefusal, overflowsHorizontally, screenshots } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

const e2e = seededBrowser({ steps: ['accounts', 'listings'] });

describe('operator pages in a real browser', () => {
  it('an operator edits the 協定書 template: preview, an error kept next to its field, then a saved version', async () => {
    const { page } = await e2e.signedIn('operator');
    await page.goto('/admin');
    await page.getByRole('link', { name: '協定書・契約書のひな形' }).click();
    await page.waitForURL('**/admin/templates');
    expect(await checkA11y(page)).toEqual([]);
    await page.locator('a[href="/admin/templates/dispatch/2026"]').click();
    await page.waitForURL('**/admin/templates/dispatch/2026');
    expect(await page.getByTestId('current-version').textContent()).toContain('版0');

    const title = page.locator('textarea[name="title"]');
    await title.fill('地域活性化起業人（企業派遣型）に関する協定書（改訂）');
    await page.getByRole('button', { name: 'プレビュー' }).click();
    await expect.poll(() => page.getByTestId('preview').getAttribute('srcdoc')).toContain('協定書（改訂）');
    expect(await title.inputValue()).toContain('（改訂）');

    // A placeholder that does not exist is refused next to its field; what was typed stays.
    const firstParagraph = page.locator('textarea[name="articles.0.paragraphs.0.text"]');
    const original = await firstParagraph.inputValue();
    await firstParagraph.fill(`${original}{{nosuch.field}}`);
    await page.locator('textarea[name="note"]').fill('表題の改訂');
    expectRefusal('/admin/templates/dispatch/2026');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('nosuch.field');
    expect(await page.locator('textarea[name="articles.0.paragraphs.0.text"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('textarea[name="title"]').inputValue()).toContain('（改訂）');
    expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, 'admin-template-error');

    await page.locator('textarea[name="articles.0.paragraphs.0.text"]').fill(original);
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByTestId('current-version').textContent()).toContain('版1');
    expect(await page.getByRole('status').textContent()).toBeTruthy();
    expect(await checkA11y(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshots(page, 'admin-template-saved');
    const saved = await e2e.server.db.selectFrom('agreement_templates').select(['version', 'note']).where('kind', '=', 'dispatch').where('fiscal_year', '=', 2026).execute();
    expect(saved).toEqual([{ version: 1, note: '表題の改訂' }]);
  });

  it('an operator adds a synonym group and the search uses it at once', async () => {
    const { page } = await e2e.signedIn('operator');
    await page.goto('/search?q=いで湯');
    expect(await page.getByRole('heading', { level: 2, name: /検索結果/ }).textContent()).toContain('：0件');
    await page.goto('/admin/synonyms');
    expect(await checkA11y(page)).toEqual([]);
    await page.locator('textarea[name="terms"]').fill('いで湯、温泉');
    await page.getByRole('button', { name: '追加する' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('追加しました');
    expect(await page.locator('textarea[name="terms"]').inputValue()).toBe('');
    // The same group again is refused next to the field, with what was typed kept.
    await page.locator('textarea[name="terms"]').fill('いで湯、出で湯');
    expectRefusal('/admin/synonyms');
    await page.getByRole('button', { name: '追加する' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('いで湯');
    expect(await page.locator('textarea[name="terms"]').inputValue()).toBe('いで湯、出で湯');
    await screenshots(page, 'admin-synonyms');
    await page.goto('/search?q=いで湯');
    expect(await page.getByRole('heading', { level: 2, name: /検索結果/ }).textContent()).not.toContain('：0件');
    expect(await page.locator('ol mark').first().textContent()).toContain('温泉');
  });
});
