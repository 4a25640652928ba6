import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../db/seed/accounts';
import { checkA11y, expectHttpError, expectRefusal, loginAs, overflowsHorizontally, screenshots } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

const e2e = seededBrowser({ steps: ['accounts', 'listings'] });

describe('listings in a real browser', () => {
  it('lets anyone browse published listings; every page passes axe and fits a 360 px phone', async () => {
    const { context, page } = await e2e.page();
    for (const [path, name] of [
      ['/', 'home'],
      ['/openings', 'openings'],
      ['/solutions', 'solutions'],
      ['/openings?category=dx', 'openings-filtered'],
    ] as const) {
      await page.goto(path);
      expect(await checkA11y(page), path).toEqual([]);
      await page.setViewportSize({ width: 360, height: 780 });
      expect(await overflowsHorizontally(page), `${path} at 360 px`).toBe(false);
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshots(page, name);
    }
    await page.goto('/openings');
    expect(await page.locator('article.listing-card').count()).toBeGreaterThanOrEqual(20);
    await page.locator('article.listing-card h3 a').first().click();
    await expect.poll(() => page.url()).toMatch(/\/openings\/\d+$/);
    expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, 'opening-detail');
    await page.goto('/solutions');
    await page.locator('article.listing-card h3 a').first().click();
    expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, 'solution-detail');
    await context.close();
  });

  it('a municipality posts an opening (keeping its input after an error), edits, publishes and closes it', async () => {
    const { context, page } = await e2e.signedIn('municipality');
    await page.goto('/openings/new');
    expect(await checkA11y(page)).toEqual([]);
    await page.getByLabel('タイトル').fill('空き家バンクの運営を立て直す担当');
    await page.getByLabel('概要').fill('登録物件が少ない空き家バンクを、所有者への働きかけから立て直したい。');
    expectRefusal('/openings/new');
    await page.getByRole('button', { name: '下書き保存', exact: true }).click();
    // The server refuses the incomplete form, lists the problems at the top and keeps what was typed.
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('入力内容に');
    expect(await page.getByLabel('タイトル').inputValue()).toBe('空き家バンクの運営を立て直す担当');
    expect(await page.locator('#field-body').getAttribute('aria-invalid')).toBe('true');
    expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, 'opening-form-errors');
    await summary.getByRole('link').first().click();

    await page.locator('input[name="categories"][value="migration"]').check();
    await page.locator('input[name="types"][value="dispatch"]').check();
    await page.locator('input[name="types"][value="side_job"]').check();
    await page.getByLabel('地域の課題と背景').fill('空き家は200軒以上あるのに、バンクの登録は12件だけです。\n\n<script>alert("x")</script>');
    await page.getByLabel('お願いしたい業務').fill('- 所有者への聞き取り\n- 登録の手続き支援');
    await page.getByLabel('求めるスキル・経験').fill('- 不動産の実務経験');
    await page.getByLabel('開始希望時期').fill('2027-04-01');
    await page.getByLabel('応募締切日').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: '下書き保存', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/\/openings\/\d+\?done=saved$/);
    const url = new URL(page.url());
    const detail = url.pathname;
    expect(await page.locator('.markdown').first().innerHTML()).toContain('&lt;script&gt;');

    // A visitor cannot see the draft.
    const anon = await e2e.page();
    expectHttpError(404, detail);
    const res = await anon.page.goto(detail);
    expect(res?.status()).toBe(404);

    await page.getByRole('link', { name: '編集する' }).click();
    expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, 'opening-edit');
    await page.getByLabel('タイトル').fill('空き家バンクの運営を立て直す担当（移住促進）');
    await page.getByRole('button', { name: '変更を保存' }).click();
    await expect.poll(() => page.url()).toContain('done=updated');
    await page.getByRole('button', { name: '公開する' }).click();
    await expect.poll(() => page.url()).toContain('done=published');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('空き家バンクの運営を立て直す担当（移住促進）');
    expect(await page.getByText('第3版').count()).toBe(1);

    const res2 = await anon.page.goto(detail);
    expect(res2?.status()).toBe(200);
    await anon.page.goto('/openings?category=migration');
    expect(await anon.page.getByRole('link', { name: '空き家バンクの運営を立て直す担当（移住促進）' }).count()).toBe(1);
    await anon.context.close();

    await page.goto('/my/listings');
    expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, 'my-listings');
    await page.goto(detail);
    await page.getByLabel('終了の理由').selectOption('filled');
    await page.getByRole('button', { name: '募集を終了' }).click();
    await expect.poll(() => page.url()).toContain('done=closed');
    expect(await page.getByText('終了（決定済み）').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('a company posts a solution and sees the eligibility verdict on openings', async () => {
    const { context, page } = await e2e.page();
    await loginAs(page, 'kitanomori@example.jp', DEMO_PASSWORDS.other);
    await page.goto('/solutions/new');
    await page.getByLabel('タイトル').fill('積雪地の道路維持管理のデータ活用');
    await page.getByLabel('概要').fill('除雪車の運行データで除雪計画を見直します。');
    await page.locator('input[name="categories"][value="civil_engineering"]').check();
    await page.locator('input[name="types"][value="dispatch"]').check();
    await page.getByLabel('解決できる課題').fill('除雪の苦情と費用の増加に、運行データの分析で応えます。');
    await page.getByLabel('スキル・専門性').fill('- GIS\n- 運行管理');
    await page.getByLabel('開始可能時期').fill('2027-01-01');
    await page.locator('input[name="regionPrefCodes"][value="02"]').check();
    await page.locator('input[name="regionPrefCodes"][value="15"]').check();
    await page.getByRole('button', { name: '公開する' }).click();
    await expect.poll(() => page.url()).toMatch(/\/solutions\/\d+\?done=published$/);
    expect(await checkA11y(page)).toEqual([]);

    await page.goto('/solutions?pref=15');
    expect(await page.getByRole('link', { name: '積雪地の道路維持管理のデータ活用' }).count()).toBe(1);

    // A Sapporo (B) company reading a Hokkaido opening is told it cannot dispatch there.
    await page.goto('/openings?pref=01');
    await page.locator('article.listing-card h3 a').first().click();
    const verdict = page.getByTestId('eligibility-verdict');
    await expect.poll(() => verdict.textContent()).toContain('同一県内');
    expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, 'opening-verdict');
    await context.close();
  });
});
