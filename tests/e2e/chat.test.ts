import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { applyToListing } from '../../app/services/applications.server';
import { getUserFromCookieHeader } from '../../app/services/auth.server';
import { checkA11y, expectRefusal, overflowsHorizontally, screenshots } from '../helpers/browser';
import { loginAsDemo, seededBrowser } from '../helpers/seeded-browser';
import { makeListing, sessionFor } from '../integration/applications/fixtures';

/* Each test makes its own opening (and, where it starts from one, its own application): none reads another's data. */

const e2e = seededBrowser({ steps: ['accounts'] });

/** A published opening of the demo municipality (海士町) the demo company may apply to. */
async function opening(title: string) {
  const amacho = await e2e.server.db.selectFrom('organisations').select('id').where('slug', '=', 'amacho').executeTakeFirstOrThrow();
  return makeListing({ db: e2e.server.db, config: e2e.server.services.config }, { kind: 'opening', organisationId: amacho.id, title, lgCode: '325252' });
}

/** The demo company's application to a new opening, made on the server (its path). */
async function application(title: string) {
  const { config } = e2e.server.services;
  const { id: userId } = await e2e.server.db.selectFrom('users').select('id').where('email', '=', 'company@example.jp').executeTakeFirstOrThrow();
  const services = { db: e2e.server.db, config };
  const company = await getUserFromCookieHeader(services, await sessionFor(services, userId, { ttlMs: 3_600_000 }));
  const listingId = await opening(title);
  const { id } = await applyToListing(e2e.server.db, company!, 'opening', listingId, { programType: 'dispatch', message: '応募します', proposal: '', asInquiry: false }, { ip: '', publicUrl: config.publicUrl });
  return `/applications/${id}`;
}

const messages = (page: Page) => page.locator('[data-testid="messages"] [data-testid="message-body"]');
const connected = (page: Page) => expect.poll(() => page.locator('[data-testid="connection"]').textContent(), { timeout: 15_000 }).toContain('接続中');

describe('two parties chatting in real time', () => {
  it('a company applies; both see each other’s messages and read receipts without reloading', async () => {
    const openingId = await opening('観光DXを進める起業人の募集（チャット試験）');
    const company = await e2e.signedIn('company');
    await company.page.goto(`/openings/${openingId}/apply`);
    expect(await company.page.locator('[data-testid="verdict"][data-eligible="true"]').count()).toBeGreaterThan(0);
    expect(await checkA11y(company.page)).toEqual([]);
    await company.page.getByLabel('メッセージ').fill('御社の観光DXに、当社の社員を派遣したいと考えています。');
    await Promise.all([company.page.waitForURL(/\/applications\/\d+/), company.page.getByRole('button', { name: '応募する' }).click()]);
    const applicationPath = new URL(company.page.url()).pathname;

    const municipality = await e2e.signedIn('municipality');
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
    const path = await application('地域商社の立ち上げを担う起業人の募集（JavaScriptなし）');
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false, locale: 'ja-JP' });
    const page = await context.newPage();
    await loginAsDemo(page, 'municipality');
    await page.goto('/applications');
    await Promise.all([page.waitForURL(`**${path}`), page.locator(`a[href="${path}"]`).first().click()]);
    await page.locator('#message-body').fill('JavaScriptなしで送信します。');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '送信' }).click()]);
    await expect.poll(() => messages(page).last().textContent()).toBe('JavaScriptなしで送信します。');
    await context.close();
  });
});

describe('a refused form on the conversation page, with JavaScript', () => {
  it('shows the summary, focused, and keeps the times and the place typed', async () => {
    const path = await application('移住促進を担う起業人の募集（候補日時の誤り）');
    await e2e.server.db.updateTable('applications').set({ state: 'in_dialogue' }).where('id', '=', Number(path.split('/').pop())).execute();
    const { page } = await e2e.signedIn('municipality');
    await page.goto(path);
    await connected(page);
    const day = new Date(Date.now() + 3 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
    await page.getByText('候補日時を提案する').click();
    const form = page.locator('form#slots');
    await form.locator('input[name="slotStart"]').first().fill(`${day}T10:00`);
    await form.locator('input[name="slotEnd"]').first().fill(`${day}T10:05`);
    await page.locator('#slots-location').fill('オンライン会議');
    expectRefusal(path);
    await form.getByRole('button', { name: '候補日時を送る' }).click();
    const summary = page.locator('[data-testid="error-summary"]');
    await expect.poll(() => summary.textContent()).toContain('終了は開始の');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    expect(await page.locator('#slots-location').inputValue()).toBe('オンライン会議');
    expect(await form.locator('input[name="slotStart"]').first().inputValue()).toBe(`${day}T10:00`);
    expect(await form.locator('input[name="slotEnd"]').first().inputValue()).toBe(`${day}T10:05`);
    expect(await e2e.server.db.selectFrom('interview_slots').select('id').where('application_id', '=', Number(path.split('/').pop())).execute()).toEqual([]);
  });
});
