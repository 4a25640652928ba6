import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { startSeededServer, type TestServer } from '../../helpers/server';
import { Client } from './client';

/*
 * An individual's profile: edited without JavaScript at /settings/profile, read by municipalities on
 * /orgs/:id, never by anonymous visitors or companies; the photo judged by content, re-encoded
 * without its metadata and served only to those readers.
 */

let server: TestServer;
let orgId: string;
beforeAll(async () => {
  server = await startSeededServer({}, ['accounts', 'listings']);
  orgId = (await server.db.selectFrom('organisations').select('id').where('slug', '=', 'ind-sato-haruka').executeTakeFirstOrThrow()).id;
});
afterAll(() => server?.close());

const visible = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<!-- -->/g, '');
async function as(email: string, password: string) {
  const c = await Client.signedIn(server.url, email, password);
  return c;
}
const individual = () => as('individual@example.jp', DEMO_PASSWORDS.individual);
const municipality = () => as('municipality@example.jp', DEMO_PASSWORDS.municipality);

const PROFILE = {
  residence: '長野県松本市',
  skills: '自治体DX、データ分析',
  career1Employer: '株式会社東京テックパートナーズ',
  career1Role: 'プロダクトマネージャー',
  career1From: '2018',
  career1To: '',
  career2Employer: '松本市役所',
  career2Role: '情報政策課',
  career2From: '2010',
  career2To: '2018',
  daysPerMonth: '8',
  hoursPerMonth: '40',
  onsiteFrequency: 'monthly',
  availableFrom: '2027-04-01',
};

function postPhoto(c: Client, bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.set('intent', 'upload-photo');
  form.set('photo', new File([new Uint8Array(bytes)], name, { type }));
  return fetch(`${server.url}/settings/profile`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: c.cookie, origin: server.url } });
}

describe('the individual profile', () => {
  it('is saved from the plain form and shown to a municipality, never to anonymous visitors or companies', async () => {
    const me = await individual();
    const saved = await me.post('/settings/profile', PROFILE);
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe('/settings/profile?saved=profile');

    const page = visible(await (await (await municipality()).get(`/orgs/${orgId}`)).text());
    for (const text of ['長野県松本市', '自治体DX、データ分析', '2018年〜現在', '株式会社東京テックパートナーズ', '（プロダクトマネージャー）', '2010年〜2018年', '月8日・40時間程度', '月に1回程度', '令和9年4月1日から']) {
      expect(page).toContain(text);
    }
    const anonymous = visible(await (await new Client(server.url).get(`/orgs/${orgId}`)).text());
    expect(anonymous).toContain('佐藤 遥');
    for (const text of ['長野県松本市', '自治体DX', '（プロダクトマネージャー）', 'individual-profile']) expect(anonymous).not.toContain(text);
    const anonymousData = await (await new Client(server.url).get(`/orgs/${orgId}?_data=routes%2Forgs.%24id`)).text();
    expect(anonymousData).not.toContain('長野県松本市');
    const company = visible(await (await (await as('company@example.jp', DEMO_PASSWORDS.company)).get(`/orgs/${orgId}`)).text());
    expect(company).not.toContain('自治体DX');

    const form = visible(await (await me.get('/settings/profile')).text());
    expect(form).toContain('value="株式会社東京テックパートナーズ"');
  });

  it('is shown beside the individual\'s solution to a municipality deciding on a scout, not to companies or anonymous visitors', async () => {
    const me = await individual();
    expect((await me.post('/settings/profile', PROFILE)).status).toBe(302);
    const solution = await server.db.selectFrom('listings').select(['id', 'title']).where('organisation_id', '=', orgId).where('kind', '=', 'solution').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const path = `/solutions/${solution.id}`;
    const page = visible(await (await (await municipality()).get(path)).text());
    expect(page).toContain('data-testid="individual-profile"');
    for (const text of ['長野県松本市', '自治体DX、データ分析', '株式会社東京テックパートナーズ', '月8日・40時間程度']) expect(page).toContain(text);
    for (const reader of [new Client(server.url), await as('company@example.jp', DEMO_PASSWORDS.company)]) {
      const html = await (await reader.get(path)).text();
      expect(html).toContain(solution.title);
      for (const text of ['individual-profile', '長野県松本市', '月8日・40時間程度']) expect(html).not.toContain(text);
    }
  });

  it('reports every problem at once in field order and keeps what was typed', async () => {
    const me = await individual();
    const res = await me.post('/settings/profile', { ...PROFILE, residence: '存在しない市', career1From: '', career2To: '2005', daysPerMonth: '40', career3Role: '顧問' });
    expect(res.status).toBe(400);
    const html = visible(await res.text());
    const summary = html.slice(html.indexOf('role="alert"'), html.indexOf('</ul>', html.indexOf('role="alert"')));
    const order = ['お住まいの市区町村', '職歴1：開始年', '職歴2：終了年', '職歴3：勤務先', '月の稼働日数'];
    const positions = order.map((label) => summary.indexOf(label));
    expect(positions.every((p) => p >= 0), `${summary}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('value="存在しない市"');
    expect(html).toContain('value="顧問"');
  });

  it('keeps an uploaded photo only as a 400×400 WebP without EXIF/GPS, served to a municipality with safe headers and to no one else', async () => {
    const me = await individual();
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3366aa' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'TestCam', Copyright: 'secret-owner' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 40/1 0/1' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const up = await postPhoto(me, jpeg, 'me.jpg', 'image/jpeg');
    expect(up.status).toBe(302);

    const page = await (await (await municipality()).get(`/orgs/${orgId}`)).text();
    const src = page.match(/src="(\/orgs\/[^"]+\/photo\?v=\d+)"/)?.[1];
    expect(src).toBeTruthy();
    const photo = await (await municipality()).get(src!.replace('&amp;', '&'));
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/webp');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(photo.headers.get('cache-control')).toMatch(/private/);
    const bytes = Buffer.from(await photo.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 400, 400]);
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('secret-owner'))).toBe(false);

    expect((await new Client(server.url).get(src!)).status).toBe(404);
    expect((await (await as('company@example.jp', DEMO_PASSWORDS.company)).get(src!)).status).toBe(404);
  });

  it('refuses a file that is not a JPEG, PNG or WebP by its content, whatever its name', async () => {
    const me = await individual();
    const res = await postPhoto(me, new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'photo.jpg', 'image/jpeg');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('写真はJPEG・PNG・WebPの画像にしてください');
  });
});
