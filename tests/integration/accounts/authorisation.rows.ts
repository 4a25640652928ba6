import type { MatrixContext, MatrixRow } from './matrix';

/** Accounts, organisations and administration. */
export function rows(ctx: MatrixContext): MatrixRow[] {
  const pendingOrg = ctx.orgId('pending-shoji');
  return [
    { method: 'GET', path: '/settings', expect: { anonymous: 302, others: 200 }, note: 'every signed-in account, pending too' },
    { method: 'GET', path: '/settings/organisation', expect: { anonymous: 302, pending: 403, others: 200 } },
    {
      method: 'POST',
      path: '/settings/organisation',
      form: { intent: 'invite', email: 'colleague@example.jp' },
      expect: { anonymous: 302, municipalityX: 302, municipalityY: 302, company: 302, others: 403 },
      note: 'owners of municipalities and companies invite (302 = sent)',
    },
    { method: 'GET', path: '/settings/profile', expect: { anonymous: 302, individual: 200, others: 403 }, note: "an individual's own profile" },
    {
      method: 'POST',
      path: '/settings/profile',
      form: { skills: '自治体DX' },
      expect: { anonymous: 302, individual: 302, others: 403 },
    },
    {
      method: 'GET',
      path: `/orgs/${ctx.orgId('ind-sato-haruka')}/photo`,
      expect: { others: 404 },
      note: 'no photo stored: 404 to everyone (who sees a stored one: tests/integration/accounts/profile.test.ts)',
    },
    { method: 'GET', path: '/settings/totp', expect: { anonymous: 302, ministry: 200, operator: 200, others: 403 } },
    { method: 'GET', path: '/admin/approvals', expect: { anonymous: 302, operator: 200, others: 403 } },
    { method: 'GET', path: '/admin/audit', expect: { anonymous: 302, operator: 200, others: 403 } },
    {
      method: 'POST',
      path: '/admin/approvals',
      form: { organisationId: '00000000-0000-4000-8000-000000000000', decision: 'approve' },
      expect: { anonymous: 302, operator: 409, others: 403 },
      note: 'only operators reach the decision (409: no such pending organisation)',
    },
    { method: 'GET', path: '/admin/users', expect: { anonymous: 302, operator: 200, others: 403 } },
    { method: 'GET', path: '/admin/users?q=example&page=2', expect: { anonymous: 302, operator: 200, others: 403 } },
    {
      method: 'POST',
      path: '/admin/users',
      form: { intent: 'reactivate', userId: '00000000-0000-4000-8000-000000000000' },
      expect: { anonymous: 302, operator: 404, others: 403 },
      note: 'only operators reach the decision (404: no such user)',
    },
    {
      method: 'POST',
      path: '/admin/users',
      form: { intent: 'suspend', userId: '00000000-0000-4000-8000-000000000000', reason: '確認' },
      expect: { anonymous: 302, operator: 404, others: 403 },
    },
    { method: 'GET', path: `/orgs/${ctx.orgId('amacho')}`, expect: { others: 200 }, note: 'approved profiles are public' },
    { method: 'GET', path: `/orgs/${pendingOrg}`, expect: { pending: 200, operator: 200, others: 404 }, note: 'pending profiles: members and operators only' },
    { method: 'GET', path: '/login', expect: { anonymous: 200, others: 302 } },
  ];
}
