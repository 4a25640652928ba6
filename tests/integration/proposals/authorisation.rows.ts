import type { MatrixContext, MatrixRow } from '../accounts/matrix';
import { insertPublishedListing } from '../favourites/fixture';

/**
 * マッチング提案: municipalities, companies and individuals have 「あなたへの提案」; the ministry,
 * operators and pending accounts do not. 提案を非表示 and 応募/スカウト from a proposal belong to the
 * two organisations of the pairing (海士町's opening, みらい地域創生's solution) and nobody else.
 */
export async function rows(ctx: MatrixContext): Promise<MatrixRow[]> {
  const opening = await insertPublishedListing(ctx.db, 'opening', ctx.orgId('amacho'), '行列テスト用の提案の募集');
  const solution = await insertPublishedListing(ctx.db, 'solution', ctx.orgId('mirai-chiiki'), '行列テスト用の提案のソリューション');
  const pair = { openingId: String(opening.id), solutionId: String(solution.id), back: 'proposals' };
  const key = `${opening.id}-${solution.id}`;
  const sides = { anonymous: 302, municipalityX: 302, company: 302, others: 403 };
  return [
    { method: 'GET', path: '/proposals', expect: { anonymous: 302, municipalityX: 200, municipalityY: 200, company: 200, individual: 200, others: 403 }, note: 'the organisations that post listings' },
    { method: 'POST', path: '/proposals', form: { intent: `act:${key}`, ...pair }, expect: sides, note: 'acting on a pairing is for its two organisations (302 = to the form)' },
    { method: 'POST', path: '/proposals', form: { intent: `dismiss:${key}`, ...pair }, expect: sides, note: 'dismissing a pairing is for its two organisations' },
    {
      method: 'POST', path: '/proposals', form: { intent: 'dismiss:x', ...pair },
      expect: { anonymous: 302, municipalityX: 400, municipalityY: 400, company: 400, individual: 400, others: 403 }, note: 'a malformed post is refused, never a 500',
    },
  ];
}
