import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listMail } from '../../app/services/mail.server';
import { screenshots } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * A double click on 「登録して確認メールを受け取る」, in Chromium with JavaScript on (the button is busy:
 * disabled, 「送信中…」) and off (the browser sends the form twice): one account, one confirmation mail,
 * and the confirmation page, never a 500.
 */

const e2e = seededBrowser({ steps: ['accounts'] });

async function fill(page: Page, email: string) {
  await page.locator('input[name="track"][value="side_job"]').check();
  await page.locator('input[name="employerName"]').fill('株式会社みらい地域創生');
  await page.locator('input[name="employerHeadOffice"]').fill('東京都千代田区');
  await page.locator('input[name="name"]').fill('二度 押子');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill('double-click-safe-2026');
  await page.locator('input[name="agree"]').check();
}

const usersWith = async (email: string) => (await e2e.server.db.selectFrom('users').select('id').where('email', '=', email).execute()).length;

describe('double click on the sign-up button', () => {
  it.each([true, false])('JavaScript %s: one account, one mail, the confirmation page', async (javaScriptEnabled) => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', javaScriptEnabled });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 500) failures.push(`${r.status()} ${r.url()}`);
    });
    const email = `dblclick-${javaScriptEnabled ? 'js' : 'nojs'}@example.jp`;
    await page.goto('/signup/individual');
    if (javaScriptEnabled) {
      await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
      // Hold the answer for a moment, so that the busy state can be seen.
      await page.route('**/signup/individual*', async (route) => {
        if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 800));
        await route.continue();
      });
    }
    await fill(page, email);
    const button = page.getByRole('button', { name: '登録して確認メールを受け取る' });
    await button.dblclick();
    if (javaScriptEnabled) {
      const busy = page.getByRole('button', { name: '送信中…' });
      await busy.waitFor();
      expect(await busy.isDisabled()).toBe(true);
    }
    await page.waitForURL(/\/signup\/sent/);
    await page.getByRole('heading', { name: '確認メールを送信しました' }).waitFor();
    await screenshots(page, `signup-double-click-${javaScriptEnabled ? 'js' : 'no-js'}`);
    expect(failures).toEqual([]);
    expect(await usersWith(email)).toBe(1);
    const mails = (await listMail(e2e.server.services.config)).filter((m) => m.to.includes(email));
    expect(mails.map((m) => m.subject)).toEqual(['【起業人マッチ】メールアドレスの確認']);
    await context.close();
  });
});
