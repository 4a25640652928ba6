/** Japanese era of a calendar date (令和 from 2019-05-01, 平成 before). */
export function toWareki(isoDate: string): { era: '令和' | '平成'; year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (isoDate >= '2019-05-01') return { era: '令和', year: y - 2018, month: mo, day: d };
  return { era: '平成', year: y - 1988, month: mo, day: d };
}

/** 2026-10-01 → 令和8年10月1日; 2019-05-01 → 令和元年5月1日. */
export function formatWareki(isoDate: string): string {
  const w = toWareki(isoDate);
  return `${w.era}${w.year === 1 ? '元' : w.year}年${w.month}月${w.day}日`;
}

/** The blank date line of an agreement not yet signed, filled in by hand. */
export const BLANK_WAREKI_DATE = '令和　　年　　月　　日';

export function parseIsoDate(isoDate: string): { y: number; m: number; d: number } {
  const [y, m, d] = isoDate.split('-').map(Number);
  return { y, m, d };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
