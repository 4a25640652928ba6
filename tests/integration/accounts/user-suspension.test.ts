import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../app/domain/accounts/types';
import { suspendUser } from '../../../app/services/admin-users.server';
import { listMail } from '../../../app/services/mail.server';
import { hashPassword } from '../../../app/services/passwords.server';
import { findOrganisationBySlug, insertUser } from '../../../db/queries/accounts';
import { seedAccounts } from '../../../db/seed/accounts';
import { startTestServer } from '../../helpers/server';
import { Client } from './client';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
});
afterAll(() => server?.close());

const OPERATOR = { email: 'operator@example.jp', password: 'demo-operator-2026' };

const userByEmail = (email: string) => server.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
const sessionsOf = (userId: string) => server.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
const auditLines = (action: string, targetId: string) =>
  server.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).orderBy('id').execute();
const mailsTo = async (to: string) => (await listMail(server.services.config)).filter((m) => m.to.includes(to));

async function operatorClient() {
  const c = await Client.signedIn(server.url, OPERATOR.email, OPERATOR.password);
  return c;
}

/** A second operator account in the operators' organisation. */
async function addOperator(email: string, password: string) {
  const org = await findOrganisationBySlug(server.db, 'operator');
  return insertUser(server.db, {
    organisation_id: org!.id, email, name: '運営 次郎', password_hash: await hashPassword(password), org_role: 'member', email_verified_at: new Date(),
  });
}

describe('suspending and reactivating an account', () => {
  it('ends the open session at once, refuses log-in with a clear message, audits and mails; reactivation lets the user back in', async () => {
    const company = await Client.signedIn(server.url, 'company@example.jp', 'demo-company-2026');
    expect((await company.get('/settings')).status).toBe(200);
    const target = await userByEmail('company@example.jp');
    expect((await sessionsOf(target.id)).length).toBeGreaterThan(0);

    const op = await operatorClient();
    const res = await op.post('/admin/users?q=company%40example.jp', { intent: 'suspend', userId: target.id, reason: '規約違反の疑いがあるため' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/users?q=company%40example.jp&done=suspend');

    // The very next request of the open session is anonymous.
    const next = await company.get('/settings');
    expect(next.status).toBe(302);
    expect(next.headers.get('location')).toContain('/login');
    expect(await sessionsOf(target.id)).toEqual([]);
    expect((await userByEmail('company@example.jp')).disabled_at).not.toBeNull();

    const again = await new Client(server.url).post('/login', { email: 'company@example.jp', password: 'demo-company-2026' });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('このアカウントは利用停止中です');

    const [line] = await auditLines('user.suspend', target.id);
    expect(line.actor_email).toBe(OPERATOR.email);
    expect(line.details).toMatchObject({ reason: '規約違反の疑いがあるため', email: 'company@example.jp' });
    const [mail] = await mailsTo('company@example.jp');
    expect(mail.subject).toContain('利用を停止しました');
    expect(mail.text).toContain('規約違反の疑いがあるため');

    const page = await op.get('/admin/users?q=company%40example.jp&done=suspend');
    const html = await page.text();
    expect(html).toContain('停止中');
    expect(html).toContain('利用を再開する');

    const back = await op.post('/admin/users', { intent: 'reactivate', userId: target.id });
    expect(back.status).toBe(302);
    expect((await userByEmail('company@example.jp')).disabled_at).toBeNull();
    expect(await auditLines('user.reactivate', target.id)).toHaveLength(1);
    expect((await mailsTo('company@example.jp'))[0].subject).toContain('利用を再開しました');
    await company.login('company@example.jp', 'demo-company-2026');
    expect((await company.get('/settings')).status).toBe(200);
  });

  it('needs a reason and keeps the account active without one', async () => {
    const op = await operatorClient();
    const target = await userByEmail('individual@example.jp');
    const res = await op.post('/admin/users', { intent: 'suspend', userId: target.id, reason: '   ' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('理由を入力してください');
    expect((await userByEmail('individual@example.jp')).disabled_at).toBeNull();
    expect(await auditLines('user.suspend', target.id)).toEqual([]);
  });

  it('refuses self-suspension next to the form, keeping the reason typed', async () => {
    const op = await operatorClient();
    const me = await userByEmail(OPERATOR.email);
    const res = await op.post(`/admin/users?q=${encodeURIComponent(OPERATOR.email)}`, { intent: 'suspend', userId: me.id, reason: '自分を止めてみる' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('ご自身のアカウントは利用停止できません');
    expect(html).toContain('自分を止めてみる');
    expect((await userByEmail(OPERATOR.email)).disabled_at).toBeNull();
    expect(await auditLines('user.suspend', me.id)).toEqual([]);
    expect((await op.get('/admin')).status).toBe(200);
  });

  it('never suspends the last active operator, even when two operators suspend each other at once', async () => {
    const second = await addOperator('operator2@example.jp', 'second-operator-2026');
    const a = await operatorClient();
    const b = await Client.signedIn(server.url, 'operator2@example.jp', 'second-operator-2026');
    const me = await userByEmail(OPERATOR.email);

    const [ra, rb] = await Promise.all([
      a.post('/admin/users', { intent: 'suspend', userId: second.id, reason: '相互停止の確認' }),
      b.post('/admin/users', { intent: 'suspend', userId: me.id, reason: '相互停止の確認' }),
    ]);
    const succeeded = [ra, rb].filter((r) => r.status === 302 && r.headers.get('location')?.includes('done=suspend'));
    expect(succeeded).toHaveLength(1);
    const active = await server.db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', [me.id, second.id])
      .where('disabled_at', 'is', null)
      .execute();
    expect(active).toHaveLength(1);

    // The suspended operator's request that was already past the log-in check meets the rule.
    const survivor = active[0].id;
    const loser = survivor === me.id ? second : me;
    const staleActor: SessionUser = {
      id: loser.id, email: loser.email, name: loser.name, role: 'operator', orgRole: 'member', organisationId: loser.organisation_id,
      organisation: { id: loser.organisation_id, kind: 'operator', status: 'approved', name: '運営', slug: 'operator', lgCode: null, headOfficeLgCode: null, companyClass: null },
      employment: null, totpEnabled: false,
    };
    const late = await suspendUser(server.services, staleActor, { userId: survivor, reason: '遅れて届いた操作' }, '127.0.0.1');
    expect(late).toEqual({ ok: false, status: 409, message: expect.stringContaining('最後の有効な運営者アカウントは利用停止できません') });
    expect((await server.db.selectFrom('users').select('disabled_at').where('id', '=', survivor).executeTakeFirstOrThrow()).disabled_at).toBeNull();

    // Put things back for the other tests: the survivor reactivates the other operator.
    const survivorClient = survivor === me.id ? a : b;
    if (survivor !== me.id) await survivorClient.login('operator2@example.jp', 'second-operator-2026');
    else await survivorClient.login(OPERATOR.email, OPERATOR.password);
    expect((await survivorClient.post('/admin/users', { intent: 'reactivate', userId: loser.id })).status).toBe(302);
  });
});

describe('the user list', () => {
  it('searches by name, e-mail and organisation and pages by 50', async () => {
    const org = await findOrganisationBySlug(server.db, 'mirai-chiiki');
    for (let i = 0; i < 55; i += 1) {
      await insertUser(server.db, {
        organisation_id: org!.id, email: `paging-${String(i).padStart(2, '0')}@example.jp`, name: `頁送り ${i}`, password_hash: 'x', email_verified_at: new Date(),
      });
    }
    const op = await operatorClient();
    const rowCount = (html: string) => html.match(/data-testid="admin-user"/g)?.length ?? 0;

    const first = await (await op.get('/admin/users?q=paging-')).text();
    expect(rowCount(first)).toBe(50);
    expect(first).toContain('55人中 1〜50人目');
    expect(first).toContain('/admin/users?q=paging-&amp;page=2');
    const second = await (await op.get('/admin/users?q=paging-&page=2')).text();
    expect(rowCount(second)).toBe(5);

    const byName = await (await op.get(`/admin/users?q=${encodeURIComponent('高橋')}`)).text();
    expect(byName).toContain('company@example.jp');
    expect(byName).not.toContain('municipality@example.jp');
    const byOrg = await (await op.get(`/admin/users?q=${encodeURIComponent('みらい地域創生')}`)).text();
    expect(byOrg).toContain('56人中 1〜50人目');
    // Newest first: the organisation's first member is on the second page.
    expect(await (await op.get(`/admin/users?q=${encodeURIComponent('みらい地域創生')}&page=2`)).text()).toContain('company@example.jp');
    // LIKE wildcards are searched for literally.
    expect(rowCount(await (await op.get('/admin/users?q=%25')).text())).toBe(0);
    expect((await op.get('/admin')).status).toBe(200);
    expect(await (await op.get('/admin')).text()).toContain('href="/admin/users"');
  });

  it('is for operators only', async () => {
    const company = await Client.signedIn(server.url, 'municipality@example.jp', 'demo-municipality-2026');
    expect((await company.get('/admin/users')).status).toBe(403);
    const target = await userByEmail('company@example.jp');
    expect((await company.post('/admin/users', { intent: 'suspend', userId: target.id, reason: '権限なし' })).status).toBe(403);
    expect((await userByEmail('company@example.jp')).disabled_at).toBeNull();
    expect((await new Client(server.url).get('/admin/users')).status).toBe(302);
  });
});
