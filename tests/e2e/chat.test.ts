import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../db/seed/accounts';
import { checkA11y, launchBrowser, loginAs, newPage, overflowsHorizontally, screenshots } from '../helpers/browser';
import { startSeededServer, type TestServer } from '../helpers/server';
import { makeListing } from '../integration/applications/fixtures';

let server: TestServer;
let browser: Browser;
let openingId: number;

beforeAll(async () => {
  server = await startSeededServer({}, ['accounts']);
  const amacho = await server.db.selectFrom('organisations').select('id').where('slug', '=', 'amacho').executeTakeFirstOrThrow();
  openingId = await makeListing({ db: server.db, config: server.services.config }, { kind: 'opening', organisationId: amacho.id, title: '観光DXを進める起業人の募集（チャット試験）', lgCode: '325252' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const messages = (page: Page) => page.locator('[data-testid="messages"] [data-testid="message-body"]');
const connected = (page: Page) => expect.poll(() => page.locator('[data-testid="connection"]').textContent(), { timeout: 15_000 }).toContain('接続中');

describe('two parties chatting in real time', () => {
  it('a company applies; both see each other’s messages and read receipts without reloading', async () => {
    const company = await newPage(browser, server.url);
    await loginAs(company.page, 'company@example.jp', DEMO_PASSWORDS.company);
    await company.page.goto(`/openings/${openingId}/apply`);
    expect(await company.page.locator('[data-testid="verdict"][data-eligible="true"]').count()).toBeGreaterThan(0);
    expect(await checkA11y(company.page)).toEqual([]);
    await company.page.getByLabel('メッセージ').fill('御社の観光DXに、当社の社員を派遣したいと考えています。');
    await Promise.all([company.page.waitForURL(/\/applications\/\d+/), company.page.getByRole('button', { name: '応募する' }).click()]);
    const applicationPath = new URL(company.page.url()).pathname;

    const municipality = await newPage(browser, server.url);
    await loginAs(municipality.page, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    await municipality.page.goto(applicationPath);
    await connected(municipality.page);
    await connected(company.page);
    await expect.poll(() => messages(municipality.page).last().textContent()).toContain('派遣したい');

    // The municipality has opened the page: the company's application shows 既読 without a reload.
    await expect.poll(() => company.page.locator('[data-testid="read-receipt"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // Typing indicator, then a real-time message from the municipality.
    await municipality.page.locator('#message-body').fill('ご応募ありがとうございます。');
    await expect.poll(() => company.page.locator('[data-testid="typing"]').textContent()).toContain('入力中');
    await municipality.page.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => messages(company.page).last().textContent()).toBe('ご応募ありがとうございます。');
    // The company is looking at the page, so the municipality sees 既読 on its message.
    await expect
      .poll(() => municipality.page.locator('[data-mine="true"]').last().locator('[data-testid="read-receipt"]').count(), { timeout: 15_000 })
      .toBe(1);

    // And back.
    await company.page.locator('#message-body').fill('面談の日程を相談させてください。');
    await company.page.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => messages(municipality.page).last().textContent()).toBe('面談の日程を相談させてください。');
    const count = await messages(company.page).count();
    expect(await messages(municipality.page).count()).toBe(count);

    // A state change by the municipality appears on the company's page as a system line.
    await municipality.page.getByRole('button', { name: '対話を始める' }).click();
    await expect.poll(() => company.page.locator('[data-kind="system"]').last().textContent()).toContain('対話中');

    expect(await checkA11y(municipality.page)).toEqual([]);
    await municipality.page.setViewportSize({ width: 360, height: 780 });
    expect(await overflowsHorizontally(municipality.page)).toBe(false);
    await municipality.page.setViewportSize({ width: 1280, height: 900 });
    await screenshots(municipality.page, 'conversation');
    await company.context.close();
    await municipality.context.close();
  });

  it('works without JavaScript: the message form posts and the page shows it', async () => {
    const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false, locale: 'ja-JP' });
    const page = await context.newPage();
    await loginAs(page, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    await page.goto('/applications');
    await page.locator('a[href^="/applications/"]').filter({ hasText: 'チャット試験' }).first().click();
    await page.locator('#message-body').fill('JavaScriptなしで送信します。');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '送信' }).click()]);
    await expect.poll(() => messages(page).last().textContent()).toBe('JavaScriptなしで送信します。');
    await context.close();
  });
});
