import { addDays } from '../../utils/dates';
import type { ListingKind } from './model';
import { TYPES_BY_ORG_KIND } from './permissions';
import { LIMITS } from './rules';

/*
 * The rules of a listing form that need more than the form: who posts (which 類型 they may offer),
 * today's date (a start or deadline already past, a deadline a year away) and, when editing, the
 * listing as stored. Pure, so the route runs them with the form's own checks (one answer lists every
 * problem) and the service runs them again before it writes.
 */

export type ListingRuleContext = {
  kind: ListingKind;
  role: string;
  /** YYYY-MM-DD, Japan time */
  today: string;
  /** creating and publishing at once */
  publish?: boolean;
  /** the listing as stored, when editing */
  stored?: { status: string; startFrom: string | null };
};

export type ListingRuleValues = { types?: readonly string[]; startFrom?: string; deadline?: string };

export function listingRuleProblems(v: ListingRuleValues, ctx: ListingRuleContext): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const allowed: readonly string[] = TYPES_BY_ORG_KIND[ctx.role as keyof typeof TYPES_BY_ORG_KIND] ?? [];
  if (v.types?.some((t) => !allowed.includes(t))) {
    errors.types = [
      ctx.role === 'company'
        ? '企業が掲載できるのは企業派遣型と副業型（社員の副業）です。シニア型は退職した方ご本人が掲載してください。'
        : '個人が掲載できるのは副業型とシニア型です。企業派遣型は企業として掲載してください。',
    ];
  }
  // A start already past is refused when it is typed; a listing that has started keeps its date when edited.
  if (v.startFrom !== undefined && v.startFrom < ctx.today && v.startFrom !== ctx.stored?.startFrom) {
    errors.startFrom = [`${ctx.kind === 'opening' ? '開始希望時期' : '開始可能時期'}が過ぎています。今日以降の日付にしてください。`];
  }
  if (ctx.kind === 'opening' && v.deadline !== undefined) {
    if (v.deadline > addDays(ctx.today, LIMITS.deadlineMaxDaysAhead)) errors.deadline = ['応募締切日が先すぎます。1年以内の日付を入力してください。'];
    else if (v.deadline < ctx.today && ctx.stored?.status === 'published') errors.deadline = ['公開中の募集の締切日は今日以降にしてください。募集を終える場合は「募集を終了」を使ってください。'];
    else if (v.deadline < ctx.today && !ctx.stored && ctx.publish) errors.deadline = ['応募締切日が過ぎています。今日以降の日付にしてください。'];
  }
  return errors;
}
