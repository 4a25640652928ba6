import { japanMonth } from '../../utils/dates';
import { fiscalYearLabel, fiscalYearOf } from '../rules/fiscal-year';

/** Months are keyed `YYYY-MM` (Japan time): the key sorts and compares as text on every driver. */
export type MonthKey = string;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: string): boolean {
  return MONTH_RE.test(value);
}

/** The month a moment falls in, in Japan time: 2026-03-31T15:30Z is already 2026-04 in Tokyo. */
export function monthKeyOf(date: Date): MonthKey {
  return japanMonth(date);
}

export function fiscalYearOfMonth(month: MonthKey): number {
  return fiscalYearOf(`${month}-01`);
}

/** The twelve months of a fiscal year, April to March. */
export function fiscalYearMonths(fiscalYear: number): MonthKey[] {
  const months: MonthKey[] = [];
  for (let i = 0; i < 12; i += 1) {
    const m = 4 + i;
    const year = m > 12 ? fiscalYear + 1 : fiscalYear;
    months.push(`${year}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

export function addMonths(month: MonthKey, n: number): MonthKey {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`not a YYYY-MM month: ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: MonthKey, to: MonthKey): MonthKey[] {
  const out: MonthKey[] = [];
  for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** 「2026年4月」: tables and charts use the Western year, the fiscal year keeps the era. */
export function monthLabel(month: MonthKey): string {
  const m = MONTH_RE.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

export { fiscalYearLabel, fiscalYearOf };
