import { japanParts } from '../../utils/dates';

/**
 * The fiscal year (April–March) a date falls in: 2026-04-01 … 2027-03-31 → 2026 (令和8年度).
 * A `YYYY-MM-DD` string is a calendar date; a Date is read in Japan time, where the programme runs.
 */
export function fiscalYearOf(date: Date | string): number {
  let year: number;
  let month: number;
  if (typeof date === 'string') {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
    if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
    year = Number(m[1]);
    month = Number(m[2]);
  } else {
    if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
    ({ year, month } = japanParts(date));
  }
  return month >= 4 ? year : year - 1;
}

/** `YYYY-04-01`, the first day of the fiscal year. */
export function fiscalYearStart(fiscalYear: number): string {
  return `${String(fiscalYear).padStart(4, '0')}-04-01`;
}

/** 2026 → 令和8年度, 2019 → 令和元年度, 2018 → 平成30年度. */
export function fiscalYearLabel(fiscalYear: number): string {
  if (fiscalYear >= 2019) {
    const n = fiscalYear - 2018;
    return `令和${n === 1 ? '元' : n}年度`;
  }
  const n = fiscalYear - 1988;
  return `平成${n === 1 ? '元' : n}年度`;
}
