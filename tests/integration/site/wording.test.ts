import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS } from '../../../app/domain/audit';
import { audit } from '../../../app/services/audit.server';
import { sendMail } from '../../../app/services/mail.server';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { startSeededServer, type TestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/* What a signed-in person reads: names said once, the audit log in words, dates in one style. */

let server: TestServer;
beforeAll(async () => {
  server = await startSeededServer({}, ['accounts']);
});
afterAll(() => server?.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const visible = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/<!-- -->/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');

const signedIn = (email: string, password: string) => Client.signedIn(server.url, email, password);

describe('names', () => {
  it('the header names an individual once and the ministry without 「総務省・総務省」', async () => {
    const individual = visible(await (await (await signedIn('individual@example.jp', DEMO_PASSWORDS.individual)).get('/settings')).text());
    expect(individual).toContain('佐藤 遥（個人）');
    expect(individual).not.toContain('佐藤 遥・佐藤 遥');
    const ministry = visible(await (await (await signedIn('ministry@example.jp', DEMO_PASSWORDS.ministry)).get('/settings')).text());
    expect(ministry).toContain('（総務省 地域力創造グループ 地域自立応援課）');
    expect(ministry).not.toContain('総務省・総務省');
  });
});

describe('the audit log', () => {
  it('shows every action by its Japanese label, the record by its name and the details as labelled words: no codes, JSON or ids', async () => {
    const operator = await signedIn('operator@example.jp', DEMO_PASSWORDS.operator);
    const org = await server.db.selectFrom('organisations').select(['id', 'name']).where('name', '=', '佐藤 遥').executeTakeFirstOrThrow();
    const user = await server.db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', 'individual@example.jp').executeTakeFirstOrThrow();
    const actor = { id: user.id, organisationId: user.organisation_id, email: 'individual@example.jp' };
    await audit(server.db, { actor, action: 'organisation.edit', targetType: 'organisation', targetId: org.id, ip: '192.0.2.1', details: { invitation: crypto.randomUUID(), slotId: crypto.randomUUID(), consents: ['terms-2026-12-06'], valid: true } });
    await audit(server.db, { actor, action: 'application.slots', targetType: 'organisation', targetId: org.id, ip: '192.0.2.1', details: { slots: [crypto.randomUUID(), crypto.randomUUID()] } });
    await audit(server.db, { actor, action: 'user.suspend', targetType: 'user', targetId: user.id, ip: '192.0.2.1', details: { reason: '規約違反', suspendedAt: '2026-12-07T04:15:00.000Z' } });

    const res = await operator.get('/admin/audit');
    expect(res.status).toBe(200);
    const html = await res.text();
    const table = visible(html.slice(html.indexOf('<table'), html.indexOf('</table>')));
    expect(table).toContain('ログイン');
    expect(table).toContain('団体情報の変更');
    expect(table).toContain('団体：佐藤 遥');
    expect(table).toContain('同意した版：terms-2026-12-06');
    expect(table).toContain('入力の完備：はい');
    expect(table).toContain('候補日時の数：2件');
    expect(table).toContain('利用停止');
    expect(table).toContain('停止日時：令和8年12月7日 13:15');
    expect(table).toContain('佐藤 遥（individual@example.jp）');
    expect(table).not.toMatch(UUID);
    expect(table).not.toContain('{');
    for (const code of ['auth.login', 'organisation.edit', 'user.suspend']) expect(table).not.toContain(code);
  });

  it('filters by a labelled action group', async () => {
    const operator = await signedIn('operator@example.jp', DEMO_PASSWORDS.operator);
    const html = await (await operator.get('/admin/audit?action=auth.')).text();
    expect(html).toContain(`<option value="auth.login">${AUDIT_ACTION_LABELS['auth.login']}</option>`);
    const table = visible(html.slice(html.indexOf('<table'), html.indexOf('</table>')));
    expect(table).toContain('ログイン');
    expect(table).not.toContain('団体情報の変更');
  });
});

describe('dates', () => {
  it('the mail viewer writes the sending time as the inbox does (令和, Japan time), not as an RFC 2822 header', async () => {
    await sendMail(server.services.config, { to: 'someone@example.jp', subject: '日付の確認', text: '本文' });
    const operator = await signedIn('operator@example.jp', DEMO_PASSWORDS.operator);
    const list = visible(await (await operator.get('/dev/mail')).text());
    expect(list).toMatch(/令和\d+年\d+月\d+日 \d{1,2}:\d{2}/);
    expect(list).not.toMatch(/(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d/);
    const file = (await operator.get('/dev/mail').then((r) => r.text())).match(/\/dev\/mail\/([\w-]+\.eml)/)![1];
    const one = visible(await (await operator.get(`/dev/mail/${file}`)).text());
    expect(one).toMatch(/日時令和\d+年\d+月\d+日 \d{1,2}:\d{2}/);
  });
});
