import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { japanToday } from '../../app/utils/dates';

export const draftField = (page: Page, name: string) => page.locator(`[name="${name}"]`);

/** Fills what the platform cannot know in the demo dispatch draft (海士町 ↔ みらい地域創生) and saves it as 版2. */
export async function completeDispatchDraft(page: Page) {
  await draftField(page, 'municipality.address').fill('島根県隠岐郡海士町大字海士1490番地');
  await draftField(page, 'municipality.representative.name').fill('大江 和彦');
  await draftField(page, 'company.address').fill('東京都千代田区丸の内一丁目1番1号');
  await draftField(page, 'company.representative.name').fill('高橋 美咲');
  await draftField(page, 'person.name').fill('山本 翔太');
  await draftField(page, 'person.position').fill('地域連携推進室 主任');
  await draftField(page, 'amounts.contributionMonthly').fill('450000');
  await page.getByRole('button', { name: '保存して新しい版にする' }).click();
  await expect.poll(() => page.getByTestId('latest-version').textContent()).toBe('版2');
}

/** Clicks a download link and returns the file's bytes. */
export async function download(page: Page, linkName: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).first().click()]);
  return readFileSync((await file.path())!);
}

/**
 * The second party (already on the agreement page, the first having agreed to 版2): downloads the Word
 * file, agrees too, records today as the 締結日 and sees 締結済.
 */
export async function agreeAndConclude(page: Page) {
  const docx = await download(page, 'Word（.docx）');
  expect(docx.subarray(0, 2).toString()).toBe('PK');
  await page.getByRole('button', { name: '版2の内容に合意する' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('双方が合意しました');
  await page.getByLabel('締結日').fill(japanToday());
  await page.getByRole('button', { name: '締結を記録する' }).click();
  await expect.poll(() => page.getByTestId('application-state').textContent()).toBe('締結済');
}
