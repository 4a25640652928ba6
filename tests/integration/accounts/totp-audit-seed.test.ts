import { sql } from 'kysely';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyCompany } from '../../../app/domain/eligibility/classify';
import { parseCorporateNumber } from '../../../app/domain/accounts/corporate-number';
import { DEMO_ORGANISATIONS, DEMO_USERS, seedAccounts } from '../../../db/seed/accounts';
import { startTestServer } from '../../helpers/server';
import { Client } from './client';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
});
afterAll(() => server?.close());

describe('TOTP second factor for operators and the ministry', () => {
  it('enrols with a code from the app, then asks for a code at log-in and refuses a replayed one', async () => {
    const ministry = await Client.signedIn(server.url, 'ministry@example.jp', 'demo-ministry-2026');
    const page = await (await ministry.get('/settings/totp')).text();
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)?.[1];
    expect(secret).toBeTruthy();
    expect(page).toMatch(/otpauth:\/\/totp\//);

    expect((await ministry.post('/settings/totp', { intent: 'enable', code: '000000' })).status).toBe(400);
    const code = await generate({ secret: secret! });
    expect((await ministry.post('/settings/totp', { intent: 'enable', code })).status).toBe(302);

    const next = new Client(server.url);
    const step1 = await next.post('/login', { email: 'ministry@example.jp', password: 'demo-ministry-2026' });
    expect(step1.status).toBe(302);
    expect(step1.headers.get('location')).toMatch(/^\/login\/totp/);
    // Password alone is not a session.
    expect((await next.get('/settings')).status).toBe(302);
    const pendingCookie = next.jar.get('km_session');
    // The code used for enrolment cannot be replayed.
    expect((await next.post('/login/totp', { code })).status).toBe(401);
    // The code of the next 30-second step (the server accepts one step either side): no waiting on the clock.
    const fresh = await generate({ secret: secret!, epoch: Math.floor(Date.now() / 1000) + 30 });
    const step2 = await next.post('/login/totp', { code: fresh });
    expect(step2.status).toBe(302);
    expect(next.jar.get('km_session')).not.toBe(pendingCookie);
    expect((await next.get('/settings')).status).toBe(200);
  });

  it('is not offered to other roles', async () => {
    const company = await Client.signedIn(server.url, 'company@example.jp', 'demo-company-2026');
    expect((await company.get('/settings/totp')).status).toBe(403);
  });
});

describe('audit log', () => {
  it('refuses UPDATE and DELETE at the database level', async () => {
    await server.db.insertInto('audit_log').values({ action: 'test.entry', target_type: 'test', target_id: '1', actor_user_id: null, actor_organisation_id: null, actor_email: null }).execute();
    await expect(sql`update audit_log set action = 'changed'`.execute(server.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(server.db)).rejects.toThrow(/append-only/);
    expect(await server.db.selectFrom('audit_log').select('action').where('target_type', '=', 'test').execute()).toEqual([{ action: 'test.entry' }]);
  });

  it('is shown to operators with who, what and from where', async () => {
    const operator = await Client.signedIn(server.url, 'operator@example.jp', 'demo-operator-2026');
    const html = await (await operator.get('/admin/audit?action=auth.login')).text();
    expect(html).toContain('operator@example.jp');
    expect(html).toContain('auth.login');
    expect(html).toContain('127.0.0.1');
    expect(html).not.toContain('test.entry');
  });
});

describe('demo seed', () => {
  it('is idempotent', async () => {
    const count = async () => ({
      orgs: (await server.db.selectFrom('organisations').select('id').execute()).length,
      users: (await server.db.selectFrom('users').select(['id', 'password_hash']).orderBy('id').execute()),
    });
    const before = await count();
    expect(await seedAccounts(server.db)).toMatch(/^0 organisations and 0 accounts added/);
    expect(await count()).toEqual(before);
  });

  it('has one approved account of every role, and one company waiting for approval', async () => {
    const rows = await server.db
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.email', 'o.kind', 'o.status'])
      .where('u.email', 'in', ['municipality@example.jp', 'company@example.jp', 'individual@example.jp', 'ministry@example.jp', 'operator@example.jp', 'pending-shoji@example.jp'])
      .orderBy('u.email')
      .execute();
    expect(rows).toEqual([
      { email: 'company@example.jp', kind: 'company', status: 'approved' },
      { email: 'individual@example.jp', kind: 'individual', status: 'approved' },
      { email: 'ministry@example.jp', kind: 'ministry', status: 'approved' },
      { email: 'municipality@example.jp', kind: 'municipality', status: 'approved' },
      { email: 'operator@example.jp', kind: 'operator', status: 'approved' },
      { email: 'pending-shoji@example.jp', kind: 'company', status: 'pending' },
    ]);
    expect(DEMO_ORGANISATIONS.filter((o) => o.kind === 'municipality')).toHaveLength(8);
    expect(DEMO_ORGANISATIONS.filter((o) => o.kind === 'company' && o.status !== 'pending')).toHaveLength(6);
    expect(DEMO_ORGANISATIONS.filter((o) => o.kind === 'individual')).toHaveLength(3);
    expect(new Set(DEMO_USERS.map((u) => u.slug)).size).toBe(DEMO_ORGANISATIONS.length);
  });

  it('writes company classes that agree with the eligibility rules and valid 法人番号', async () => {
    for (const o of DEMO_ORGANISATIONS.filter((x) => x.head_office_lg_code)) {
      const m = await server.db.selectFrom('municipalities').selectAll().where('lg_code', '=', o.head_office_lg_code!).executeTakeFirstOrThrow();
      const cls = classifyCompany({
        lgCode: m.lg_code, prefCode: m.pref_code, prefName: m.pref_name, name: m.name, kind: m.kind, seirei: m.seirei, chukaku: m.chukaku, kencho: m.kencho,
        metroArea: m.metro_area, eligible1433: m.eligible_1433, eligible1375: m.eligible_1375, eligibilityBasis: m.eligibility_basis, teijuuSince: m.teijuu_since,
      });
      expect(`${o.slug}: ${o.company_class}`).toBe(`${o.slug}: ${cls}`);
      if (o.corporate_number) expect(parseCorporateNumber(o.corporate_number).ok).toBe(true);
    }
  });
});
