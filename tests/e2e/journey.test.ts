import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y, screenshots } from '../helpers/browser';
import { agreeAndConclude, completeDispatchDraft, download } from '../helpers/agreement-draft';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * The whole journey in a real browser: 海士町 posts an opening, a company finds it through search,
 * checks eligibility, applies, both chat in real time, they agree, complete and conclude the agreement
 * with its .docx and PDF, and the ministry sees the match counted. Every page on the way is
 * checked with axe-core and screenshotted at 360 px and 1280 px.
 */

const e2e = seededBrowser();
const TITLE = '離島の観光予約をデジタル化する起業人（通し試験）';
let openingPath = '';
let applicationPath = '';

/** axe-core (no serious/critical violations) and phone + desktop screenshots of the current page. */
async function check(page: Page, name: string) {
  expect(await checkA11y(page), name).toEqual([]);
  await screenshots(page, `journey-${name}`);
}

const messages = (page: Page) => page.locator('[data-testid="messages"] [data-testid="message-body"]');
const connected = (page: Page) => expect.poll(() => page.locator('[data-testid="connection"]').textContent(), { timeout: 15_000 }).toContain('接続中');

describe('from an opening to an agreement', () => {
  it('a municipality staff member signs in and publishes an opening', async () => {
    const { context, page } = await e2e.signedIn('municipality');
    await page.goto('/openings/new');
    await check(page, '01-opening-new');
    await page.getByLabel('タイトル').fill(TITLE);
    await page.getByLabel('概要').fill('観光案内所の予約と案内を、島外からも使えるようにデジタル化します。');
    await page.locator('input[name="categories"][value="tourism"]').check();
    await page.locator('input[name="types"][value="dispatch"]').check();
    await page.getByLabel('地域の課題と背景').fill('観光客は増えていますが、宿と船の予約は電話だけです。');
    await page.getByLabel('お願いしたい業務').fill('- 予約システムの選定と導入\n- 島内事業者への説明');
    await page.getByLabel('求めるスキル・経験').fill('- 観光業のDX経験');
    await page.getByLabel('開始希望時期').fill(new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('応募締切日').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: '公開する' }).click();
    await expect.poll(() => page.url()).toMatch(/\/openings\/\d+\?done=published$/);
    openingPath = new URL(page.url()).pathname;
    await check(page, '02-opening-published');
    await context.close();
  });

  it('a company searches, finds it, checks eligibility and applies; both chat in real time and agree', async () => {
    const company = await e2e.signedIn('company');
    await company.page.goto(`/search?q=${encodeURIComponent('観光予約 デジタル化')}`);
    await check(company.page, '03-search');
    const hit = company.page.locator(`a[href="${openingPath}"]`).first();
    await expect.poll(() => hit.count()).toBeGreaterThan(0);
    await Promise.all([company.page.waitForURL((u) => u.pathname === openingPath), hit.click()]);
    await check(company.page, '04-opening-detail');

    await company.page.goto(`/eligibility?municipality=325252&companyHq=131016&type=dispatch`);
    await check(company.page, '05-eligibility');
    // The verdict itself (the page title always says 対象判定): 海士町 × a Tokyo company is eligible.
    await expect.poll(() => company.page.getByTestId('verdict').textContent()).toBe('対象です');

    await company.page.goto(`${openingPath}/apply`);
    expect(await company.page.locator('[data-testid="verdict"][data-eligible="true"]').count()).toBeGreaterThan(0);
    await check(company.page, '06-apply');
    await company.page.getByLabel('メッセージ').fill('当社の観光DXチームから、1名を派遣したいと考えています。');
    await Promise.all([company.page.waitForURL(/\/applications\/\d+/), company.page.getByRole('button', { name: '応募する' }).click()]);
    applicationPath = new URL(company.page.url()).pathname;

    const municipality = await e2e.signedIn('municipality');
    await municipality.page.goto(applicationPath);
    await connected(municipality.page);
    await connected(company.page);
    await expect.poll(() => messages(municipality.page).last().textContent()).toContain('派遣したい');

    await municipality.page.locator('#message-body').fill('ご応募ありがとうございます。ぜひお話を伺いたいです。');
    await municipality.page.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => messages(company.page).last().textContent()).toContain('ぜひお話を伺いたい');
    await company.page.locator('#message-body').fill('ありがとうございます。来月から着任できます。');
    await company.page.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => messages(municipality.page).last().textContent()).toContain('来月から着任');
    await check(company.page, '07-chat-company');

    await municipality.page.getByRole('button', { name: '対話を始める' }).click();
    await expect.poll(() => company.page.locator('[data-kind="system"]').last().textContent()).toContain('対話中');
    await municipality.page.getByRole('button', { name: '合意する' }).click();
    await expect.poll(() => company.page.locator('[data-kind="system"]').last().textContent(), { timeout: 15_000 }).toContain('合意');
    await check(municipality.page, '08-agreed');
    const state = await e2e.server.db.selectFrom('applications').select('state').where('id', '=', Number(applicationPath.split('/').pop())).executeTakeFirstOrThrow();
    expect(state.state).toBe('agreed');

    await municipality.page.goto(`${applicationPath}/agreement`);
    await check(municipality.page, '09-agreement');
    await company.context.close();
    await municipality.context.close();
  });

  it('they complete the agreement, both approve it, record the conclusion and download the .docx and PDF', async () => {
    const path = `${applicationPath}/agreement`;

    const town = await e2e.signedIn('municipality');
    await town.page.goto(path);
    await town.page.getByRole('button', { name: /の作成を始める$/ }).click();
    await expect.poll(() => town.page.getByTestId('application-state').textContent()).toBe('協定/契約準備');
    await completeDispatchDraft(town.page);
    expect(await town.page.getByTestId('check-ok').count()).toBe(1);
    await check(town.page, '10-agreement-draft');
    await town.page.getByRole('button', { name: '版2の内容に合意する' }).click();
    await expect.poll(() => town.page.getByTestId('approvals').textContent()).toContain('合意済');

    const firm = await e2e.signedIn('company');
    await firm.page.goto(path);
    await agreeAndConclude(firm.page);
    const pdf = await download(firm.page, 'PDF');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await check(firm.page, '11-agreement-concluded');
    await town.context.close();
    await firm.context.close();
  });

  it('the ministry viewer sees the concluded match on the monitoring dashboard', async () => {
    const concluded = await e2e.server.db.selectFrom('applications').select('id').where('state', '=', 'concluded').execute();
    expect(concluded).toHaveLength(1);
    const { context, page } = await e2e.signedIn('ministry');
    await page.goto('/monitoring');
    await page.getByRole('button', { name: '今すぐ集計し直す' }).click();
    // One concluded match: counted, and shown under the small-cell rule rather than as an exact 1.
    await expect.poll(() => page.locator('[data-kpi="concluded"] dd').textContent()).toBe('3未満');
    await check(page, '12-monitoring');
    await context.close();
  });
});
