import { it } from 'vitest';
import { DEMO_PASSWORDS } from '../../db/seed/accounts';
import { seedSteps } from '../../db/seed';
import { launchBrowser, loginAs, newPage } from '../helpers/browser';
import { startTestServer } from '../helpers/server';

it('debug', async () => {
  const server = await startTestServer();
  for (const step of seedSteps.filter((s) => ['accounts', 'listings'].includes(s.name))) await step.run(server.db);
  const browser = await launchBrowser();
  const { page } = await newPage(browser, server.url);
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  page.on('response', (r) => console.log('resp', r.status(), r.url()));
  await loginAs(page, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
  console.log('after login', page.url());
  await page.goto('/openings/new');
  await page.getByLabel('タイトル').fill('空き家');
  await page.getByRole('button', { name: '下書き保存' }).click();
  await page.waitForTimeout(3000);
  console.log('url', page.url(), (await page.content()).slice(0, 300));
  console.log((await page.locator('main').innerText()).slice(0, 500));
  await browser.close();
  await server.close();
}, 120000);
