import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildAllProposals } from '../../app/services/proposals.server';
import { checkA11y, hydrated, PHONE, screenshots } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * マッチング提案 in the browser, with and without JavaScript: 「あなたへの提案」 from the menu,
 * 提案を非表示 takes the pairing off the list, and 応募する / スカウトする opens the form with the draft.
 */
const e2e = seededBrowser({ steps: ['accounts', 'listings'] });

beforeAll(async () => {
  await rebuildAllProposals(e2e.server.db);
});

const firstProposal = (page: Page) => page.getByTestId('proposal').first();

async function dismissAndAct(page: Page, act: '応募する' | 'スカウトする', form: RegExp) {
  await page.goto('/proposals');
  expect(await page.getByTestId('proposal').count()).toBeGreaterThan(1);
  // The same listing may be proposed for two of the viewer's listings: the pairing is the button's value.
  const dismiss = firstProposal(page).getByRole('button', { name: '提案を非表示' });
  const pairing = (await dismiss.getAttribute('value'))!;
  await dismiss.click();
  await page.getByRole('status').filter({ hasText: '提案を非表示にしました。' }).waitFor();
  expect(await page.locator(`button[value="${pairing}"]`).count()).toBe(0);
  const next = (await firstProposal(page).getByRole('heading').textContent())!;
  await Promise.all([page.waitForURL(form), firstProposal(page).getByRole('button', { name: act }).click()]);
  const message = await page.getByLabel('メッセージ').inputValue();
  expect(message).toContain(`「${next}」`);
  expect(message).toContain('マッチング提案で示された理由：');
}

describe('マッチング提案 in a real browser', () => {
  it('with JavaScript: from the menu to the list, dismiss, then apply with the draft', async () => {
    const { context, page } = await e2e.signedIn('company');
    await page.getByRole('link', { name: 'あなたへの提案' }).first().click();
    await page.waitForURL((u) => u.pathname === '/proposals');
    expect(await hydrated(page)).toBe(true);
    expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, 'proposals');
    await dismissAndAct(page, '応募する', /\/openings\/\d+\/apply\?proposal=\d+$/);
    await context.close();
  });

  it('without JavaScript: a municipality dismisses and scouts from the list', async () => {
    const { context, page } = await e2e.signedIn('municipality', PHONE, { javaScriptEnabled: false });
    await dismissAndAct(page, 'スカウトする', /\/solutions\/\d+\/scout\?proposal=\d+$/);
    await context.close();
  });
});
