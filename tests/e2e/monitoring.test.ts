import { describe, expect, it } from 'vitest';
import { consoleProblems, visitHydrated } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * The ministry's pages hydrate without a console error, an uncaught page error or a React
 * hydration warning, and a wrong filter in the report's URL is reported on the page.
 */

const e2e = seededBrowser();

describe('monitoring pages in the browser', () => {
  it('the dashboard and the monthly report hydrate without errors', async () => {
    const { context, page } = await e2e.signedIn('ministry');
    const problems = consoleProblems(page);
    await visitHydrated(page, '/monitoring', problems);
    await visitHydrated(page, '/monitoring?fy=2026&pref=32', problems);
    await visitHydrated(page, '/monitoring/report', problems);
    await visitHydrated(page, '/monitoring/report?month=2026-05&type=dispatch', problems);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the report names a wrong period or fiscal year like a wrong prefecture', async () => {
    const { context, page } = await e2e.signedIn('ministry');
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
