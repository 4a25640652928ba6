/** How often a saved search's new listings are mailed (and listed in お知らせ). */
export const ALERT_FREQUENCIES = ['immediate', 'daily', 'weekly', 'none'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];
export type ActiveFrequency = Exclude<AlertFrequency, 'none'>;

export const ALERT_FREQUENCY_LABELS: Record<AlertFrequency, string> = { immediate: '即時', daily: '毎日', weekly: '毎週', none: 'なし' };

export const ALERT_FREQUENCY_HINTS: Record<AlertFrequency, string> = {
  immediate: '新着があれば数分以内にまとめてお知らせします。',
  daily: '毎朝8時に前日からの新着をまとめてお知らせします。',
  weekly: '毎週月曜日の朝8時に1週間分の新着をまとめてお知らせします。',
  none: 'お知らせしません（検索条件は残ります）。',
};
