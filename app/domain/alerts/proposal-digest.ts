/*
 * The マッチング提案 digest: every user whose organisation has published listings hears of the new
 * proposals for them (at or above the threshold) at the chosen frequency, 毎週 unless changed.
 */

/** A proposal is announced when it fits at least this well (the fit score runs from 0 to 1). */
export const PROPOSAL_ALERT_MIN_SCORE = 0.5;

export const PROPOSAL_DIGEST_FREQUENCIES = ['daily', 'weekly', 'none'] as const;
export type ProposalDigestFrequency = (typeof PROPOSAL_DIGEST_FREQUENCIES)[number];
export const DEFAULT_PROPOSAL_DIGEST_FREQUENCY: ProposalDigestFrequency = 'weekly';

export const PROPOSAL_DIGEST_FREQUENCY_LABELS: Record<ProposalDigestFrequency, string> = { daily: '毎日', weekly: '毎週', none: 'なし' };

export const PROPOSAL_DIGEST_FREQUENCY_HINTS: Record<ProposalDigestFrequency, string> = {
  daily: '毎朝8時に、前日からの新しい提案をまとめてお知らせします。',
  weekly: '毎週月曜日の朝8時に、1週間分の新しい提案をまとめてお知らせします。',
  none: 'お知らせしません（提案は「あなたへの提案」でいつでも見られます）。',
};

/** The periods key of the proposal part of a digest in its outbox key ('p:w:2026-12-07'). */
export const proposalPeriodKey = (key: string) => `p:${key}`;
