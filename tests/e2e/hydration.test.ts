import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleProblems, expectRefusal, visitHydrated } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * Every listing page must hydrate: no console error, no uncaught page error, no hydration warning,
 * and a click on an in-app link navigates on the client (the document is not loaded again).
 */

const e2e = seededBrowser({ steps: ['accounts', 'listings'] });
let ids: { ownOpening: number; otherOpening: number; ownSolution: number; otherSolution: number };

async function listingOf(slug: string, kind: 'opening' | 'solution', own: boolean) {
  const org = await e2e.server.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  const row = await e2e.server.db
    .selectFrom('listings')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '=', 'published')
    .where('organisation_id', own ? '=' : '<>', org.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  ids = {
    ownOpening: await listingOf('amacho', 'opening', true),
    otherOpening: await listingOf('amacho', 'opening', false),
    ownSolution: await listingOf('mirai-chiiki', 'solution', true),
    otherSolution: await listingOf('mirai-chiiki', 'solution', false),
  };
});

/** Clicks a link and checks the navigation stayed in the same document (client-side). */
async function navigatesOnClient(page: Page, click: () => Promise<void>, expectedPath: RegExp) {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await click();
  await page.waitForURL(expectedPath);
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true), `navigation to ${expectedPath} reloaded the document`).toBe(true);
}

describe('listing pages hydrate and navigate on the client', () => {
  it('for visitors: the lists and the detail pages', async () => {
    const { context, page } = await e2e.page();
    const problems = consoleProblems(page, /^Failed to load resource: .* 400/);
    for (const path of ['/openings', `/openings/${ids.otherOpening}`, '/solutions', `/solutions/${ids.otherSolution}`]) await visitHydrated(page, path, problems);

    await visitHydrated(page, '/openings', problems);
    await navigatesOnClient(page, () => page.locator('article.listing-card h3 a').first().click(), /\/openings\/\d+$/);
    await navigatesOnClient(page, () => page.getByRole('navigation', { name: 'パンくずリスト' }).getByRole('link', { name: '起業人募集' }).click(), /\/openings$/);
    await visitHydrated(page, '/solutions', problems);
    await navigatesOnClient(page, () => page.locator('article.listing-card h3 a').first().click(), /\/solutions\/\d+$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('for a municipality: new, edit, my listings and scout; a refused form focuses the error summary', async () => {
    const { context, page } = await e2e.signedIn('municipality');
    const problems = consoleProblems(page, /^Failed to load resource: .* 400/);
    for (const path of ['/openings/new', `/openings/${ids.ownOpening}`, `/openings/${ids.ownOpening}/edit`, '/my/listings', `/solutions/${ids.otherSolution}/scout`]) await visitHydrated(page, path, problems);

    await visitHydrated(page, '/openings/new', problems);
    await page.getByLabel('タイトル').fill('途中まで書いた募集');
    expectRefusal('/openings/new');
    await page.getByRole('button', { name: '下書き保存', exact: true }).click();
    const summary = page.getByTestId('error-summary');
    await expect.poll(() => summary.textContent()).toContain('入力内容に');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    expect(await page.getByLabel('タイトル').inputValue()).toBe('途中まで書いた募集');

    await visitHydrated(page, '/my/listings', problems);
    await navigatesOnClient(page, () => page.getByRole('link', { name: '起業人を募集する' }).click(), /\/openings\/new$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('for a company: new and edit solutions, and the apply form', async () => {
    const { context, page } = await e2e.signedIn('company');
    const problems = consoleProblems(page, /^Failed to load resource: .* 400/);
    for (const path of ['/solutions/new', `/solutions/${ids.ownSolution}`, `/solutions/${ids.ownSolution}/edit`, `/openings/${ids.otherOpening}/apply`, '/my/listings']) await visitHydrated(page, path, problems);
    await visitHydrated(page, `/openings/${ids.otherOpening}`, problems);
    await navigatesOnClient(page, () => page.getByRole('link', { name: 'この募集に応募する' }).click(), /\/apply$/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
