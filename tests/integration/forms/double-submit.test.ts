import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMail } from '../../../app/services/mail.server';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { startSeededServer, type TestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/*
 * The same submission sent twice at once (a double click, with or without JavaScript) answers both
 * requests as the first was answered and does the work once. Each create form carries a one-time
 * submission key from its page.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startSeededServer({}, ['accounts', 'listings']);
});
afterAll(() => server?.close());

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The submission key the page's form carries. */
async function keyOf(client: Client, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('cache-control')).toContain('no-store');
  const m = /name="submissionKey" value="([^"]+)"/.exec(await res.text());
  expect(m, `${path} has no submission key`).not.toBeNull();
  return m![1];
}

/** Sends the same form twice at once; both answers, in the order sent. */
const twice = (client: Client, path: string, form: Record<string, string>) => Promise.all([client.post(path, form), client.post(path, form)]);

const count = async (table: 'listings' | 'users' | 'organisations') => Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const opening = (title: string): Record<string, string> => ({
  title, summary: '観光案内所の予約と案内をデジタル化します。', body: '観光客は増えていますが、案内は紙と電話だけです。',
  duties: '- 予約システムの導入', skills: '- 観光業のDX経験', categories: 'tourism', types: 'dispatch', termMinMonths: '6', termMaxMonths: '12',
  startFrom: inDays(120), deadline: inDays(30), contactName: '海士 太郎', contactEmail: 'kanko@example.lg.jp', intent: 'publish',
});

const solution = (title: string): Record<string, string> => ({
  title, summary: '自治体の窓口をデジタル化します。', body: '紙の申請を減らします。', skills: '- 自治体DXの導入支援', categories: 'dx', types: 'dispatch',
  termMinMonths: '6', termMaxMonths: '12', startFrom: inDays(60), headcount: '1', regionAnywhere: 'on', contactName: '未来 花子', contactEmail: 'sales@example.jp', intent: 'draft',
});

describe('listing create forms', () => {
  it.each([
    ['/openings/new', 'municipality@example.jp', DEMO_PASSWORDS.municipality, opening('二重送信の確認用の起業人募集')],
    ['/solutions/new', 'company@example.jp', DEMO_PASSWORDS.company, solution('二重送信の確認用のソリューション')],
  ])('%s: the same form sent twice at once creates one listing and answers both with its page', async (path, email, password, form) => {
    const client = await Client.signedIn(server.url, email, password);
    const submissionKey = await keyOf(client, path);
    const before = await count('listings');
    const [a, b] = await twice(client, path, { ...form, submissionKey });
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    expect(a.headers.get('location')).toMatch(/^\/(openings|solutions)\/\d+\?done=/);
    expect(await count('listings')).toBe(before + 1);

    // Sent again later (a resend after a lost answer): the same answer, still one listing.
    const again = await client.post(path, { ...form, submissionKey });
    expect(again.headers.get('location')).toBe(a.headers.get('location'));
    expect(await count('listings')).toBe(before + 1);
  });

  it('a form changed and sent with the same key is a new listing; a new page gives a new key', async () => {
    const client = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const submissionKey = await keyOf(client, '/openings/new');
    expect(await keyOf(client, '/openings/new')).not.toBe(submissionKey);
    const before = await count('listings');
    const first = await client.post('/openings/new', { ...opening('一つ目の募集'), submissionKey });
    const second = await client.post('/openings/new', { ...opening('二つ目の募集'), submissionKey });
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get('location')).not.toBe(first.headers.get('location'));
    expect(await count('listings')).toBe(before + 2);
  });

  it('a refused form is not remembered: corrected and sent with the same key, it is created', async () => {
    const client = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const submissionKey = await keyOf(client, '/openings/new');
    const before = await count('listings');
    const [a, b] = await twice(client, '/openings/new', { ...opening(''), submissionKey });
    expect([a.status, b.status]).toEqual([400, 400]);
    expect(await b.text()).toContain('タイトルを入力してください');
    const fixed = await client.post('/openings/new', { ...opening('直して送った募集'), submissionKey });
    expect(fixed.status).toBe(302);
    expect(await count('listings')).toBe(before + 1);
  });

  it('another user sending the same key and values gets a listing of their own', async () => {
    const one = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const submissionKey = await keyOf(one, '/openings/new');
    const other = await Client.signedIn(server.url, 'kamiyama@example.jp', 'demo-password-2026');
    const form = { ...opening('同じ鍵で別の自治体が送った募集'), submissionKey };
    const [a, b] = await Promise.all([one.post('/openings/new', form), other.post('/openings/new', form)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(b.headers.get('location')).not.toBe(a.headers.get('location'));
  });
});

describe('sign-up forms', () => {
  const account = (email: string) => ({ name: '二重 送信', email, password: 'double-click-safe-2026', agree: 'on' });
  it.each([
    ['municipality', { municipality: '北海道 奥尻町', department: '総務課', phone: '01397-2-3111', evidence: '町の公式サイトの職員名簿' }],
    ['company', { companyName: '株式会社二重送信', corporateNumber: '7010001088960', headOffice: '大阪府大阪市', department: '経営企画部', phone: '06-1234-5678', evidence: '公式サイト' }],
    ['individual', { track: 'side_job', employerName: '株式会社みらい地域創生', employerHeadOffice: '東京都千代田区' }],
  ])('/signup/%s: two quick clicks create one account and answer both with the confirmation page', async (kind, fields) => {
    const client = new Client(server.url);
    const email = `double-${kind}@example.jp`;
    const submissionKey = await keyOf(client, `/signup/${kind}`);
    const users = await count('users');
    const organisations = await count('organisations');
    const [a, b] = await twice(client, `/signup/${kind}`, { ...fields, ...account(email), submissionKey });
    expect([a.status, b.status], await a.text()).toEqual([302, 302]);
    expect(a.headers.get('location')).toMatch(new RegExp(`^/signup/sent\\?kind=${kind}`));
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    expect(await count('users')).toBe(users + 1);
    expect(await count('organisations')).toBe(organisations + 1);
    // One confirmation mail, no「登録済みです」mail to someone who has just signed up.
    const mails = (await listMail(server.services.config)).filter((m) => m.to.includes(email));
    expect(mails.map((m) => m.subject)).toEqual(['【起業人マッチ】メールアドレスの確認']);
  });

  it('the same sign-up posted twice at once without a key (a script) still answers both without a 500', async () => {
    const form = { track: 'freelance', ...account('double-script@example.jp') };
    const client = new Client(server.url);
    const users = await count('users');
    const [a, b] = await twice(client, '/signup/individual', form);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(await count('users')).toBe(users + 1);
  });

  it('two anonymous visitors get different keys (the page is never cached)', async () => {
    for (const path of ['/signup/individual', '/contact']) {
      const first = await keyOf(new Client(server.url), path);
      const second = await keyOf(new Client(server.url), path);
      expect(second, path).not.toBe(first);
    }
  });
});

describe('お問い合わせ', () => {
  it('the same inquiry sent twice at once is stored once and both get the same reference', async () => {
    const client = new Client(server.url);
    const submissionKey = await keyOf(client, '/contact');
    const before = Number((await server.db.selectFrom('inquiries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const form = { name: '問合 太郎', email: 'ask@example.jp', organisation: '', category: 'usage', body: '使い方を教えてください。', agree: 'on', website: '', submissionKey };
    const [a, b] = await twice(client, '/contact', form);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    const after = Number((await server.db.selectFrom('inquiries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before + 1);
  });
});

describe('応募 and スカウト', () => {
  const publishedOf = async (kind: 'opening' | 'solution', slug: string) => {
    const org = await server.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    return server.db.selectFrom('listings').select('id').where('kind', '=', kind).where('organisation_id', '=', org.id).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
  };
  const applications = async () => Number((await server.db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it.each([
    ['/openings/:id/apply', 'opening', 'amacho', 'company@example.jp', DEMO_PASSWORDS.company, 'dispatch'],
    ['/solutions/:id/scout', 'solution', 'mirai-chiiki', 'municipality@example.jp', DEMO_PASSWORDS.municipality, 'dispatch'],
  ] as const)('%s: the same form sent twice at once is one application, both answered with its page', async (pattern, kind, owner, email, password, programType) => {
    const listing = await publishedOf(kind, owner);
    const path = pattern.replace(':id', String(listing.id));
    const client = await Client.signedIn(server.url, email, password);
    const submissionKey = await keyOf(client, path);
    const before = await applications();
    const [a, b] = await twice(client, path, { programType, message: 'よろしくお願いします。二重送信の確認です。', proposal: '', submissionKey });
    expect([a.status, b.status], await a.text()).toEqual([302, 302]);
    expect(a.headers.get('location')).toMatch(/^\/applications\/\d+\?done=(sent|inquiry)$/);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    expect(await applications()).toBe(before + 1);
  });
});
