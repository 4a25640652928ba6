import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FOOTER_LINKS } from '../../../app/components/layout';
import { LEGAL_VERSIONS, PRIVACY, TERMS } from '../../../app/domain/legal';
import { LIMITS } from '../../../app/services/rate-limit.server';
import { startSeededServer, type TestServer } from '../../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startSeededServer({}, ['accounts']);
});
afterAll(() => server?.close());

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });
const text = (s: string) => s.replace(/<!-- -->/g, '').replace(/&#x27;/g, "'").replace(/&quot;/g, '"');

describe('footer pages', () => {
  it('every page links the five pages in its footer, and each of them is a page of its own', async () => {
    expect(FOOTER_LINKS.map((l) => l.label)).toEqual(['利用規約', 'プライバシーポリシー', 'アクセシビリティ方針', '運営者情報', 'お問い合わせ']);
    const home = await (await get('/')).text();
    const footer = home.slice(home.indexOf('<footer'));
    for (const { href, label } of FOOTER_LINKS) {
      expect(footer).toContain(`<a href="${href}">${label}</a>`);
      const res = await get(href);
      expect(res.status, href).toBe(200);
      expect(text(await res.text())).toMatch(new RegExp(`<h1[^>]*>${label === 'お問い合わせ' ? 'お問い合わせ' : label}</h1>`));
    }
  });

  it('the terms and the privacy policy show the version in force, which is the one exported for sign-up', async () => {
    expect(LEGAL_VERSIONS).toEqual({ terms: { id: TERMS.id, effectiveOn: TERMS.effectiveOn }, privacy: { id: PRIVACY.id, effectiveOn: PRIVACY.effectiveOn } });
    const terms = text(await (await get('/terms')).text());
    expect(terms).toContain(`令和8年12月6日施行（版：${LEGAL_VERSIONS.terms.id}）`);
    for (const s of TERMS.sections) expect(terms).toContain(s.heading);
    const privacy = text(await (await get('/privacy')).text());
    expect(privacy).toContain(`（版：${LEGAL_VERSIONS.privacy.id}）`);
  });

  /*
   * What the privacy policy must name for each table of the schema. A new table fails this test until
   * the policy (app/domain/legal/privacy.ts, with a new version id) says what it keeps.
   */
  const POLICY_NAMES: Record<string, string[]> = {
    users: ['氏名', 'メールアドレス', 'argon2id', '二要素認証'],
    organisations: ['法人番号', '全国地方公共団体コード', '審査'],
    sessions: ['IPアドレス', 'ブラウザの種類', 'SHA-256'],
    auth_tokens: ['パスワード再設定', '招待'],
    rate_limits: ['失敗回数'],
    audit_log: ['監査ログ', 'IPアドレス'],
    listings: ['起業人募集', '担当者の氏名'],
    listing_revisions: ['全文の履歴'],
    listing_attachments: ['添付ファイル'],
    applications: ['応募・スカウト', '対象判定の結果'],
    application_events: ['状態の変更とその理由'],
    conversations: ['メッセージ'],
    messages: ['メッセージ'],
    message_attachments: ['添付ファイル'],
    conversation_reads: ['既読'],
    interview_slots: ['面談日時'],
    notifications: ['アプリ内のお知らせ'],
    notification_preferences: ['通知の設定'],
    // The マッチング提案 digest's frequency and period, set on /settings/notifications.
    proposal_digests: ['通知の設定'],
    notification_outbox: ['送信するメール'],
    notification_digests: ['送信するメール'],
    agreement_drafts: ['協定書・契約書'],
    agreement_versions: ['すべての版'],
    agreement_approvals: ['合意及び締結日'],
    inquiries: ['お問い合わせ', '同意いただいたプライバシーポリシーの版'],
    legal_consents: ['同意いただいた利用規約及びプライバシーポリシーの版と同意の日時'],
    form_submissions: ['二重送信の防止', '1日間'],
    saved_searches: ['保存した検索条件', '新着のお知らせの頻度'],
    listing_favourites: ['「気になる」に登録した掲載', '団体名を知らせるかどうかの選択'],
    individual_profiles: ['個人のプロフィール', '職歴', '写真', '位置情報'],
    // No personal data: public listings (search), the municipality master, counts and templates.
    search_documents: [],
    search_outbox: [],
    search_synonyms: [],
    municipalities: [],
    municipal_wards: [],
    monitoring_cube: ['件数'],
    monitoring_durations: ['件数'],
    monitoring_records: ['件数'],
    monitoring_refresh: [],
    agreement_templates: [],
    // マッチング提案: pairings of public listings, an organisation's 「表示しない」 and counts; no person named.
    proposals: [],
    proposal_refresh_queue: [],
    proposal_dismissals: [],
    proposal_events: [],
    // Bookkeeping: applied migrations, and real-time events relayed between app processes for a moment.
    schema_migrations: [],
    schema_migrations_lock: [],
    socket_io_attachments: ['メッセージ'],
  };

  it('the privacy policy names what every table of the schema keeps', async () => {
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(server.db);
    const policy = JSON.stringify(PRIVACY);
    const missing = tables.rows.map((r) => r.table_name).filter((t) => !t.startsWith('kysely_') && !(t in POLICY_NAMES));
    expect(missing, 'tables the privacy policy test does not know').toEqual([]);
    for (const [table, names] of Object.entries(POLICY_NAMES)) for (const name of names) expect(policy, `${table}: ${name}`).toContain(name);
    expect(policy).toContain('km_session');
  });

  it('the accessibility policy states the JIS level and how it is tested', async () => {
    const page = text(await (await get('/accessibility')).text());
    expect(page).toContain('JIS X 8341-3:2016');
    expect(page).toContain('適合レベル AA');
    expect(page).toContain('axe-core');
  });
});

// ——— お問い合わせ ———

let key = 0;
const submissionKey = () => `00000000-0000-4000-8000-${String(++key).padStart(12, '0')}`;
const valid = (over: Record<string, string> = {}) => ({
  name: '山田 花子',
  email: 'hanako@example.lg.jp',
  organisation: '〇〇町 企画課',
  category: 'usage',
  body: '応募の取り下げ方法を教えてください。',
  agree: 'on',
  submissionKey: submissionKey(),
  website: '',
  ...over,
});
const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/contact`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
const inquiries = () => server.db.selectFrom('inquiries').selectAll().orderBy('id').execute();

describe('お問い合わせ', () => {
  beforeEach(async () => {
    await server.db.deleteFrom('rate_limits').execute();
  });

  it('works as a plain form post: stores the inquiry, mails every operator through the outbox and audits it', async () => {
    const form = valid();
    const res = await post(form);
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/contact\?sent=KM-\d{6}$/);
    const [row] = await inquiries();
    expect(row).toMatchObject({ name: '山田 花子', email: 'hanako@example.lg.jp', organisation: '〇〇町 企画課', category: 'usage', body: '応募の取り下げ方法を教えてください。', privacy_version: LEGAL_VERSIONS.privacy.id, ip: expect.stringContaining('127.0.0.1'), user_id: null });
    expect(location).toBe(`/contact?sent=KM-${String(row!.id).padStart(6, '0')}`);

    const operators = await server.db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id').select('u.email').where('o.kind', '=', 'operator').execute();
    expect(operators.length).toBeGreaterThan(0);
    const mails = await server.db.selectFrom('notification_outbox').selectAll().where('kind', '=', 'inquiry').execute();
    expect(mails.map((m) => m.to_email).sort()).toEqual(operators.map((o) => o.email).sort());
    expect(mails[0]!.subject).toBe(`【起業人マッチ】お問い合わせ KM-${String(row!.id).padStart(6, '0')}（使い方）`);
    expect(mails[0]!.body).toContain('hanako@example.lg.jp');
    expect(mails[0]!.body).toContain('応募の取り下げ方法を教えてください。');
    const audited = await server.db.selectFrom('audit_log').select(['action', 'target_id', 'ip']).where('action', '=', 'inquiry.create').execute();
    expect(audited).toEqual([{ action: 'inquiry.create', target_id: String(row!.id), ip: row!.ip }]);

    const page = text(await (await get(location)).text());
    expect(page).toContain('お問い合わせを受け付けました');
    expect(page).toContain(`KM-${String(row!.id).padStart(6, '0')}`);

    // The same form posted again (a double click) is the same inquiry: one row, one mail each.
    const again = await post(form);
    expect(again.headers.get('location')).toBe(location);
    expect(await inquiries()).toHaveLength(1);
    expect(await server.db.selectFrom('notification_outbox').select('id').where('kind', '=', 'inquiry').execute()).toHaveLength(operators.length);
  });

  it('reports every problem at once, next to each field, and keeps what was typed', async () => {
    const before = (await inquiries()).length;
    const res = await post(valid({ name: ' ', email: 'not-an-address', category: 'sales', body: 'あ'.repeat(4001), agree: '' }));
    expect(res.status).toBe(400);
    const html = text(await res.text());
    expect(html).toContain('入力内容に5件の問題があります');
    for (const message of ['お名前を入力してください。', 'メールアドレスの形式が正しくありません', 'お問い合わせの種類を一覧から選んでください。', 'お問い合わせ内容は4000文字以内で入力してください。', 'プライバシーポリシーをご確認のうえ、同意してください。']) {
      expect(html).toContain(message);
    }
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('〇〇町 企画課');
    expect(await inquiries()).toHaveLength(before);
  });

  it('answers a filled honeypot as if received, and stores nothing', async () => {
    const before = (await inquiries()).length;
    const res = await post(valid({ website: 'https://spam.example' }));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/contact?sent=');
    expect(await inquiries()).toHaveLength(before);
    expect(text(await (await get('/contact?sent=')).text())).toContain('お問い合わせを受け付けました');
  });

  it(`takes ${LIMITS.mail.points} inquiries an hour from one IP address, then says when to try again and keeps the input`, async () => {
    const before = (await inquiries()).length;
    for (let i = 0; i < LIMITS.mail.points; i += 1) expect((await post(valid({ email: `sender${i}@example.jp` }))).status).toBe(302);
    const refused = await post(valid({ email: 'one-more@example.jp', body: '届いていますか' }));
    expect(refused.status).toBe(429);
    const html = text(await refused.text());
    expect(html).toMatch(/受付を一時停止しています。\d+分後にもう一度お試しください。/);
    expect(html).toContain('届いていますか');
    expect(await inquiries()).toHaveLength(before + LIMITS.mail.points);
  });

  it(`takes ${LIMITS.mail.points} inquiries an hour from one e-mail address, whatever the IP address`, async () => {
    const before = (await inquiries()).length;
    const from = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i + 1}` });
    for (let i = 0; i < LIMITS.mail.points; i += 1) expect((await post(valid({ email: 'busy@example.jp' }), from(i))).status).toBe(302);
    expect((await post(valid({ email: 'BUSY@example.jp' }), from(99))).status).toBe(429);
    expect(await inquiries()).toHaveLength(before + LIMITS.mail.points);
  });
});
