import type { MatrixContext, MatrixRow } from '../accounts/matrix';
import { insertPublishedListing } from './fixture';

/**
 * 気になる: the other side marks a published listing (companies and individuals an opening,
 * municipalities a solution); nobody marks its own or a draft. Removing one's own mark is always
 * allowed (a no-op without one). The list of marks is each user's own page.
 */
export async function rows(ctx: MatrixContext): Promise<MatrixRow[]> {
  const amacho = ctx.orgId('amacho');
  const company = ctx.orgId('mirai-chiiki');
  const opening = await insertPublishedListing(ctx.db, 'opening', amacho, '行列テスト用の気になる募集');
  const solution = await insertPublishedListing(ctx.db, 'solution', company, '行列テスト用の気になるソリューション');
  const draft = await insertPublishedListing(ctx.db, 'opening', amacho, '行列テスト用の気になる下書き', 'draft');
  const add = { intent: 'add' };
  return [
    { method: 'GET', path: '/my/favourites', expect: { anonymous: 302, others: 200 }, note: 'every signed-in account has its own list' },
    {
      method: 'POST', path: `/openings/${opening.id}/favourite`, form: add,
      expect: { anonymous: 302, company: 302, individual: 302, others: 403 }, note: 'companies and individuals mark an opening (302 = done)',
    },
    {
      method: 'POST', path: `/solutions/${solution.id}/favourite`, form: add,
      expect: { anonymous: 302, municipalityX: 302, municipalityY: 302, others: 403 }, note: 'municipalities mark a solution; not its own company',
    },
    {
      method: 'POST', path: `/openings/${draft.id}/favourite`, form: add,
      expect: { anonymous: 302, municipalityX: 403, others: 404 }, note: 'a draft cannot be marked; others do not see it',
    },
    {
      method: 'POST', path: `/openings/${opening.id}/favourite`, form: { intent: 'remove' },
      expect: { anonymous: 302, others: 302 }, note: 'removing one\'s own mark (none: nothing happens)',
    },
    {
      method: 'POST', path: `/openings/${opening.id}/favourite`, form: { intent: 'toggle' },
      expect: { anonymous: 302, others: 400 }, note: 'a malformed post is refused, never a 500',
    },
  ];
}
