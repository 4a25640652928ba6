import { describe, expect, it } from 'vitest';
import { expectRefusal, hydrated } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * The マッチング提案 digest's frequency on /settings/notifications, with JavaScript and without it (a
 * plain form post): a forged value is refused in Japanese with every box kept as it was; a real
 * choice is saved and shown again.
 */

const e2e = seededBrowser({ steps: ['accounts'] });

const digestOf = async (email: string) =>
  e2e.server.db
    .selectFrom('proposal_digests as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select('d.frequency')
    .where('u.email', '=', email)
    .executeTakeFirst();

describe.each([
  { js: true, persona: 'company', email: 'company@example.jp' },
  { js: false, persona: 'municipality', email: 'municipality@example.jp' },
] as const)('the proposal digest setting (JavaScript $js)', ({ js, persona, email }) => {
  it('refuses a forged frequency keeping the boxes, then saves 毎日 and shows it again', async () => {
    const { context, page } = await e2e.signedIn(persona, undefined, { javaScriptEnabled: js });
    await page.goto('/settings/notifications');
    // Changed before hydration, the forged value would be put back by React.
    if (js) expect(await hydrated(page)).toBe(true);
    const group = page.getByTestId('notification-proposal');
    expect(await group.getByLabel('毎週').isChecked()).toBe(true);

    // A forged value (the page offers none): the 毎日 button is made to send 'hourly'
    await group.getByLabel('メールで受け取る').uncheck();
    // (after the change event, which React answers by putting the value back)
    await group.getByLabel('毎日').check();
    await group.locator('input[value="daily"]').evaluate((el) => el.setAttribute('value', 'hourly'));
    expectRefusal('/settings/notifications');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '保存する' }).click()]);
    await page.getByText('お知らせの頻度を「毎日」「毎週」「なし」から選んでください。').first().waitFor();
    expect(await page.getByTestId('notification-proposal').getByLabel('メールで受け取る').isChecked()).toBe(false);
    expect(await page.getByTestId('notification-proposal').getByLabel('お知らせ一覧に表示する').isChecked()).toBe(true);
    expect(await digestOf(email)).toBeUndefined();

    await page.goto('/settings/notifications');
    await page.getByTestId('notification-proposal').getByLabel('毎日').check();
    await Promise.all([page.waitForURL((u) => u.search.includes('saved')), page.getByRole('button', { name: '保存する' }).click()]);
    await page.getByText('保存しました。').waitFor();
    expect(await page.getByTestId('notification-proposal').getByLabel('毎日').isChecked()).toBe(true);
    expect(await digestOf(email)).toEqual({ frequency: 'daily' });
    await context.close();
  });
});
