import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, hydrated, PHONE, screenshots } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * 気になる in the browser: with JavaScript the button is sent by a fetcher (the page is not
 * reloaded), without JavaScript it is a plain form post answered with the same page; either way the
 * mark is in the user's 「気になる」 list, and the owner sees the count.
 */
const e2e = seededBrowser({ steps: ['accounts', 'listings'] });
let openingPath: string;

beforeAll(async () => {
  const amacho = (await e2e.server.db.selectFrom('organisations').select('id').where('slug', '=', 'amacho').executeTakeFirstOrThrow()).id;
  const opening = await e2e.server.db.selectFrom('listings').select('id').where('kind', '=', 'opening').where('status', '=', 'published').where('organisation_id', '=', amacho).orderBy('id').executeTakeFirstOrThrow();
  openingPath = `/openings/${opening.id}`;
});

const button = (page: Page) => page.getByRole('button', { name: '気になる', exact: true });

describe('気になる in a real browser', () => {
  it('with JavaScript: marks without leaving the page, lists it, and unmarks from the list', async () => {
    const { context, page } = await e2e.signedIn('company');
    await page.goto(openingPath);
    expect(await hydrated(page)).toBe(true);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    expect(await button(page).getAttribute('aria-pressed')).toBe('false');
    await button(page).click();
    await expect.poll(() => button(page).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true), 'the fetcher did not reload the page').toBe(true);
    expect(new URL(page.url()).pathname).toBe(openingPath);
    expect(await checkA11y(page)).toEqual([]);

    await page.goto('/my/favourites');
    const item = page.getByRole('listitem').filter({ has: page.locator(`a[href="${openingPath}"]`) });
    expect(await item.count()).toBe(1);
    expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, 'favourites');
    await item.getByRole('button', { name: /外す/ }).click();
    await page.getByRole('status').filter({ hasText: '「気になる」から外しました。' }).waitFor();
    expect(await page.locator(`a[href="${openingPath}"]`).count()).toBe(0);
    await context.close();
  });

  it('without JavaScript: the same button is a form post, and the owner sees one organisation', async () => {
    const { context, page } = await e2e.signedIn('individual', PHONE, { javaScriptEnabled: false });
    await page.goto(openingPath);
    await page.getByLabel('掲載者に団体名を知らせる').check();
    await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'favourited'), button(page).click()]);
    expect(await page.getByRole('status').filter({ hasText: '「気になる」に登録しました。' }).count()).toBe(1);
    expect(await button(page).getAttribute('aria-pressed')).toBe('true');
    await context.close();

    const owner = await e2e.signedIn('municipality', PHONE, { javaScriptEnabled: false });
    await owner.page.goto(openingPath);
    const summary = owner.page.getByTestId('favourite-summary');
    expect(await summary.textContent()).toContain('「気になる」登録：1団体');
    expect(await owner.page.getByRole('button', { name: '気になる', exact: true }).count()).toBe(0);
    await owner.context.close();
  });
});
