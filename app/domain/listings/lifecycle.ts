import type { CloseReason, EffectiveStatus, Listing, ListingStatus } from './model';

export type LifecycleAction = 'edit' | 'publish' | 'close' | 'reopen' | 'expire';

export type Decision = { ok: true } | { ok: false; code: string; message: string };

const ok: Decision = { ok: true };
const no = (code: string, message: string): Decision => ({ ok: false, code, message });

/** A published listing stops taking applications after its deadline (inclusive, Japan time). */
export function isPastDeadline(listing: Pick<Listing, 'deadline'>, today: string): boolean {
  return listing.deadline !== null && listing.deadline < today;
}

export function effectiveStatus(listing: Pick<Listing, 'status' | 'deadline'>, today: string): EffectiveStatus {
  if (listing.status === 'published' && isPastDeadline(listing, today)) return 'expired';
  return listing.status;
}

/** Whether anyone can still apply or approach: published and not past its deadline. */
export function isOpen(listing: Pick<Listing, 'status' | 'deadline'>, today: string): boolean {
  return effectiveStatus(listing, today) === 'published';
}

/**
 * The lifecycle: draft → published → closed (filled | withdrawn | expired).
 * A draft can be withdrawn without ever being published; a listing closed as withdrawn or expired
 * can be published again once its deadline is moved (reopen); a filled one stays closed.
 */
export function decide(
  listing: Pick<Listing, 'status' | 'closeReason' | 'deadline' | 'kind'>,
  action: LifecycleAction,
  today: string,
  reason?: CloseReason,
): Decision {
  const status: ListingStatus = listing.status;
  switch (action) {
    case 'edit':
      if (status === 'closed') return no('closed', '終了した掲載は編集できません。再掲載してから編集してください。');
      return ok;
    case 'publish':
      if (status !== 'draft') return no('not_draft', '公開できるのは下書きだけです。');
      return deadlineCheck(listing, today);
    case 'reopen':
      if (status !== 'closed') return no('not_closed', '再掲載できるのは終了した掲載だけです。');
      if (listing.closeReason === 'filled') return no('filled', '決定済みの掲載は再掲載できません。新しく作成してください。');
      return deadlineCheck(listing, today);
    case 'close':
      if (reason === 'expired' || reason === undefined) return no('bad_reason', '終了の理由を選んでください。');
      if (status === 'closed') return no('already_closed', 'この掲載はすでに終了しています。');
      if (status === 'draft' && reason === 'filled') return no('draft_filled', '公開前の下書きは「取り下げ」でのみ終了できます。');
      return ok;
    case 'expire':
      if (status !== 'published' || !isPastDeadline(listing, today)) return no('not_expired', '締切を過ぎていません。');
      return ok;
  }
}

function deadlineCheck(listing: Pick<Listing, 'deadline' | 'kind'>, today: string): Decision {
  if (listing.kind === 'opening' && listing.deadline === null) return no('no_deadline', '応募締切日を設定してから公開してください。');
  if (isPastDeadline(listing, today)) return no('deadline_past', '応募締切日が過ぎています。締切日を今日以降に変更してから公開してください。');
  return ok;
}

/** The status a successful action leads to. */
export function nextState(action: Exclude<LifecycleAction, 'edit'>, reason?: CloseReason): { status: ListingStatus; closeReason: CloseReason | null } {
  if (action === 'publish' || action === 'reopen') return { status: 'published', closeReason: null };
  if (action === 'expire') return { status: 'closed', closeReason: 'expired' };
  return { status: 'closed', closeReason: reason ?? 'withdrawn' };
}
