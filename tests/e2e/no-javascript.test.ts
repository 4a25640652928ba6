import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listMail } from '../../app/services/mail.server';
import { expectRefusal, PHONE, screenshots } from '../helpers/browser';
import { loginAsDemo, seededBrowser } from '../helpers/seeded-browser';

/*
 * The main forms with JavaScript turned off (a context with javaScriptEnabled: false): each is a
 * plain HTML form post or GET, so it must work, answer with its page, and store what it says it did.
 */

const e2e = seededBrowser({ steps: ['accounts', 'listings'] });

const plainPage = async (viewport = PHONE) => (await e2e.page(viewport, { javaScriptEnabled: false })).page;
const submit = (page: Page, name: string) => Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).first().click()]);
const inAWeek = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the main forms without JavaScript', () => {
  it('log in', async () => {
    const page = await plainPage();
    await loginAsDemo(page, 'municipality');
    // The page's own scripts did not run: Remix never started.
    expect(await page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter)).toBe('undefined');
    expect(new URL(page.url()).pathname).not.toBe('/login');
    expect(await page.getByTestId('current-user').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('sign up as an individual: a refused form keeps the input, the corrected one sends the confirmation mail', async () => {
    const page = await plainPage();
    await page.goto('/signup/individual');
    await page.locator('input[name="track"][value="side_job"]').check();
    await page.getByLabel('勤務先（退職した方は元の勤務先）').fill('株式会社東京テックパートナーズ');
    await page.getByLabel('勤務先の本社所在地の市区町村').fill('東京都港区');
    await page.getByLabel('氏名').fill('山田 花子');
    await page.getByLabel('メールアドレス').fill('yamada.hanako@example.jp');
    await page.getByLabel('パスワード').fill('short');
    expectRefusal('/signup/individual');
    await submit(page, '登録して確認メールを受け取る');
    expect(await page.locator('[role="alert"]').first().textContent()).toMatch(/パスワード/);
    expect(await page.getByLabel('氏名').inputValue()).toBe('山田 花子');
    for (const box of await page.locator('input[type="checkbox"]').all()) await box.check();
    await page.getByLabel('パスワード').fill('hanako-no-himitsu-2026');
    await submit(page, '登録して確認メールを受け取る');
    expect(new URL(page.url()).pathname).toBe('/signup/sent');
    const user = await e2e.server.db.selectFrom('users').select(['name', 'email_verified_at']).where('email', '=', 'yamada.hanako@example.jp').executeTakeFirstOrThrow();
    expect(user).toEqual({ name: '山田 花子', email_verified_at: null });
    await expect.poll(async () => (await listMail(e2e.server.services.config)).some((m) => m.to.includes('yamada.hanako@example.jp'))).toBe(true);
    await page.context().close();
  });

  it('check eligibility and search (GET forms)', async () => {
    const page = await plainPage();
    await page.goto('/eligibility');
    await page.getByLabel('受入市町村').fill('島根県海士町');
    await page.getByLabel('企業の本社所在地').fill('東京都千代田区');
    await page.locator('input[name="type"][value="dispatch"]').check();
    await submit(page, '判定する');
    expect(new URL(page.url()).searchParams.get('municipality')).toBe('島根県海士町');
    expect(await page.locator('main').textContent()).toContain('対象');
    await screenshots(page, 'nojs-eligibility');

    await page.goto('/search');
    await page.locator('#search-q').fill('観光');
    await Promise.all([page.waitForURL('**/search?*'), page.locator('main').getByRole('button', { name: '検索', exact: true }).click()]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('観光');
    expect(await page.locator('main a[href^="/openings/"], main a[href^="/solutions/"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('a municipality publishes an opening, a company applies to it, the municipality scouts a solution', async () => {
    const town = await plainPage();
    await loginAsDemo(town, 'municipality');
    await town.goto('/openings/new');
    const title = '棚田の保全を進める起業人（スクリプトなし）';
    await town.getByLabel('タイトル').fill(title);
    await town.getByLabel('概要').fill('棚田の担い手を増やす仕組みづくりを一緒に考えます。');
    await town.locator('input[name="categories"][value="agriculture"]').check();
    await town.locator('input[name="types"][value="dispatch"]').check();
    await town.getByLabel('地域の課題と背景').fill('耕作放棄地が増えています。');
    await town.getByLabel('お願いしたい業務').fill('- 担い手の募集');
    await town.getByLabel('求めるスキル・経験').fill('- 農業の経験');
    await town.getByLabel('開始希望時期').fill(inAWeek(120));
    await town.getByLabel('応募締切日').fill(inAWeek(30));
    await submit(town, '公開する');
    expect(town.url()).toMatch(/\/openings\/\d+\?done=published$/);
    const openingPath = new URL(town.url()).pathname;
    const listing = await e2e.server.db.selectFrom('listings').select(['status', 'title']).where('id', '=', Number(openingPath.split('/').pop())).executeTakeFirstOrThrow();
    expect(listing).toEqual({ status: 'published', title });

    const firm = await plainPage();
    await loginAsDemo(firm, 'company');
    await firm.goto(`${openingPath}/apply`);
    await firm.getByLabel('メッセージ').fill('棚田の保全に取り組んだ社員がいます。');
    await submit(firm, '応募する');
    expect(new URL(firm.url()).pathname).toMatch(/^\/applications\/\d+$/);
    expect(await firm.locator('[data-testid="messages"]').textContent()).toContain('棚田の保全に取り組んだ社員がいます。');
    await firm.context().close();

    const solution = await e2e.server.db
      .selectFrom('listings')
      .innerJoin('organisations', 'organisations.id', 'listings.organisation_id')
      .select('listings.id')
      .where('listings.kind', '=', 'solution')
      .where('listings.status', '=', 'published')
      .where('organisations.slug', '=', 'mirai-chiiki')
      .orderBy('listings.id')
      .executeTakeFirstOrThrow();
    await town.goto(`/solutions/${solution.id}/scout`);
    await town.getByLabel('メッセージ').fill('町の観光案内のデジタル化をお願いしたいと考えています。');
    await submit(town, 'スカウトを送る');
    expect(new URL(town.url()).pathname).toMatch(/^\/applications\/\d+$/);
    await town.context().close();
  });

  it('change the name in the settings; ask for a password reset mail', async () => {
    const page = await plainPage();
    await loginAsDemo(page, 'individual');
    await page.goto('/settings');
    await page.locator('#profile-name').fill('佐藤 はるか');
    await submit(page, '氏名を保存');
    const user = await e2e.server.db.selectFrom('users').select('name').where('email', '=', 'individual@example.jp').executeTakeFirstOrThrow();
    expect(user.name).toBe('佐藤 はるか');
    await page.context().close();

    const visitor = await plainPage();
    await visitor.goto('/password/forgot');
    await visitor.getByLabel('メールアドレス').fill('company@example.jp');
    await submit(visitor, '再設定用のリンクを送る');
    await expect.poll(async () => (await listMail(e2e.server.services.config)).some((m) => m.to.includes('company@example.jp'))).toBe(true);
    await visitor.context().close();
  });
});
