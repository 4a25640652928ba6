import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../db/seed/accounts';
import { startTestServer } from '../../helpers/server';
import { Client, lastMailTo, linkIn } from './client';

let server: Awaited<ReturnType<typeof startTestServer>>;
const config = () => server.services.config;

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
});
afterAll(() => server?.close());

const auditActions = async (targetId: string) =>
  (await server.db.selectFrom('audit_log').select('action').where('target_id', '=', targetId).orderBy('id').execute()).map((r) => r.action);

describe('company sign-up → e-mail confirmation → operator approval', () => {
  const email = 'kanri@hokuriku-tech.example.jp';
  const form = {
    name: '北陸 一郎', email, password: 'snowy-mountain-2026', companyName: '北陸テック株式会社',
    corporateNumber: '３１２０００１２３４５６７', headOffice: '石川県金沢市', department: '経営企画部', phone: '076-000-0000', evidence: '公式サイト https://hokuriku-tech.example.jp/about に担当者として掲載', agree: 'on',
  };

  it('keeps the input (not the password) and shows Japanese errors next to the fields', async () => {
    const res = await new Client(server.url).post('/signup/company', { ...form, corporateNumber: '1234567890123', phone: 'abc' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('検査用数字が一致しません');
    expect(html).toContain('電話番号は市外局番から入力してください');
    expect(html).toMatch(/id="field-corporateNumber"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="北陸テック株式会社"');
    expect(html).not.toContain('snowy-mountain-2026');
  });

  it('creates a pending company with its class from the head office and mails a confirmation link', async () => {
    const corporateNumber = await validNumber('312000123456');
    const client = new Client(server.url);
    const res = await client.post('/signup/company', { ...form, corporateNumber: toFullWidth(corporateNumber) });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signup/sent?kind=company');
    const org = await server.db.selectFrom('organisations').selectAll().where('corporate_number', '=', corporateNumber).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ kind: 'company', status: 'pending', head_office_lg_code: '172014', company_class: 'B' });

    // Not confirmed yet: the password is right but log-in is refused with the reason.
    const early = await client.post('/login', { email, password: form.password });
    expect(early.status).toBe(403);
    expect(await early.text()).toContain('メールアドレスの確認が済んでいません');

    const mail = await lastMailTo(config(), email);
    expect(mail.subject).toBe('【起業人マッチ】メールアドレスの確認');
    const confirm = linkIn(mail, '/signup/confirm/');
    expect((await client.get(confirm)).status).toBe(200);
    const done = await client.post(confirm);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('運営者が登録内容を審査しています');
    expect((await client.post(confirm)).status).toBe(400);

    // Signed in but pending: settings yes, the organisation's tools no.
    await client.login(email, form.password);
    expect(await (await client.get('/settings')).text()).toContain('審査中');
    expect((await client.get('/settings/organisation')).status).toBe(403);

    // The operator sees the evidence in the queue and approves with a comment.
    const operator = await Client.signedIn(server.url, 'operator@example.jp', 'demo-operator-2026');
    const queue = await (await operator.get('/admin/approvals')).text();
    expect(queue).toContain('北陸テック株式会社');
    expect(queue).toContain('https://hokuriku-tech.example.jp/about');
    expect(queue).toContain(corporateNumber);
    const approve = await operator.post('/admin/approvals', { organisationId: org.id, decision: 'approve', reason: '法人番号と公式サイトを確認しました。' });
    expect(approve.status).toBe(302);
    const approved = await lastMailTo(config(), email);
    expect(approved.subject).toBe('【起業人マッチ】登録を承認しました');
    expect(approved.text).toContain('法人番号と公式サイトを確認しました。');

    expect((await client.get('/settings/organisation')).status).toBe(200);
    expect(await auditActions(org.id)).toEqual(['account.signup', 'organisation.approve']);
    const entry = await server.db.selectFrom('audit_log').selectAll().where('action', '=', 'organisation.approve').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_email: 'operator@example.jp', target_type: 'organisation' });
    expect(entry.ip).not.toBe('');
  });

  it('rejects with a reason that is e-mailed, and requires that reason', async () => {
    const operator = await Client.signedIn(server.url, 'operator@example.jp', 'demo-operator-2026');
    const pending = await server.db.selectFrom('organisations').select('id').where('slug', '=', 'pending-shoji').executeTakeFirstOrThrow();
    const noReason = await operator.post('/admin/approvals', { organisationId: pending.id, decision: 'reject', reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('却下する場合は理由を入力してください');
    const res = await operator.post('/admin/approvals', { organisationId: pending.id, decision: 'reject', reason: '確認資料のURLが開けませんでした。' });
    expect(res.status).toBe(302);
    const mail = await lastMailTo(config(), 'pending-shoji@example.jp');
    expect(mail.subject).toBe('【起業人マッチ】登録を承認できませんでした');
    expect(mail.text).toContain('確認資料のURLが開けませんでした。');
    const again = await operator.post('/admin/approvals', { organisationId: pending.id, decision: 'approve', reason: '' });
    expect(again.status).toBe(409);
  });
});

describe('municipality and individual sign-up', () => {
  it('refuses a municipality that already has an organisation and resolves names with the prefecture', async () => {
    const client = new Client(server.url);
    const base = { name: '隠岐 花子', email: 'oki@example.jp', password: 'island-breeze-2026', department: '総務課', phone: '08514-2-0000', evidence: '町の公式サイトの職員名簿', agree: 'on' };
    const dup = await client.post('/signup/municipality', { ...base, municipality: '島根県 海士町' });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('島根県海士町は既に登録されています');
    const ok = await client.post('/signup/municipality', { ...base, municipality: '島根県 西ノ島町' });
    expect(ok.status).toBe(302);
    expect(await server.db.selectFrom('organisations').select(['kind', 'status', 'lg_code']).where('slug', '=', 'muni-325261').executeTakeFirst()).toEqual({
      kind: 'municipality', status: 'pending', lg_code: '325261',
    });
  });

  it('approves an individual on confirmation, and tells a freelancer about 副業型', async () => {
    const client = new Client(server.url);
    const email = 'freelance@example.jp';
    const form = await client.get('/signup/individual');
    expect(form.status).toBe(200);
    const res = await client.post('/signup/individual', { name: '自由 業子', email, password: 'free-and-easy-2026', track: 'freelance', agree: 'on' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signup/sent?kind=individual&track=freelance');
    expect(await (await client.get(res.headers.get('location')!)).text()).toContain('副業型の対象になりません');
    const done = await client.post(linkIn(await lastMailTo(config(), email), '/signup/confirm/'));
    expect(await done.text()).toContain('副業型の対象になりません');
    await client.login(email, 'free-and-easy-2026');
    const settings = await (await client.get('/settings')).text();
    expect(settings).toContain('data-testid="freelance-notice"');
    expect(settings).not.toContain('審査中');
  });

  it('answers an already registered address like a new one and mails the owner instead', async () => {
    const client = new Client(server.url);
    const res = await client.post('/signup/individual', { name: '別人', email: 'individual@example.jp', password: 'another-person-2026', track: 'senior', employerName: '某社', employerHeadOffice: '大阪市', agree: 'on' });
    expect(res.status).toBe(302);
    const mail = await lastMailTo(config(), 'individual@example.jp');
    expect(mail.subject).toBe('【起業人マッチ】このメールアドレスは登録済みです');
    expect(await server.db.selectFrom('users').select('name').where('email', '=', 'individual@example.jp').executeTakeFirst()).toEqual({ name: '佐藤 遥' });
  });
});

describe('password reset', () => {
  it('sends a single-use link that ends every session, and answers the same for unknown addresses', async () => {
    const email = 'kamiyama@example.jp';
    const other = await Client.signedIn(server.url, email, 'demo-password-2026');
    expect((await other.get('/settings')).status).toBe(200);

    const anon = new Client(server.url);
    const unknown = await anon.post('/password/forgot', { email: 'nobody@example.jp' });
    const known = await anon.post('/password/forgot', { email });
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    const sentText = (html: string) => html.includes('登録されているメールアドレスであれば');
    expect(sentText(await unknown.text())).toBe(true);
    expect(sentText(await known.text())).toBe(true);

    const mail = await lastMailTo(config(), email);
    expect(mail.text).toContain('有効期限は30分');
    const link = linkIn(mail, '/password/reset/');
    const token = link.split('/').pop()!;
    const stored = await server.db.selectFrom('auth_tokens').selectAll().where('email', '=', email).where('purpose', '=', 'password_reset').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const minutes = (new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()) / 60_000;
    expect(Math.round(minutes)).toBe(30);

    expect((await anon.post(link, { password: 'short' })).status).toBe(400);
    const ok = await anon.post(link, { password: 'new-forest-path-2026' });
    expect(ok.status).toBe(302);
    expect((await anon.post(link, { password: 'again-forest-2026' })).status).toBe(400);
    expect(await (await anon.get(link)).text()).toContain('有効期限（30分）が切れています');

    expect((await other.get('/settings')).status).toBe(302);
    expect((await anon.post('/login', { email, password: 'demo-password-2026' })).status).toBe(401);
    await anon.login(email, 'new-forest-path-2026');
  });

  it('refuses an expired link', async () => {
    const email = 'gojome@example.jp';
    await new Client(server.url).post('/password/forgot', { email });
    const link = linkIn(await lastMailTo(config(), email), '/password/reset/');
    await server.db.updateTable('auth_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('email', '=', email).execute();
    expect((await new Client(server.url).post(link, { password: 'late-but-long-2026' })).status).toBe(400);
  });
});

describe('invitations', () => {
  it('lets the first member invite a colleague who joins the same organisation', async () => {
    const owner = await Client.signedIn(server.url, 'company@example.jp', 'demo-company-2026');
    expect((await owner.post('/settings/organisation', { intent: 'invite', email: 'Colleague@Mirai.example.jp' })).status).toBe(302);
    const link = linkIn(await lastMailTo(config(), 'colleague@mirai.example.jp'), '/invitations/');
    const invited = new Client(server.url);
    expect(await (await invited.get(link)).text()).toContain('株式会社みらい地域創生');
    const res = await invited.post(link, { name: '同僚 次郎', password: 'team-player-2026' });
    expect(res.status).toBe(302);
    const html = await (await invited.get('/settings')).text();
    expect(html).toContain('colleague@mirai.example.jp');
    expect(html).toContain('株式会社みらい地域創生');
    // A member is not the owner: no further invitations.
    expect((await invited.post('/settings/organisation', { intent: 'invite', email: 'third@example.jp' })).status).toBe(403);
    expect((await new Client(server.url).post(link, { name: '二回目', password: 'team-player-2026' })).status).toBe(400);
  });
});

function toFullWidth(s: string) {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

async function validNumber(base12: string) {
  const { corporateNumberCheckDigit } = await import('../../../app/domain/accounts/corporate-number');
  return `${corporateNumberCheckDigit(base12)}${base12}`;
}
