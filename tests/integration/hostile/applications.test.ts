import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { Client } from '../accounts/client';
import { HOSTILE_TEXT, INVALID_DATES, containsRawMarkup, multipart, pdfOfSize, renamedExecutable } from '../../helpers/hostile-corpus';
import { counts, expectHandled, expectRefused, startSeededServer, type Server } from './harness';

/* Applying, the conversation form (messages, states, interview slots) and the agreement form. */

let server: Server;
let company: Client;
let municipality: Client;
let openingId: number;
let applicationId: number;
const TABLES = ['applications', 'application_events', 'messages', 'message_attachments', 'interview_slots', 'audit_log'];

beforeAll(async () => {
  server = await startSeededServer();
  company = await Client.signedIn(server.url, 'company@example.jp', DEMO_PASSWORDS.company);
  municipality = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
  const amacho = await server.db.selectFrom('organisations').select('id').where('slug', '=', 'amacho').executeTakeFirstOrThrow();
  const mirai = await server.db.selectFrom('organisations').select('id').where('slug', '=', 'mirai-chiiki').executeTakeFirstOrThrow();
  const taken = server.db.selectFrom('applications').select('listing_id').where('applicant_organisation_id', '=', mirai.id);
  const row = await server.db
    .selectFrom('listings')
    .select('id')
    .where('organisation_id', '=', amacho.id)
    .where('kind', '=', 'opening')
    .where('status', '=', 'published')
    .where('id', 'not in', taken)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  openingId = row.id;
});
afterAll(async () => {
  await server?.close();
});

describe('applying with hostile input', () => {
  it('refuses a bad 類型 or message with Japanese messages and creates nothing; then a valid application works', async () => {
    const before = await counts(server.db, TABLES);
    for (const h of HOSTILE_TEXT) {
      await expectRefused(await company.post(`/openings/${openingId}/apply`, { programType: h.value, message: '応募します。' }), `programType ${h.name}`, /類型を選んでください/, [400]);
    }
    for (const h of HOSTILE_TEXT.filter((x) => x.name.startsWith('over-long') || x.name === 'whitespace-only' || x.name === 'nul')) {
      await expectHandled(await company.post(`/openings/${openingId}/apply`, { programType: 'dispatch', message: h.value }), `message ${h.name}`, [400]);
    }
    expect(await counts(server.db, TABLES)).toEqual(before);
    const ok = await company.post(`/openings/${openingId}/apply`, { programType: 'dispatch', message: '<script>alert("xss")</script> 応募します。' });
    expect(ok.status).toBe(302);
    applicationId = Number(/\/applications\/(\d+)/.exec(ok.headers.get('location') ?? '')![1]);
    const page = await company.get(`/applications/${applicationId}`);
    expect(containsRawMarkup(await expectHandled(page, 'application page', [200]))).toBe(false);
  });
});

describe('the conversation form', () => {
  it('refuses hostile intents, states, client keys, slot dates and over-long messages; nothing is written', async () => {
    const before = await counts(server.db, TABLES);
    const path = `/applications/${applicationId}`;
    for (const h of HOSTILE_TEXT.slice(0, 12)) {
      await expectHandled(await company.post(path, { intent: h.value, body: 'x', clientKey: crypto.randomUUID() }), `intent ${h.name}`, [400]);
      await expectHandled(await municipality.post(path, { intent: 'state', to: h.value }), `state ${h.name}`, [400]);
      await expectHandled(await company.post(path, { intent: 'message', body: 'x', clientKey: h.value }), `clientKey ${h.name}`, [400]);
    }
    for (const d of INVALID_DATES) {
      const res = await municipality.post(path, { intent: 'slots', slotStart: d.value, slotEnd: d.value, location: 'オンライン' });
      await expectHandled(res, `slot ${d.name}`, [400, 403, 409]);
    }
    for (const h of HOSTILE_TEXT.filter((x) => x.name.startsWith('over-long'))) {
      await expectRefused(await company.post(path, { intent: 'message', body: h.value, clientKey: crypto.randomUUID() }), `body ${h.name}`, /文字以内/, [400]);
    }
    // Moving a state the other side owns, or to an unknown/terminal state without a reason.
    await expectHandled(await company.post(path, { intent: 'state', to: 'concluded' }), 'company concludes', [400, 403, 409]);
    await expectHandled(await municipality.post(path, { intent: 'state', to: 'declined', reason: '' }), 'decline without reason', [400, 409]);
    await expectHandled(await company.post(path, { intent: 'accept', slotId: "1' OR 1=1" }), 'accept sql', [400]);
    expect(await counts(server.db, TABLES)).toEqual(before);
  });

  it('refuses a renamed executable and an oversize file in chat; a NUL body is refused, not a 500', async () => {
    const before = await counts(server.db, TABLES);
    const post = (form: FormData) => fetch(`${server.url}/applications/${applicationId}`, { method: 'POST', redirect: 'manual', headers: { cookie: company.cookie, origin: server.url }, body: form });
    const exe = await post(multipart('files', renamedExecutable(), { intent: 'message', body: '資料です', clientKey: crypto.randomUUID() }));
    await expectHandled(exe, 'chat exe', [400, 415]);
    const huge = await post(multipart('files', { name: 'big.pdf', type: 'application/pdf', bytes: pdfOfSize(10 * 1024 * 1024 + 1) }, { intent: 'message', body: '資料です', clientKey: crypto.randomUUID() }));
    await expectRefused(huge, 'chat oversize', /MB以下/, [400, 413]);
    const nul = await company.post(`/applications/${applicationId}`, { intent: 'message', body: 'a\u0000b', clientKey: crypto.randomUUID() });
    await expectHandled(nul, 'chat nul', [302, 400]);
    const after = await counts(server.db, TABLES);
    expect(after.message_attachments).toBe(before.message_attachments);
  });

  it('a resend with the same client key stores one message', async () => {
    const key = crypto.randomUUID();
    const before = await counts(server.db, ['messages']);
    for (let i = 0; i < 3; i++) expect((await company.post(`/applications/${applicationId}`, { intent: 'message', body: '同じ送信です', clientKey: key })).status).toBe(302);
    expect((await counts(server.db, ['messages'])).messages).toBe(before.messages + 1);
  });
});

describe('the agreement form', () => {
  it('hostile intents and dates on the agreement page never cause a 500', async () => {
    const path = `/applications/${applicationId}/agreement`;
    for (const h of [...HOSTILE_TEXT.slice(0, 10), ...INVALID_DATES]) {
      const forms: Record<string, string>[] = [{ intent: h.value }, { intent: 'save', draft: h.value, baseVersion: '1' }, { intent: 'conclude', concludedOn: h.value }, { intent: 'approve', version: h.value }];
      for (const form of forms) {
        await expectHandled(await municipality.post(path, form), `agreement ${JSON.stringify(form).slice(0, 60)}`, [302, 400, 403, 404, 409]);
      }
    }
  });
});
