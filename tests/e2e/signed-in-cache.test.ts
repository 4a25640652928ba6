import { describe, expect, it } from 'vitest';
import { consoleProblems, visitHydrated } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * Signed-in pages answered from the cache of signed-in pages (app/server/page-cache.ts) hydrate as the
 * rendered ones do: their scripts carry the answer's own CSP nonce and the hydration data is the page's.
 */

const e2e = seededBrowser({ env: { PAGE_CACHE_MB: '32' }, steps: ['accounts', 'listings'] });

describe('signed-in pages from the cache', () => {
  it('hydrate, the second visit answered from memory', async () => {
    const { context, page } = await e2e.signedIn('municipality');
    const problems = consoleProblems(page);
    const answers: string[] = [];
    page.on('response', (res) => {
      if (res.request().isNavigationRequest()) answers.push(res.headers()['x-page-cache'] ?? 'rendered');
    });
    for (const path of ['/', '/applications', '/my/listings', '/openings']) {
      await visitHydrated(page, path, problems);
      await visitHydrated(page, path, problems);
      expect(answers.slice(-2), path).toEqual(['rendered', 'hit']);
      expect(await page.getByText('大野 健太').count(), path).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
