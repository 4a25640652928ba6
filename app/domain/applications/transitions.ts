import { isTerminal, type ApplicationState, type Side } from './states';

type Who = Side | 'either';

/**
 * Every allowed move and who may make it. The listing's owner opens the dialogue and says yes;
 * either party may arrange the interview or step back to talking, and either may start and
 * finish the paperwork once both agreed. Leaving is 辞退 for the applicant, 見送り for the owner.
 */
const MOVES: readonly { from: ApplicationState; to: ApplicationState; by: Who }[] = [
  { from: 'applied', to: 'in_dialogue', by: 'owner' },
  { from: 'in_dialogue', to: 'interview', by: 'either' },
  { from: 'interview', to: 'in_dialogue', by: 'either' },
  { from: 'in_dialogue', to: 'agreed', by: 'owner' },
  { from: 'interview', to: 'agreed', by: 'owner' },
  { from: 'agreed', to: 'preparing', by: 'either' },
  { from: 'preparing', to: 'concluded', by: 'either' },
];

/**
 * `viaAgreement`: the move comes from the agreement flow, after both parties agreed to the same
 * version and a signing date was recorded. 締結済 is reachable only that way.
 */
export type MoveContext = { inquiry: boolean; viaAgreement?: boolean };

export type MoveDecision =
  | { ok: true }
  | { ok: false; code: 'terminal' | 'not_allowed' | 'wrong_side' | 'inquiry' | 'reason_required' | 'agreement_required'; message: string };

/** Whether `side` may move an application from `from` to `to`, with the Japanese reason when not. */
export function decideMove(side: Side, from: ApplicationState, to: ApplicationState, ctx: MoveContext & { reason?: string | null }): MoveDecision {
  if (isTerminal(from)) return { ok: false, code: 'terminal', message: 'この応募は終了しているため、状態を変更できません。' };
  if (to === 'withdrawn' || to === 'declined') {
    const by: Side = to === 'withdrawn' ? 'applicant' : 'owner';
    if (side !== by) {
      return { ok: false, code: 'wrong_side', message: to === 'withdrawn' ? '辞退できるのは応募した側だけです。' : '見送りにできるのは掲載した側だけです。' };
    }
    if (!ctx.reason || ctx.reason.trim() === '') return { ok: false, code: 'reason_required', message: '理由を入力してください。' };
    return { ok: true };
  }
  const move = MOVES.find((m) => m.from === from && m.to === to);
  if (!move) return { ok: false, code: 'not_allowed', message: 'この状態からは変更できません。' };
  if (move.by !== 'either' && move.by !== side) return { ok: false, code: 'wrong_side', message: 'この変更は相手側が行います。' };
  if (to === 'concluded' && !ctx.viaAgreement) {
    return { ok: false, code: 'agreement_required', message: '締結は、協定書・契約書の画面で双方が同じ版に合意したあとに記録します。' };
  }
  if (to === 'agreed' && ctx.inquiry) {
    return { ok: false, code: 'inquiry', message: '制度の対象外の組み合わせ（問い合わせ）は合意に進めません。' };
  }
  return { ok: true };
}

export function canMove(side: Side, from: ApplicationState, to: ApplicationState, ctx: MoveContext): boolean {
  // The reason is asked for separately; here only whether the move is open to this side.
  return decideMove(side, from, to, { ...ctx, reason: 'x' }).ok;
}

/** The moves one side can make now, in display order (the main line first, then leaving). */
export function allowedMoves(side: Side, state: ApplicationState, ctx: MoveContext): ApplicationState[] {
  const forward = MOVES.filter((m) => m.from === state).map((m) => m.to);
  return [...forward, 'withdrawn' as const, 'declined' as const].filter((to) => canMove(side, state, to, ctx));
}

/** Button text for a move. */
export const MOVE_LABELS: Record<ApplicationState, string> = {
  applied: '応募済に戻す',
  in_dialogue: '対話を始める',
  interview: '面談調整に進む',
  agreed: '合意する',
  preparing: '協定・契約の準備に進む',
  concluded: '締結済にする',
  withdrawn: '辞退する',
  declined: '見送る',
};

/** The button for interview → in_dialogue reads differently from applied → in_dialogue. */
export function moveLabel(from: ApplicationState, to: ApplicationState): string {
  if (from === 'interview' && to === 'in_dialogue') return '対話に戻る';
  return MOVE_LABELS[to];
}
