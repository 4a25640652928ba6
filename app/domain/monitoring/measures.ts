/**
 * What the summary counts, one integer per measure and cell of the summary table. The ids are
 * the summary table's column names. `basis` says which date places a record in a month:
 * listings by publication (drafts by creation), applications by the day they were sent, events
 * by the day they happened.
 */
export const MEASURES = [
  // listings: basis 'listing'
  { id: 'listings', label: '掲載・下書きの合計', basis: 'listing', personal: false },
  { id: 'st_draft', label: '下書き', basis: 'listing', personal: false },
  { id: 'st_open', label: '募集中', basis: 'listing', personal: false },
  { id: 'st_expired', label: '締切', basis: 'listing', personal: false },
  { id: 'st_filled', label: '決定により終了', basis: 'listing', personal: false },
  { id: 'st_withdrawn', label: '取り下げ', basis: 'listing', personal: false },
  { id: 'published', label: '掲載', basis: 'listing', personal: false },
  { id: 'fn_applied', label: '応募あり', basis: 'listing', personal: true },
  { id: 'fn_dialogue', label: '対話に進んだ', basis: 'listing', personal: true },
  { id: 'fn_agreed', label: '合意に至った', basis: 'listing', personal: true },
  { id: 'fn_concluded', label: '締結に至った', basis: 'listing', personal: true },
  { id: 'unanswered_30d', label: '30日以上応募なし', basis: 'listing', personal: false },
  // applications: basis 'application'
  { id: 'applications', label: '応募', basis: 'application', personal: true },
  { id: 'ap_applied', label: '応募済', basis: 'application', personal: true },
  { id: 'ap_dialogue', label: '対話中', basis: 'application', personal: true },
  { id: 'ap_interview', label: '面談調整中', basis: 'application', personal: true },
  { id: 'ap_agreed', label: '合意', basis: 'application', personal: true },
  { id: 'ap_preparing', label: '協定・契約準備', basis: 'application', personal: true },
  { id: 'ap_concluded', label: '締結済', basis: 'application', personal: true },
  { id: 'ap_withdrawn', label: '辞退', basis: 'application', personal: true },
  { id: 'ap_declined', label: '見送り', basis: 'application', personal: true },
  { id: 'ap_reached_dialogue', label: '対話以降に進んだ応募', basis: 'application', personal: true },
  { id: 'ap_reached_agreed', label: '合意以降に進んだ応募', basis: 'application', personal: true },
  { id: 'ap_reached_concluded', label: '締結に至った応募', basis: 'application', personal: true },
  { id: 'inquiries', label: '対象外の警告により問い合わせとして送信', basis: 'application', personal: true },
  { id: 'cv_total', label: '会話', basis: 'application', personal: true },
  { id: 'cv_replied', label: '返信のあった会話', basis: 'application', personal: true },
  { id: 'ag_total', label: '協定書・契約書', basis: 'application', personal: true },
  { id: 'ag_drafting', label: '作成中', basis: 'application', personal: true },
  { id: 'ag_agreed', label: '双方合意済み', basis: 'application', personal: true },
  { id: 'ag_concluded', label: '締結済', basis: 'application', personal: true },
  // events: basis 'event'
  { id: 'ev_agreed', label: 'その月の合意', basis: 'event', personal: true },
  { id: 'ev_concluded', label: 'その月の締結', basis: 'event', personal: true },
] as const;

export type MeasureId = (typeof MEASURES)[number]['id'];
export const MEASURE_IDS = MEASURES.map((m) => m.id) as MeasureId[];
export type Measures = Record<MeasureId, number>;

export const DURATION_METRICS = [
  { id: 'reply_hours', label: '初回返信までの時間', unit: '時間' },
  { id: 'agreement_days', label: '合意までの日数', unit: '日' },
] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number]['id'];

export { LISTING_KINDS as LISTING_KIND_IDS, type ListingKind as CubeKind } from '../vocabulary';

/** The summary's "any" value of a dimension: a record counts once in it, whatever it lists. */
export const ANY = '*';
/** A listing without a known prefecture. */
export const UNKNOWN_PREF = '00';

export function emptyMeasures(): Measures {
  return Object.fromEntries(MEASURE_IDS.map((id) => [id, 0])) as Measures;
}

export function addMeasures(a: Measures, b: Measures): Measures {
  const out = emptyMeasures();
  for (const id of MEASURE_IDS) out[id] = a[id] + b[id];
  return out;
}

/** Measures of one cell of a breakdown, split by the kind of listing (applications: the kind applied to). */
export interface KindSplit {
  opening: Measures;
  solution: Measures;
}

export function emptySplit(): KindSplit {
  return { opening: emptyMeasures(), solution: emptyMeasures() };
}

export function both(split: KindSplit): Measures {
  return addMeasures(split.opening, split.solution);
}
