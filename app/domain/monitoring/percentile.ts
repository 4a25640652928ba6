/** One value of a discrete measure (whole hours, whole days) and how many records took it. */
export interface HistogramBin {
  value: number;
  n: number;
}

/**
 * Nearest-rank percentile over a histogram: the smallest value whose cumulative count reaches
 * ⌈p/100 × N⌉. It is always an observed value, so it is exact for whole-hour and whole-day
 * measures and the same whether computed here or from the raw records. Null when empty.
 */
export function percentileOfHistogram(bins: readonly HistogramBin[], p: number): number | null {
  if (p <= 0 || p > 100) throw new RangeError(`percentile out of range: ${p}`);
  const sorted = bins.filter((b) => b.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const b of sorted) {
    seen += b.n;
    if (seen >= rank) return b.value;
  }
  return sorted[sorted.length - 1]!.value;
}

export function percentileOf(values: readonly number[], p: number): number | null {
  const bins = new Map<number, number>();
  for (const v of values) bins.set(v, (bins.get(v) ?? 0) + 1);
  return percentileOfHistogram([...bins].map(([value, n]) => ({ value, n })), p);
}

export function histogramTotal(bins: readonly HistogramBin[]): number {
  return bins.reduce((s, b) => s + b.n, 0);
}
