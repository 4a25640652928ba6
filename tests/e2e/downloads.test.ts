import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AGREED_DEMO } from '../../db/seed/agreements';
import { completeDispatchDraft } from '../helpers/agreement-draft';
import { seededBrowser } from '../helpers/seeded-browser';

/* The names Chromium offers to save downloads under: Japanese, read from Content-Disposition's filename*. */

const e2e = seededBrowser({ steps: ['accounts', 'listings', 'agreement-demo'] });

async function suggestedName(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const name = download.suggestedFilename();
  await download.cancel();
  return name;
}

describe('download names in Chromium', () => {
  it('an agreement is saved as 協定書_<municipality>_<company>_版<n>', async () => {
    const listing = await e2e.server.db.selectFrom('listings').select('id').where('title', '=', AGREED_DEMO.opening).executeTakeFirstOrThrow();
    const { id } = await e2e.server.db.selectFrom('applications').select('id').where('listing_id', '=', listing.id).executeTakeFirstOrThrow();
    const { context, page } = await e2e.signedIn('municipality');
    await page.goto(`/applications/${id}/agreement`);
    await page.getByRole('button', { name: '協定書の作成を始める' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('協定/契約準備');
    await completeDispatchDraft(page);
    expect(await suggestedName(page, () => page.getByRole('link', { name: 'Word（.docx）' }).first().click())).toBe('協定書_海士町_株式会社みらい地域創生_版2.docx');
    expect(await suggestedName(page, () => page.getByRole('link', { name: 'PDF' }).first().click())).toBe('協定書_海士町_株式会社みらい地域創生_版2.pdf');
    await context.close();
  });

  it('a listing attachment keeps the Japanese name it was uploaded with', async () => {
    const { context, page } = await e2e.signedIn('municipality');
    await page.goto('/my/listings');
    await page.getByRole('link', { name: /^編集/ }).first().click();
    await page.waitForURL('**/edit');
    const name = '募集要項（令和8年度）第2版.pdf';
    await page.locator('input[name="file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByRole('button', { name: 'アップロード' }).click();
    const link = page.getByRole('link', { name });
    await link.waitFor();
    expect(await suggestedName(page, () => link.click())).toBe(name);
    await context.close();
  });

  it('a monitoring table is exported as モニタリング_<table>_<period>', async () => {
    const { context, page } = await e2e.signedIn('ministry');
    await page.goto('/monitoring');
    const csv = await suggestedName(page, () => page.locator('a[href^="/monitoring/export/by-prefecture.csv"]').click());
    expect(csv).toMatch(/^モニタリング_都道府県別_令和\d+年度\.csv$/);
    const xlsx = await suggestedName(page, () => page.locator('a[href^="/monitoring/export/by-prefecture.xlsx"]').click());
    expect(xlsx).toMatch(/^モニタリング_都道府県別_令和\d+年度\.xlsx$/);
    await context.close();
  });
});
