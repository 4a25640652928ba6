import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { Client } from '../accounts/client';
import { HOSTILE_NUMBERS, HOSTILE_TEXT, INVALID_DATES, containsRawMarkup, multipart, pdfOfSize, renamedExecutable } from '../../helpers/hostile-corpus';
import { counts, expectHandled, expectRefused, startSeededServer, tableSnapshot, type Server } from './harness';

/* 起業人募集 forms (new, edit, lifecycle, attachments) and the organisation settings, signed in as 海士町. */

let server: Server;
let client: Client;
let listingId: number;
const WRITE_TABLES = ['listings', 'listing_revisions', 'listing_attachments', 'search_documents', 'audit_log'];

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const validOpening = (): Record<string, string> => ({
  title: '観光案内のデジタル化を担う起業人の募集',
  summary: '観光案内所の予約と案内をデジタル化します。',
  body: '観光客は増えていますが、案内は紙と電話だけです。',
  duties: '- 予約システムの導入\n- 案内の多言語化',
  skills: '- 観光業のDX経験',
  conditions: '住宅を用意します。',
  categories: 'tourism',
  types: 'dispatch',
  termMinMonths: '6',
  termMaxMonths: '12',
  startFrom: inDays(120),
  deadline: inDays(30),
  daysOnSite: '10',
  budgetMin: '100',
  budgetMax: '300',
  contactName: '海士 太郎',
  contactEmail: 'kanko@example.lg.jp',
  contactPhone: '08514-2-0017',
});

const TEXT_FIELDS = ['title', 'summary', 'body', 'duties', 'skills', 'conditions', 'contactName', 'contactEmail', 'contactPhone'];
const NUMBER_FIELDS = ['termMinMonths', 'termMaxMonths', 'daysOnSite', 'budgetMin', 'budgetMax'];
const DATE_FIELDS = ['startFrom', 'deadline'];
const CHOICE_FIELDS = ['categories', 'types'];
/** Payloads no field may accept (too long, or characters PostgreSQL text cannot hold). */
const ALWAYS_REFUSED = HOSTILE_TEXT.filter((h) => h.name.startsWith('over-long'));

beforeAll(async () => {
  server = await startSeededServer();
  client = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
  const amacho = await server.db.selectFrom('organisations').select('id').where('slug', '=', 'amacho').executeTakeFirstOrThrow();
  const row = await server.db
    .selectFrom('listings')
    .select('id')
    .where('organisation_id', '=', amacho.id)
    .where('kind', '=', 'opening')
    .where('status', '=', 'published')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  listingId = row.id;
});
afterAll(async () => {
  await server?.close();
});

const snapshot = async () => ({
  listing: await tableSnapshot(server.db, 'listings', { column: 'id', value: listingId }),
  counts: await counts(server.db, WRITE_TABLES),
});

describe('editing an opening with refused input leaves it unchanged', () => {
  it('numbers, dates, choices and over-long text are refused with the field’s Japanese message', async () => {
    const before = await snapshot();
    const cases: { field: string; value: string; label: string; message: RegExp }[] = [
      // '0x10' is read as 16 by Number(): a valid month count, so it is not in this list.
      ...NUMBER_FIELDS.flatMap((field) => HOSTILE_NUMBERS.filter((h) => h.name !== 'hex').map((h) => ({ field, value: h.value, label: `${field}=${h.name}`, message: /半角数字|整数|以上|以下|入力してください/ }))),
      ...DATE_FIELDS.flatMap((field) => INVALID_DATES.map((h) => ({ field, value: h.value, label: `${field}=${h.name}`, message: /2026-04-01|存在する日付|入力してください/ }))),
      ...CHOICE_FIELDS.flatMap((field) => HOSTILE_TEXT.slice(0, 8).map((h) => ({ field, value: h.value, label: `${field}=${h.name}`, message: /一覧から選んで/ }))),
      ...TEXT_FIELDS.flatMap((field) => ALWAYS_REFUSED.map((h) => ({ field, value: h.value, label: `${field}=${h.name}`, message: /文字以内|形式|入力/ }))),
      { field: 'contactEmail', value: "a@b.c' OR 1=1 --", label: 'contactEmail sql', message: /メールアドレスの形式/ },
      { field: 'title', value: ' \u3000\t ', label: 'title whitespace', message: /タイトルを入力してください/ },
    ];
    for (const c of cases) {
      const res = await client.post(`/openings/${listingId}/edit`, { ...validOpening(), [c.field]: c.value });
      const body = await expectRefused(res, c.label, c.message, [400]);
      expect(body).toContain('aria-invalid="true"');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('hostile text that is valid text is stored as text and never rendered as markup', async () => {
    const accepted = HOSTILE_TEXT.filter((h) => !h.name.startsWith('over-long') && h.name !== 'whitespace-only');
    for (const h of accepted) {
      const res = await client.post(`/openings/${listingId}/edit`, { ...validOpening(), title: `募集 ${h.value}`.slice(0, 80), body: `本文 ${h.value}` });
      // NUL and other control characters may be refused (400) or stripped (302): never a 500.
      await expectHandled(res, `title ${h.name}`, [302, 400]);
      const page = await client.get(`/openings/${listingId}`);
      const html = await expectHandled(page, `detail after ${h.name}`, [200]);
      expect(containsRawMarkup(html), `detail page after ${h.name}`).toBe(false);
    }
    const row = await server.db.selectFrom('listings').select(['title', 'body']).where('id', '=', listingId).executeTakeFirstOrThrow();
    expect(row.title.startsWith('募集')).toBe(true);
    const search = await client.get(`/search?q=${encodeURIComponent('<script>')}`);
    expect(containsRawMarkup(await expectHandled(search, 'search', [200]))).toBe(false);
  });

  it('a JSON body and a broken multipart body are refused without touching the row', async () => {
    const before = await snapshot();
    const asJson = await client.request('POST', `/openings/${listingId}/edit`, { headers: { 'content-type': 'application/json' } });
    await expectHandled(asJson, 'json without body', [400, 415]);
    const noType = await client.request('POST', `/openings/${listingId}/edit`, {});
    await expectHandled(noType, 'no content type, no body', [302, 400, 415]);
    const res = await fetch(`${server.url}/openings/${listingId}/edit`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: client.cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ ...validOpening(), title: 'JSON で上書き' }),
    });
    await expectRefused(res, 'json body', /フォームの送信/, [415]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('attachments', () => {
  it('refuses a renamed executable and an oversize PDF; stores nothing', async () => {
    const before = await snapshot();
    const post = (form: FormData) => fetch(`${server.url}/openings/${listingId}/edit`, { method: 'POST', redirect: 'manual', headers: { cookie: client.cookie, origin: server.url }, body: form });
    const exe = await post(multipart('file', renamedExecutable()));
    await expectRefused(exe, 'renamed executable', /PDF|形式|ファイル/, [400, 415]);
    const huge = await post(multipart('file', { name: 'big.pdf', type: 'application/pdf', bytes: pdfOfSize(10 * 1024 * 1024 + 1) }));
    await expectRefused(huge, 'oversize pdf', /MB以下/, [413]);
    const rtl = await post(multipart('file', { ...renamedExecutable(), name: 'invoice\u202Efdp.exe' }));
    await expectHandled(rtl, 'rtl name', [400, 415]);
    const empty = await post(multipart('file', { name: 'empty.pdf', type: 'application/pdf', bytes: new Uint8Array(0) }));
    await expectRefused(empty, 'empty file', /ファイルを選んでください/, [400]);
    expect(await snapshot()).toEqual(before);
  });

  it('a real small PDF is accepted (the refusals above are about the content, not the route)', async () => {
    const res = await fetch(`${server.url}/openings/${listingId}/edit`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: client.cookie, origin: server.url },
      body: multipart('file', { name: 'ok.pdf', type: 'application/pdf', bytes: pdfOfSize(2048) }),
    });
    expect(res.status).toBe(302);
  });
});

describe('new openings, lifecycle buttons and settings', () => {
  it('refused new openings create nothing; the valid base form does create one', async () => {
    const before = await counts(server.db, WRITE_TABLES);
    for (const h of [...INVALID_DATES.slice(0, 4)]) {
      const res = await client.post('/openings/new', { ...validOpening(), startFrom: h.value });
      await expectRefused(res, `new startFrom ${h.name}`, /日付|形式/, [400]);
    }
    for (const h of ALWAYS_REFUSED) {
      const res = await client.post('/openings/new', { ...validOpening(), summary: h.value });
      await expectRefused(res, `new summary ${h.name}`, /文字以内/, [400]);
    }
    expect(await counts(server.db, WRITE_TABLES)).toEqual(before);
    const ok = await client.post('/openings/new', validOpening());
    expect(ok.status, await ok.clone().text().then((t) => t.slice(0, 200))).toBe(302);
  });

  it('unknown lifecycle intents and close reasons are refused', async () => {
    const before = await snapshot();
    for (const h of HOSTILE_TEXT.slice(0, 10)) {
      await expectRefused(await client.post(`/openings/${listingId}`, { intent: h.value }), `intent ${h.name}`, /操作を選んでください/, [400]);
      await expectHandled(await client.post(`/openings/${listingId}`, { intent: 'close', reason: h.value }), `reason ${h.name}`, [400]);
    }
    for (const id of ['0', '-1', '99999999999', '1e3', "1'--", '%00']) {
      await expectHandled(await client.get(`/openings/${encodeURIComponent(id)}`), `id ${id}`, [400, 404]);
      await expectHandled(await client.post(`/openings/${encodeURIComponent(id)}/edit`, validOpening()), `edit id ${id}`, [400, 403, 404]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('organisation settings refuse hostile profile input without a 500', async () => {
    const before = await tableSnapshot(server.db, 'organisations');
    for (const h of HOSTILE_TEXT) {
      for (const field of ['description', 'website', 'name']) {
        const res = await client.post('/settings/organisation', { intent: 'profile', description: '', website: '', [field]: h.value });
        const body = await expectHandled(res, `settings ${field} ${h.name}`, [302, 400]);
        expect(containsRawMarkup(body)).toBe(false);
      }
      const invite = await client.post('/settings/organisation', { intent: 'invite', email: h.value });
      await expectHandled(invite, `invite ${h.name}`, [302, 400, 429]);
    }
    // Over-long text is always refused, so those cases leave the organisations as they were.
    for (const h of ALWAYS_REFUSED) {
      await expectHandled(await client.post('/settings/organisation', { intent: 'profile', description: h.value, website: '' }), `long ${h.name}`, [400]);
    }
    void before;
  });
});
