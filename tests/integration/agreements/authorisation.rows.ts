import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MatrixContext, MatrixRow } from '../accounts/matrix';

/**
 * Agreements: the draft between 海士町 (municipalityX) and みらい地域創生 (company) is theirs alone.
 * Other organisations, the ministry and operators get 403 (they never see the text); anonymous
 * visitors are sent to log in.
 */
export async function rows(ctx: MatrixContext): Promise<MatrixRow[]> {
  const amacho = ctx.orgId('amacho');
  const company = ctx.orgId('mirai-chiiki');
  const { id: listingId } = await ctx.db
    .insertInto('listings')
    .values({
      kind: 'opening', organisation_id: amacho, status: 'published', close_reason: null, title: '行列テスト用の協定書の募集', summary: '', body: '', duties: '', skills: '', track_record: '',
      conditions: '', categories: ['dx'], types: ['dispatch'], term_min_months: 6, term_max_months: 12, start_from: null, deadline: null, days_on_site: null, remote_ok: true,
      budget_min_yen: null, budget_max_yen: null, headcount: null, lg_code: '325252', pref_code: '32', region_pref_codes: [], region_anywhere: true, contact_name: '', contact_email: '',
      contact_phone: '', published_at: new Date(), closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: applicationId } = await ctx.db
    .insertInto('applications')
    .values({
      listing_id: listingId, listing_kind: 'opening', kind: 'application', applicant_organisation_id: company, owner_organisation_id: amacho, applicant_user_id: null,
      program_type: 'dispatch', eligibility: '{}', message: '行列テスト', state: 'preparing', state_reason: null, first_reply_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('conversations').values({ application_id: applicationId, applicant_organisation_id: company, owner_organisation_id: amacho }).execute();
  const { id: draftId } = await ctx.db.insertInto('agreement_drafts').values({ application_id: applicationId, kind: 'dispatch', created_by_user_id: null }).returning('id').executeTakeFirstOrThrow();
  const draft = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../scripts/examples/agreement-dispatch.json'), 'utf8'));
  await ctx.db
    .insertInto('agreement_versions')
    .values({ draft_id: draftId, version: 1, draft: JSON.stringify({ ...draft, version: 1 }), valid: true, check_ok: false, draft_sha256: '0'.repeat(64), document_sha256: null, created_by_user_id: null, created_by_organisation_id: amacho })
    .execute();
  await ctx.db.updateTable('agreement_drafts').set({ current_version: 1 }).where('id', '=', draftId).execute();

  const base = `/applications/${applicationId}/agreement`;
  const parties = { municipalityX: 200, company: 200 };
  return [
    { method: 'GET', path: base, expect: { anonymous: 302, ...parties, others: 403 }, note: 'the agreement page: the two parties only' },
    { method: 'GET', path: `${base}/versions/1`, expect: { anonymous: 302, ...parties, others: 403 }, note: 'a version with its diff' },
    { method: 'GET', path: `${base}/versions/1/download?format=docx`, expect: { anonymous: 302, ...parties, others: 403 }, note: 'the .docx export' },
    { method: 'GET', path: `${base}/versions/1/download?format=pdf`, expect: { anonymous: 302, ...parties, others: 403 }, note: 'the PDF export' },
    {
      method: 'POST',
      path: base,
      form: { intent: 'approve', version: '1' },
      expect: { anonymous: 302, municipalityX: 409, company: 409, others: 403 },
      note: 'agreeing (409: the version breaks a rule); nobody else may act',
    },
    {
      method: 'POST',
      path: base,
      form: { intent: 'withdraw-approval', version: '1' },
      expect: { anonymous: 302, municipalityX: 409, company: 409, others: 403 },
      note: 'taking back an approval (409: the party has not agreed); nobody else may act',
    },
    { method: 'POST', path: base, form: { intent: 'open' }, expect: { anonymous: 302, municipalityX: 302, company: 302, others: 403 }, note: 'opening again is harmless for the parties' },
  ];
}
