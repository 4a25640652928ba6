/*
 * Dates as Japanese readers expect them. Municipal documents use the era (令和), so deadlines and
 * start dates are shown as 「令和8年4月1日」; timestamps add the time. Everything is shown in Japan time.
 */

const TZ = 'Asia/Tokyo';

const wareki = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: TZ });
const warekiWithDay = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone: TZ });
const warekiMonth = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', timeZone: TZ });
const gregorian = new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: TZ });
const dateTime = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TZ });

/** An ISO date (YYYY-MM-DD) is a calendar day in Japan, so it is read at noon JST to avoid any shift. */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+09:00`) : new Date(value);
}

// Some ICU versions print the first year of an era as 「元年」 and others as 「1年」; official documents use 元年.
const gannen = (s: string) => s.replace(/(令和|平成)1年/g, '$1元年');

/** 「令和8年4月1日」 */
export function formatWareki(value: Date | string): string {
  return gannen(wareki.format(toDate(value)));
}

/** 「令和8年4月1日(水)」 */
export function formatWarekiWithWeekday(value: Date | string): string {
  return gannen(warekiWithDay.format(toDate(value)));
}

/** 「令和8年4月」 for start months, where the day is not meaningful. */
export function formatWarekiMonth(value: Date | string): string {
  return gannen(warekiMonth.format(toDate(value)));
}

/** 「2026/04/01」 for tables and compact lists. */
export function formatDate(value: Date | string): string {
  return gregorian.format(toDate(value));
}

/** 「令和8年4月1日 09:30」 */
export function formatDateTime(value: Date | string): string {
  return gannen(dateTime.format(toDate(value)));
}

/** The value of an <input type="date"> or <time dateTime> for an instant, in Japan time. */
export function isoDateInJapan(value: Date | string): string {
  return new Date(toDate(value).getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Whole days from today to a date (negative when past), both read as Japanese calendar days. */
export function daysUntil(isoDate: string, now: Date = new Date()): number {
  const today = isoDateInJapan(now);
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function formatYen(yen: number): string {
  if (yen % 10_000 === 0) return `${new Intl.NumberFormat('ja-JP').format(yen / 10_000)}万円`;
  return `${new Intl.NumberFormat('ja-JP').format(yen)}円`;
}
