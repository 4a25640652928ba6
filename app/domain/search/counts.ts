import { formatNumber } from '../../utils/dates';

/** An estimate rounded to two significant digits: 11,928 → 12,000; 8 → 8. */
export function roundEstimate(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** A result or facet count as shown: 1,234 when exact, 約12,000 when estimated from a sample. */
export function countLabel(n: number, exact: boolean): string {
  return exact ? formatNumber(n) : `約${formatNumber(roundEstimate(n))}`;
}
