import { z } from 'zod';

/** Operators suspend (利用停止) and reactivate (利用再開) user accounts at /admin/users. */

export const USERS_PAGE_SIZE = 50;

/** The list's GET query: free text over name, e-mail and organisation; a page number from 1. */
export const UserListQuerySchema = z.object({
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? '').normalize('NFKC').trim())
    .pipe(z.string().max(100, '検索語は100文字以内で入力してください。')),
  page: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{1,6}$/.test(v) ? Math.max(1, Number(v)) : 1)),
});

export type SuspensionTarget = { id: string; isOperator: boolean; disabled: boolean };

/**
 * Why a suspension must be refused, or null when it may go ahead. `activeOperatorIds` are the
 * operator accounts that can still sign in (not suspended, e-mail confirmed, organisation approved).
 */
export function suspensionRefusal(actorId: string, target: SuspensionTarget, activeOperatorIds: readonly string[]): string | null {
  if (target.id === actorId) return 'ご自身のアカウントは利用停止できません。別の運営者に依頼してください。';
  if (target.disabled) return 'このアカウントは既に利用停止中です。';
  if (target.isOperator && activeOperatorIds.includes(target.id) && activeOperatorIds.length <= 1) {
    return '最後の有効な運営者アカウントは利用停止できません。先に別の運営者アカウントを有効にしてください。';
  }
  if (!activeOperatorIds.includes(actorId)) return 'あなたのアカウントは利用停止されているため、この操作はできません。';
  return null;
}

/** Why a reactivation must be refused, or null. */
export function reactivationRefusal(target: SuspensionTarget): string | null {
  return target.disabled ? null : 'このアカウントは利用停止されていません。';
}
