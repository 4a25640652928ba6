import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../accounts/client';
import { HOSTILE_NUMBERS, HOSTILE_TEXT, INVALID_CORPORATE_NUMBERS, INVALID_DATES, INVALID_LG_CODES, containsRawMarkup, multipart, renamedExecutable } from '../../helpers/hostile-corpus';
import { counts, expectHandled, expectRefused, startSeededServer, type Server } from './harness';

/* Public pages and APIs (no account needed): log-in, sign-up, password reset, search, eligibility. */

let server: Server;
const ACCOUNT_TABLES = ['organisations', 'users', 'sessions', 'listings'];

beforeAll(async () => {
  server = await startSeededServer();
});
afterAll(async () => {
  await server?.close();
});

// A lone surrogate cannot be percent-encoded, so it is only sent in bodies.
const URL_SAFE = HOSTILE_TEXT.filter((h) => h.name !== 'lone-surrogate');
const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

describe('GET pages and the JSON API with hostile query strings', () => {
  it('search, listing indexes and the eligibility page never fail and never echo raw markup', async () => {
    const paths = ['/search?q=', '/search?kind=', '/search?category=', '/search?sort=', '/search?page=', '/openings?category=', '/openings?pref=', '/openings?page=', '/solutions?type=', '/eligibility?municipality=', '/eligibility?fy='];
    for (const p of paths) {
      for (const h of [...URL_SAFE, ...HOSTILE_NUMBERS]) {
        const res = await get(`${p}${encodeURIComponent(h.value)}`);
        const body = await expectHandled(res, `${p}${h.name}`, [200, 400, 404]);
        expect(containsRawMarkup(body), `${p}${h.name} echoed raw markup`).toBe(false);
      }
    }
  });

  it('/api/eligibility answers 400 JSON with a Japanese message for every bad parameter', async () => {
    const bad: [string, string][] = [
      ...INVALID_LG_CODES.map((c) => [`municipality=${encodeURIComponent(c.value)}&companyHq=101010&type=dispatch`, `lg ${c.name}`] as [string, string]),
      ...URL_SAFE.map((c) => [`municipality=${encodeURIComponent(c.value)}&companyHq=101010&type=dispatch`, `text ${c.name}`] as [string, string]),
      ...URL_SAFE.map((c) => [`municipality=325252&companyHq=101010&type=${encodeURIComponent(c.value)}`, `type ${c.name}`] as [string, string]),
      ...HOSTILE_NUMBERS.map((c) => [`municipality=325252&companyHq=101010&type=dispatch&fy=${encodeURIComponent(c.value)}`, `fy ${c.name}`] as [string, string]),
      ['', 'empty'],
      ['municipality=325252&municipality=014583&companyHq=101010&type=dispatch&fy=1999', 'fy before rules'],
    ];
    for (const [query, label] of bad) {
      const res = await get(`/api/eligibility?${query}`);
      // A few "hostile" municipality names still resolve (e.g. full-width text) — then 200 JSON is right.
      const body = await expectHandled(res, label, [200, 400]);
      if (res.status === 431 || res.status === 414) continue;
      expect(res.headers.get('content-type'), label).toMatch(/application\/json/);
      if (res.status === 400) {
        const data = JSON.parse(body) as { error: string; message: string };
        expect(data.error).toBe('invalid_query');
        expect(data.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
      // JSON may carry the query back verbatim: it is never rendered as HTML (JSON type, nosniff).
      expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
      void body;
    }
    // The lg-code list above must all be refused (none is a real municipality).
    for (const c of INVALID_LG_CODES) {
      const res = await get(`/api/eligibility?municipality=${encodeURIComponent(c.value)}&companyHq=101010&type=dispatch`);
      await expectRefused(res, `lg ${c.name}`, /invalid_query/, [400]);
    }
  });
});

describe('log-in and password reset', () => {
  it('refuses hostile credentials with a Japanese message and creates no session', async () => {
    const before = await counts(server.db, ACCOUNT_TABLES);
    const client = new Client(server.url);
    for (const h of HOSTILE_TEXT) {
      for (const form of [{ email: h.value, password: 'x' }, { email: 'municipality@example.jp', password: h.value }]) {
        const res = await client.post('/login', form);
        await expectHandled(res, `login ${h.name}`, [400, 401, 403, 429]);
      }
    }
    const res = await client.post('/login', { email: "' OR 1=1 --", password: "' OR 1=1 --" });
    await expectRefused(res, 'login sql', /メールアドレス/, [400, 401, 429]);
    expect(await counts(server.db, ACCOUNT_TABLES)).toEqual(before);
    expect(client.jar.size).toBe(0);
  });

  it('password reset refuses hostile addresses without a 500', async () => {
    const client = new Client(server.url);
    for (const h of HOSTILE_TEXT) {
      const res = await client.post('/password/forgot', { email: h.value });
      await expectHandled(res, `forgot ${h.name}`, [200, 400, 429]);
    }
  });
});

describe('sign-up forms', () => {
  const company = {
    companyName: '株式会社テスト', corporateNumber: '7010001088960', headOffice: '東京都千代田区', department: '地域事業部', website: '',
    phone: '03-1234-5678', name: '山田 太郎', email: 'new-company@example.jp', password: 'correct-horse-battery-2026', agree: 'on', consent: 'on',
  };
  const municipality = { municipality: '島根県 海士町', department: '企画財政課', phone: '08514-2-0017', name: '山田 花子', email: 'new-lg@example.jp', password: 'correct-horse-battery-2026', agree: 'on', consent: 'on' };

  it('an invalid 法人番号 is refused with its Japanese message and nothing is created', async () => {
    const before = await counts(server.db, ACCOUNT_TABLES);
    const client = new Client(server.url);
    for (const c of INVALID_CORPORATE_NUMBERS) {
      const res = await client.post('/signup/company', { ...company, corporateNumber: c.value });
      await expectRefused(res, `corporateNumber ${c.name}`, /法人番号/, [400, 429]);
    }
    expect(await counts(server.db, ACCOUNT_TABLES)).toEqual(before);
  });

  it('an invalid 全国地方公共団体コード or municipality name is refused and nothing is created', async () => {
    const before = await counts(server.db, ACCOUNT_TABLES);
    const client = new Client(server.url);
    for (const c of [...INVALID_LG_CODES, ...HOSTILE_TEXT.filter((h) => /xss|sql|over-long|nul|control/.test(h.name))]) {
      const res = await client.post('/signup/municipality', { ...municipality, municipality: c.value });
      await expectRefused(res, `municipality ${c.name}`, /自治体|市区町村|入力|見つかりません/, [400, 429]);
    }
    expect(await counts(server.db, ACCOUNT_TABLES)).toEqual(before);
  });

  it('hostile text in every company field never causes a 500', async () => {
    const client = new Client(server.url);
    const samples = HOSTILE_TEXT.filter((h) => /xss-script|sql-drop|over-long$|nul|rtl|lone|control/.test(h.name));
    for (const field of Object.keys(company)) {
      for (const h of samples) {
        const res = await client.post('/signup/company', { ...company, email: `x-${field}-${h.name}@example.jp`.slice(0, 60), [field]: h.value });
        const body = await expectHandled(res, `signup ${field} ${h.name}`, [302, 400, 429]);
        expect(containsRawMarkup(body)).toBe(false);
      }
    }
  });

  it('a JSON body, a wrong content type and a renamed executable are refused, not 500', async () => {
    const before = await counts(server.db, ACCOUNT_TABLES);
    const headers = { origin: server.url };
    const asJson = await fetch(`${server.url}/signup/company`, { method: 'POST', redirect: 'manual', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(company) });
    await expectHandled(asJson, 'signup json', [400, 415]);
    const asXml = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { ...headers, 'content-type': 'application/xml' }, body: '<email>a</email>' });
    await expectHandled(asXml, 'login xml', [400, 415]);
    const broken = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nbroken' });
    await expectHandled(broken, 'login broken multipart', [400, 415]);
    const exe = await fetch(`${server.url}/signup/municipality`, { method: 'POST', redirect: 'manual', headers, body: multipart('evidence', renamedExecutable(), municipality) });
    await expectHandled(exe, 'signup exe', [302, 400, 413, 415]);
    expect((await counts(server.db, ACCOUNT_TABLES)).users).toBeLessThanOrEqual(before.users + 1);
  });

  it('invalid dates are refused by the eligibility page’s fiscal year field', async () => {
    for (const d of INVALID_DATES) {
      const res = await get(`/eligibility?municipality=325252&companyHq=101010&type=dispatch&fy=${encodeURIComponent(d.value)}`);
      await expectHandled(res, `fy ${d.name}`, [200, 400]);
    }
  });
});
