import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../db/seed/accounts';
import { launchBrowser, loginAs, newPage } from '../helpers/browser';
import { startSeededServer, type TestServer } from '../helpers/server';

/*
 * The ministry's pages hydrate without a console error, an uncaught page error or a React
 * hydration warning, and a wrong filter in the report's URL is reported on the page.
 */

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startSeededServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    const where = m.location().url;
    if (where.endsWith('/favicon.ico')) return;
    if (m.type() === 'error' || (m.type() === 'warning' && /hydrat/i.test(m.text()))) problems.push(`console.${m.type()}: ${m.text()} (${where})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

async function visit(page: Page, path: string, problems: string[]) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  const hydrated = await page
    .waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true, null, { timeout: 10_000 })
    .then(() => true, () => false);
  await page.waitForLoadState('networkidle');
  expect(problems, path).toEqual([]);
  expect(hydrated, `${path} did not hydrate`).toBe(true);
}

describe('monitoring pages in the browser', () => {
  it('the dashboard and the monthly report hydrate without errors', async () => {
    const { context, page } = await newPage(browser, server.url);
    await loginAs(page, 'ministry@example.jp', DEMO_PASSWORDS.ministry);
    const problems = watch(page);
    await visit(page, '/monitoring', problems);
    await visit(page, '/monitoring?fy=2026&pref=32', problems);
    await visit(page, '/monitoring/report', problems);
    await visit(page, '/monitoring/report?month=2026-05&type=dispatch', problems);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the report names a wrong period or fiscal year like a wrong prefecture', async () => {
    const { context, page } = await newPage(browser, server.url);
    await loginAs(page, 'ministry@example.jp', DEMO_PASSWORDS.ministry);
    const alertOf = async (path: string) => {
      await page.goto(path);
      return (await page.getByRole('alert').first().textContent()) ?? '';
    };
    expect(await alertOf('/monitoring/report?pref=99')).toContain('都道府県の指定が正しくありません');
    expect(await alertOf('/monitoring/report?from=2026-13')).toContain('期間（開始）はYYYY-MM形式で指定してください');
    expect(await alertOf('/monitoring/report?to=2026-00')).toContain('期間（終了）はYYYY-MM形式で指定してください');
    expect(await alertOf('/monitoring/report?fy=1999')).toContain('年度は2024年度以降を指定してください');
    expect(await alertOf('/monitoring/report?month=2026-13')).toContain('対象月はYYYY-MM形式で指定してください');
    await context.close();
  });
});
