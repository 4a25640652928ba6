import type { Page } from 'playwright-core';
import { expect } from 'vitest';

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
