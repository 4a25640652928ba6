import type { MatrixContext, MatrixRow } from '../accounts/matrix';

/**
 * Listings: anyone reads published listings; only municipalities post openings, only companies and
 * individuals post solutions; drafts and edit forms belong to the owning organisation alone.
 */
export async function rows(ctx: MatrixContext): Promise<MatrixRow[]> {
  const amacho = ctx.orgId('amacho');
  const company = ctx.orgId('mirai-chiiki');
  const pick = (kind: 'opening' | 'solution', organisationId: string, status: 'draft' | 'published') =>
    ctx.db
      .selectFrom('listings')
      .select('id')
      .where('kind', '=', kind)
      .where('organisation_id', '=', organisationId)
      .where('status', '=', status)
      .orderBy('id')
      .executeTakeFirstOrThrow();
  const published = await pick('opening', amacho, 'published');
  const solution = await pick('solution', company, 'published');
  const draft = await ctx.db
    .insertInto('listings')
    .values({
      kind: 'opening', organisation_id: amacho, status: 'draft', close_reason: null, title: '行列テスト用の下書き', summary: '', body: '', duties: '', skills: '',
      track_record: '', conditions: '', categories: ['dx'], types: ['dispatch'], term_min_months: 6, term_max_months: 12, start_from: null, deadline: null,
      days_on_site: null, remote_ok: true, budget_min_yen: null, budget_max_yen: null, headcount: null, lg_code: '325252', pref_code: '32',
      region_pref_codes: [], region_anywhere: false, contact_name: '', contact_email: '', contact_phone: '', published_at: null, closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const posters = { municipalityX: 200, municipalityY: 200 };
  return [
    { method: 'GET', path: '/openings', expect: { others: 200 }, note: 'published openings are public' },
    { method: 'GET', path: '/solutions', expect: { others: 200 }, note: 'published solutions are public' },
    { method: 'GET', path: `/openings/${published.id}`, expect: { others: 200 }, note: 'a published opening is public' },
    { method: 'GET', path: `/solutions/${solution.id}`, expect: { others: 200 }, note: 'a published solution is public' },
    { method: 'GET', path: `/openings/${draft.id}`, expect: { municipalityX: 200, others: 404 }, note: 'a draft is seen only by its organisation' },
    { method: 'GET', path: `/openings/${draft.id}/preview`, expect: { anonymous: 302, municipalityX: 200, others: 404 }, note: 'a preview is seen only by the organisation that writes it' },
    { method: 'GET', path: `/solutions/${solution.id}/preview`, expect: { anonymous: 302, company: 200, others: 404 }, note: 'a preview is seen only by the organisation that writes it' },
    { method: 'GET', path: '/openings/new', expect: { anonymous: 302, ...posters, others: 403 }, note: 'only municipalities post openings' },
    { method: 'GET', path: '/solutions/new', expect: { anonymous: 302, company: 200, individual: 200, others: 403 }, note: 'only companies and individuals post solutions' },
    { method: 'GET', path: `/openings/${published.id}/edit`, expect: { anonymous: 302, municipalityX: 200, others: 403 }, note: 'only the owner edits' },
    { method: 'GET', path: `/solutions/${solution.id}/edit`, expect: { anonymous: 302, company: 200, others: 403 }, note: 'only the owner edits' },
    {
      method: 'POST',
      path: `/openings/${published.id}`,
      form: { intent: 'close', reason: 'withdrawn' },
      expect: { anonymous: 302, municipalityX: 302, others: 403 },
      note: 'closing is the owner\'s alone (302 = done)',
    },
    {
      method: 'POST',
      path: `/solutions/${solution.id}/edit`,
      form: { title: '' },
      expect: { anonymous: 302, company: 400, others: 403 },
      note: 'the owner gets form errors; anyone else is refused before validation',
    },
    { method: 'GET', path: '/my/listings', expect: { anonymous: 302, others: 200 }, note: 'every signed-in account has the page (empty without listings)' },
  ];
}
