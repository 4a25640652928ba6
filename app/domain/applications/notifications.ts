import { DEFAULT_PROPOSAL_DIGEST_FREQUENCY, type ProposalDigestFrequency } from '../alerts/proposal-digest';

/** What a user can be told about, each with its own in-app and e-mail switch (マッチング提案 also with its frequency). */
export const NOTIFICATION_KINDS = ['message', 'application', 'state_change', 'interview', 'proposal'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_LABELS: Record<NotificationKind, { label: string; hint: string }> = {
  message: { label: '新着メッセージ', hint: '未読のメッセージを、しばらく経ってからまとめてお知らせします（1通ごとには送りません）。' },
  application: { label: '応募・スカウトの受信', hint: 'あなたの団体の掲載に応募やスカウトが届いたとき。' },
  state_change: { label: '状態の変更', hint: '相手が応募の状態を変更したとき（対話開始・合意・辞退など）。' },
  interview: { label: '面談日時', hint: '面談の候補日時が提案されたとき、承諾されたとき。' },
  proposal: {
    label: 'マッチング提案',
    hint: 'あなたの団体の掲載によく合う新しいマッチング提案（理由つき）を、選んだ頻度でまとめてお知らせします。保存した検索条件のお知らせと同じ回には1通にまとめます。',
  },
};

export type Preference = { inApp: boolean; email: boolean };
/** Every kind's switches; the proposal digest also has its frequency. */
export type Preferences = Record<Exclude<NotificationKind, 'proposal'>, Preference> & { proposal: Preference & { frequency: ProposalDigestFrequency } };
export { DEFAULT_PROPOSAL_DIGEST_FREQUENCY };

/** Everything on unless the user turned it off; new messages are never listed in-app (the header count shows them). */
export function defaultPreference(kind: NotificationKind): Preference {
  return { inApp: kind !== 'message', email: true };
}

export const DIGEST_RULES = {
  /** a message unread this long is mailed */
  delayMinutes: 15,
  /** attempts before an outbox row is given up */
  maxAttempts: 6,
} as const;

/** Back-off before retry n (1-based): 1, 2, 4, 8, 16 minutes, capped at an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60, 2 ** Math.max(0, attempt - 1)) * 60_000;
}
