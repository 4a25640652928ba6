import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, screenshots } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * /search on a phone: the results come first, the facet chips wait in a disclosure that opens
 * without JavaScript; on a desktop the facets stay beside the results.
 */

const e2e = seededBrowser({ steps: ['accounts', 'listings'] });

const firstResultTop = (page: Page) => page.evaluate(() => document.querySelector('section[aria-labelledby="results-title"] ol > li')?.getBoundingClientRect().top ?? null);

describe('/search on a phone (360 px)', () => {
  it.each([true, false])('shows the first result on the first screen, the filters folded away (JavaScript %s)', async (javaScriptEnabled) => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: PHONE.width, height: 740 }, locale: 'ja-JP', javaScriptEnabled });
    const page = await context.newPage();
    try {
      const res = await page.goto('/search?q=' + encodeURIComponent('観光'));
      expect(res?.status()).toBe(200);
      const top = await firstResultTop(page);
      expect(top).not.toBeNull();
      expect(top!).toBeLessThan(740);
      // The sidebar is not shown; its chips are inside a closed disclosure until it is opened.
      expect(await page.locator('aside[aria-label="絞り込み"]').isVisible()).toBe(false);
      const disclosure = page.locator('details', { hasText: '絞り込み' });
      expect(await disclosure.getAttribute('open')).toBeNull();
      const chip = disclosure.getByRole('link', { name: /押すと絞り込み/ }).first();
      expect(await chip.isVisible()).toBe(false);
      await disclosure.locator('summary').click();
      expect(await chip.isVisible()).toBe(true);
      if (javaScriptEnabled) await screenshots(page, 'search-phone');
      // A chip still leads to the filtered page.
      await Promise.all([page.waitForURL(/[?&](category|type|pref)=/), chip.click()]);
      expect(await firstResultTop(page)).not.toBeNull();
    } finally {
      await context.close();
    }
  });

  it('keeps the facets beside the results on a desktop (1280 px)', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: DESKTOP, locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      await page.goto('/search?q=' + encodeURIComponent('観光'));
      expect(await page.locator('aside[aria-label="絞り込み"]').getByRole('link', { name: /押すと絞り込み/ }).first().isVisible()).toBe(true);
      expect(await page.locator('details', { hasText: '絞り込み' }).isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
