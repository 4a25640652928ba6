import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, DESKTOP, expectRefusal, hydrated, overflowsHorizontally, PHONE, screenshots } from '../helpers/browser';
import { seededBrowser } from '../helpers/seeded-browser';

/*
 * The individual profile in the browser, on a phone and on a desktop, with and without JavaScript:
 * a wrong career row is reported with everything typed kept, the saved profile and the uploaded
 * photo are what a municipality then reads on the individual's page.
 */
const e2e = seededBrowser({ steps: ['accounts'] });
let orgPath: string;
let photoFile: string;

beforeAll(async () => {
  const org = await e2e.server.db.selectFrom('organisations').select('id').where('slug', '=', 'ind-sato-haruka').executeTakeFirstOrThrow();
  orgPath = `/orgs/${org.id}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'km-profile-'));
  photoFile = path.join(dir, 'portrait.png');
  await writeFile(photoFile, await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer());
});

describe.each([
  { javaScript: true, viewport: PHONE, name: 'JavaScript, 360 px' },
  { javaScript: false, viewport: PHONE, name: 'no JavaScript, 360 px' },
  { javaScript: true, viewport: DESKTOP, name: 'JavaScript, 1280 px' },
])('the profile editor ($name)', ({ javaScript, viewport, name }) => {
  it('keeps what was typed when a career row is incomplete, saves it, and shows it with the photo to a municipality', async () => {
    // A ward is registered as its city (only the city is shown).
    const [residence, shownResidence] = javaScript ? ['長野県松本市', '長野県松本市'] : ['北海道札幌市中央区', '北海道札幌市'];
    const { context, page } = await e2e.signedIn('individual', viewport, { javaScriptEnabled: javaScript });
    await page.goto('/settings/profile');
    if (javaScript) expect(await hydrated(page)).toBe(true);
    expect(await overflowsHorizontally(page), 'the editor scrolls sideways').toBe(false);

    await page.getByLabel('お住まいの市区町村').fill(residence);
    await page.getByLabel('スキル・得意分野').fill(`観光DX、データ分析（${name}）`);
    await page.getByLabel('職歴1：勤務先').fill('株式会社東京テックパートナーズ');
    await page.getByLabel('職歴1：役職・仕事').fill('プロダクトマネージャー');
    await page.getByLabel('職歴1：開始年').fill('');
    await page.getByLabel('月の稼働日数').fill('8');
    await page.getByLabel('月の稼働時間').fill('40');
    // The start year of a filled career row is missing: the answer (400) names it and keeps every field.
    expectRefusal('/settings/profile');
    await page.getByRole('button', { name: 'プロフィールを保存する' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('職歴1の開始年を入力してください。');
    expect(await page.getByLabel('職歴1：勤務先').inputValue()).toBe('株式会社東京テックパートナーズ');
    expect(await page.getByLabel('スキル・得意分野').inputValue()).toContain(name);
    expect(await page.getByLabel('月の稼働時間').inputValue()).toBe('40');

    await page.getByLabel('職歴1：開始年').fill('2018');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('saved') === 'profile'), page.getByRole('button', { name: 'プロフィールを保存する' }).click()]);
    await page.getByText('プロフィールを保存しました。').waitFor();

    await page.getByLabel('写真のファイル').setInputFiles(photoFile);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('saved') === 'photo'), page.getByRole('button', { name: '写真を登録する' }).click()]);
    await page.getByText('写真を登録しました。').waitFor();
    const own = page.getByRole('img', { name: '登録している写真' });
    expect(await own.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(400);
    expect(await overflowsHorizontally(page)).toBe(false);
    // axe runs as a page script: checked with JavaScript (the markup is the same without).
    if (javaScript) expect(await checkA11y(page)).toEqual([]);
    await screenshots(page, `profile-editor-${javaScript ? 'js' : 'nojs'}-${viewport.width}`);
    await context.close();

    const reader = await e2e.signedIn('municipality', viewport, { javaScriptEnabled: javaScript });
    await reader.page.goto(orgPath);
    const profile = reader.page.getByTestId('individual-profile');
    const text = await profile.textContent();
    expect(text).toContain(shownResidence);
    expect(text).toContain(`観光DX、データ分析（${name}）`);
    expect(text).toContain('株式会社東京テックパートナーズ');
    const photo = profile.getByRole('img', { name: /さんの写真$/ });
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(400);
    expect(await overflowsHorizontally(reader.page)).toBe(false);
    await reader.context.close();
  });
});
