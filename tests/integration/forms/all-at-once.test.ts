import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGAL_VERSIONS } from '../../../app/domain/legal';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { startSeededServer, type TestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/*
 * A refused form lists every problem in one answer, in the order of the fields: the checks that need
 * the database or today's date run together with the form's own, not after them.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startSeededServer({}, ['accounts']);
});
afterAll(() => server?.close());

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The error summary's entries, in the order shown: "label: message". */
function summaryOf(html: string): string[] {
  const summary = /data-testid="error-summary"[\s\S]*?<ul[^>]*>([\s\S]*?)<\/ul>/.exec(html);
  expect(summary, 'no error summary').not.toBeNull();
  return [...summary![1]!.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/<!-- -->/g, '').trim());
}

/** Index of the first entry starting with each label, which must increase. */
function expectInOrder(entries: string[], labels: string[]) {
  const at = labels.map((l) => entries.findIndex((e) => e.startsWith(`${l}:`)));
  expect(at, `${labels.join(' < ')} in ${JSON.stringify(entries)}`).not.toContain(-1);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
}

describe('/openings/new', () => {
  it('reports the form problems, a past start date and a past deadline in one answer, in field order', async () => {
    const client = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const res = await client.post('/openings/new', {
      title: '', summary: '概要', body: '', duties: '業務', skills: 'スキル', categories: 'tourism', types: 'dispatch',
      termMinMonths: '24', termMaxMonths: '12', startFrom: inDays(-10), deadline: inDays(-3), contactName: '海士 太郎', contactEmail: 'not-an-address', intent: 'publish',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const entries = summaryOf(html);
    expect(entries.join('\n')).toContain('開始希望時期が過ぎています');
    expect(entries.join('\n')).toContain('応募締切日が過ぎています');
    expectInOrder(entries, ['タイトル', '地域の課題と背景', '期間（最長）', '開始希望時期', '連絡先メールアドレス', '応募締切日']);
    // Everything typed is kept.
    expect(html).toContain('value="海士 太郎"');
    expect(html).toContain('value="not-an-address"');
  });

  it('a draft may keep a past deadline but not a past start date', async () => {
    const client = await Client.signedIn(server.url, 'municipality@example.jp', DEMO_PASSWORDS.municipality);
    const form = {
      title: '下書きの募集', summary: '概要', body: '背景', duties: '業務', skills: 'スキル', categories: 'tourism', types: 'dispatch',
      termMinMonths: '6', termMaxMonths: '12', startFrom: inDays(-1), deadline: inDays(-3), contactName: '海士 太郎', contactEmail: 'kanko@example.lg.jp', intent: 'draft',
    };
    const res = await client.post('/openings/new', form);
    expect(res.status).toBe(400);
    const entries = summaryOf(await res.text());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^開始希望時期: 開始希望時期が過ぎています/);
    expect((await client.post('/openings/new', { ...form, startFrom: inDays(30) })).status).toBe(302);
  });
});

describe('sign-up', () => {
  it('an employee: the employer, an unknown head office, the password and the consent in one answer, in field order', async () => {
    const res = await new Client(server.url).post('/signup/individual', {
      track: 'side_job', employerName: '', employerHeadOffice: '架空県存在市', name: '', email: 'taro@example.jp', password: 'taro12345', agree: '',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const entries = summaryOf(html);
    expectInOrder(entries, ['勤務先', '勤務先の本社所在地', '氏名', 'パスワード', '利用規約とプライバシーポリシーへの同意']);
    expect(entries.join('\n')).toContain('現在の勤務先を入力してください');
    expect(entries.join('\n')).toMatch(/勤務先の本社所在地: .*(見つかりません|市区町村)/);
    expect(entries.join('\n')).toContain('パスワードは10文字以上にしてください');
    expect(html).toContain('value="架空県存在市"');
    expect(html).not.toContain('taro12345');
  });

  it('a company: a wrong 法人番号, an unknown head office and a bad phone number together', async () => {
    const res = await new Client(server.url).post('/signup/company', {
      companyName: '株式会社テスト', corporateNumber: '1234567890123', headOffice: '架空県存在市', department: '', website: '', phone: 'abc', evidence: '公式サイト',
      name: '山田 太郎', email: 'yamada@example.jp', password: 'correct-horse-battery-2026', agree: 'on',
    });
    expect(res.status).toBe(400);
    const entries = summaryOf(await res.text());
    expectInOrder(entries, ['法人番号', '本社所在地の市区町村', '担当部署', '電話番号']);
  });

  it('the municipality already registered is reported with the other problems', async () => {
    const res = await new Client(server.url).post('/signup/municipality', {
      municipality: '島根県 海士町', department: '総務課', phone: '', evidence: '', name: '隠岐 花子', email: 'oki@example.jp', password: 'island-breeze-2026', agree: 'on',
    });
    expect(res.status).toBe(400);
    const entries = summaryOf(await res.text());
    expect(entries[0]).toContain('島根県海士町は既に登録されています');
    expectInOrder(entries, ['自治体名', '電話番号', '確認資料']);
  });

  it('records the versions of 利用規約 and プライバシーポリシー agreed to, with the time', async () => {
    const client = new Client(server.url);
    const res = await client.post('/signup/individual', { track: 'freelance', name: '同意 花子', email: 'consent@example.jp', password: 'agree-to-terms-2026', agree: 'on' });
    expect(res.status).toBe(302);
    const user = await server.db.selectFrom('users').select('id').where('email', '=', 'consent@example.jp').executeTakeFirstOrThrow();
    const consents = await server.db.selectFrom('legal_consents').select(['document', 'version', 'agreed_at']).where('user_id', '=', user.id).orderBy('document').execute();
    expect(consents.map((c) => [c.document, c.version])).toEqual([
      ['privacy', LEGAL_VERSIONS.privacy.id],
      ['terms', 'terms-v1'],
    ]);
    for (const c of consents) expect(Date.now() - new Date(c.agreed_at).getTime()).toBeLessThan(10 * 60_000);

    // The operator sees them in the user list.
    const operator = await Client.signedIn(server.url, 'operator@example.jp', DEMO_PASSWORDS.operator);
    const list = await (await operator.get('/admin/users?q=consent%40example.jp')).text();
    const cell = /data-testid="consents">([\s\S]*?)<\/td>/.exec(list)?.[1] ?? list.slice(0, 0);
    expect(cell.replace(/<!-- -->/g, '')).toMatch(/利用規約（版：terms-v1）/);
    expect(cell.replace(/<!-- -->/g, '')).toContain(`プライバシーポリシー（版：${LEGAL_VERSIONS.privacy.id}）`);
  });
});
