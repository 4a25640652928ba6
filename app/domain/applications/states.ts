/**
 * The life of an application (応募) or a scout (スカウト), from the ministry's flow: apply, talk,
 * meet, agree, prepare the agreement or contract, conclude it. Codes are stored; labels are shown.
 */
export const APPLICATION_STATES = ['applied', 'in_dialogue', 'interview', 'agreed', 'preparing', 'concluded', 'withdrawn', 'declined'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const STATE_LABELS: Record<ApplicationState, string> = {
  applied: '応募済',
  in_dialogue: '対話中',
  interview: '面談調整中',
  agreed: '合意',
  preparing: '協定/契約準備',
  concluded: '締結済',
  withdrawn: '辞退',
  declined: '見送り',
};

/**
 * The label for an application or a scout: a scout's first state reads 「スカウト済」 (nobody applied),
 * every other state is the same for both.
 */
export function stateLabel(state: ApplicationState, kind?: 'application' | 'scout'): string {
  return state === 'applied' && kind === 'scout' ? 'スカウト済' : STATE_LABELS[state];
}

/** The main line, in order, for progress displays. */
export const PROGRESS: readonly ApplicationState[] = ['applied', 'in_dialogue', 'interview', 'agreed', 'preparing', 'concluded'];

export const TERMINAL_STATES: readonly ApplicationState[] = ['concluded', 'withdrawn', 'declined'];

export const isTerminal = (state: ApplicationState) => TERMINAL_STATES.includes(state);

/** The two parties: the organisation that applied (or scouted) and the organisation whose listing it is. */
export type Side = 'applicant' | 'owner';

export type ApplicationKind = 'application' | 'scout';
