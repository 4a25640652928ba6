import type { MatrixContext, MatrixRow } from '../accounts/matrix';

/**
 * Applications and chat: a conversation between 海士町 (municipalityX) and みらい地域創生 (company)
 * is private to them; 東川町, the individual, the ministry, operators and pending accounts get 404,
 * as for a conversation that does not exist.
 */
export async function rows(ctx: MatrixContext): Promise<MatrixRow[]> {
  const amacho = ctx.orgId('amacho');
  const company = ctx.orgId('mirai-chiiki');
  const listing = (kind: 'opening' | 'solution', organisationId: string, title: string) =>
    ctx.db
      .insertInto('listings')
      .values({
        kind, organisation_id: organisationId, status: 'published', close_reason: null, title, summary: '', body: '', duties: '', skills: '', track_record: '',
        conditions: '', categories: ['dx'], types: ['dispatch', 'side_job', 'senior'], term_min_months: 6, term_max_months: 12, start_from: null, deadline: null,
        days_on_site: null, remote_ok: true, budget_min_yen: null, budget_max_yen: null, headcount: null, lg_code: kind === 'opening' ? '325252' : null,
        pref_code: null, region_pref_codes: [], region_anywhere: true, contact_name: '', contact_email: '', contact_phone: '', published_at: new Date(), closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const opening = await listing('opening', amacho, '行列テスト用の募集');
  const solution = await listing('solution', company, '行列テスト用のソリューション');
  const { id: applicationId } = await ctx.db
    .insertInto('applications')
    .values({
      listing_id: opening.id, listing_kind: 'opening', kind: 'application', applicant_organisation_id: company, owner_organisation_id: amacho,
      applicant_user_id: null, program_type: 'dispatch', eligibility: '{}', message: '行列テスト', state_reason: null, first_reply_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('conversations').values({ application_id: applicationId, applicant_organisation_id: company, owner_organisation_id: amacho }).execute();
  const parties = { municipalityX: 200, company: 200 };
  return [
    { method: 'GET', path: '/applications', expect: { anonymous: 302, municipalityX: 200, municipalityY: 200, company: 200, individual: 200, others: 403 }, note: 'parties that post listings' },
    { method: 'GET', path: `/applications/${applicationId}`, expect: { anonymous: 302, ...parties, others: 404 }, note: 'only the two parties; never the ministry or operators' },
    {
      method: 'POST',
      path: `/applications/${applicationId}`,
      form: { intent: 'message', clientKey: 'matrix-row-key-1', body: '行列テストのメッセージ' },
      expect: { anonymous: 302, municipalityX: 302, company: 302, others: 404 },
      note: 'posting a message (302 = stored)',
    },
    {
      method: 'POST',
      path: `/applications/${applicationId}`,
      form: { intent: 'state', to: 'concluded' },
      expect: { anonymous: 302, municipalityX: 409, company: 409, others: 404 },
      note: 'a party reaches the state machine (409: not from 応募済); nobody else learns the application exists',
    },
    { method: 'GET', path: `/applications/${applicationId}/slots/1/ics`, expect: { anonymous: 302, others: 404 } },
    { method: 'GET', path: `/openings/${opening.id}/apply`, expect: { anonymous: 302, company: 200, individual: 200, others: 403 }, note: 'the other side applies; not the owner' },
    { method: 'GET', path: `/solutions/${solution.id}/scout`, expect: { anonymous: 302, municipalityX: 200, municipalityY: 200, others: 403 }, note: 'municipalities scout' },
    { method: 'GET', path: '/notifications', expect: { anonymous: 302, others: 200 } },
    { method: 'GET', path: '/settings/notifications', expect: { anonymous: 302, others: 200 } },
  ];
}
