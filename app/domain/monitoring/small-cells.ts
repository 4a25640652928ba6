/**
 * Small cells. A count of people (applications, conversations, agreements) below this threshold is
 * never shown: in a narrow breakdown (a prefecture × type × category) one or two records can point
 * to a named person. Listing counts are public information and are shown as they are.
 */
export const SMALL_CELL_THRESHOLD = 3;
export const SUPPRESSED_TEXT = '3未満';

export interface ProtectedCount {
  /** null when suppressed */
  value: number | null;
  suppressed: boolean;
  /** what a hidden cell reads: 「3未満」 (1 or 2), 「秘匿」 (hidden to protect another cell) or 「非表示」 */
  hiddenText?: string;
}

export function isSmall(n: number): boolean {
  return n > 0 && n < SMALL_CELL_THRESHOLD;
}

export function protect(n: number): ProtectedCount {
  return isSmall(n) ? { value: null, suppressed: true } : { value: n, suppressed: false };
}

/**
 * Primary suppression of every small cell of one breakdown column, then secondary suppression:
 * when exactly one cell is hidden and the total is shown, the hidden value would be the total minus
 * the others, so the smallest other non-zero cell is hidden too.
 */
export function protectColumn(values: readonly number[], total: number | null): ProtectedCount[] {
  const out = values.map(protect);
  const hidden = out.filter((c) => c.suppressed).length;
  const totalShown = total !== null && !isSmall(total);
  if (hidden === 1 && totalShown) {
    let pick = -1;
    values.forEach((v, i) => {
      if (!out[i]!.suppressed && v > 0 && (pick < 0 || v < values[pick]!)) pick = i;
    });
    if (pick >= 0) out[pick] = { value: null, suppressed: true };
  }
  return out;
}

/** A statistic over records (median, 90th percentile) is shown only when enough records stand behind it. */
export function protectStatistic(value: number | null, records: number): ProtectedCount {
  if (records < SMALL_CELL_THRESHOLD || value === null) return { value: null, suppressed: records > 0 };
  return { value, suppressed: false };
}
