/*
 * The one date module: Japan time, calendar arithmetic and every date shown to people. Pure and
 * client-safe (no Node API), so routes, components, services and the domain all import it.
 *
 * Style (one for the whole UI and for documents and mails): the Japanese era, as municipal documents
 * use it and as the fiscal years are named (令和8年度).
 *   day        「令和8年4月1日」           formatWareki
 *   with day   「令和8年12月7日（月）」     formatWarekiWithWeekday  (where a day is planned: slots)
 *   month      「令和8年4月」              formatWarekiMonth
 *   timestamp  「令和8年12月7日 4:15」      formatDateTime           (inbox, audit log, versions …)
 * Times are 24-hour H:mm. Every Intl formatter is built once, here: constructing one costs far more
 * than formatting with it.
 */

export const TIME_ZONE = 'Asia/Tokyo';
/** Japan has had no daylight saving time since 1951: Japan time is always UTC+9. */
export const JST_OFFSET_MS = 9 * 3600_000;

const wareki = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: TIME_ZONE });
const warekiMonth = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', timeZone: TIME_ZONE });
const numbers = new Intl.NumberFormat('ja-JP');
const fourDecimals = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 4 });
const WEEKDAYS = '日月火水木金土';

/** The wall-clock fields of an instant in Japan time. */
export interface JapanParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  weekday: number;
}

export function japanParts(instant: Date): JapanParts {
  const d = new Date(instant.getTime() + JST_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay() };
}

/** The instant of a Japanese wall-clock time (month 1–12). */
export function fromJapanTime(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - JST_OFFSET_MS);
}

/** An ISO date (YYYY-MM-DD) is a calendar day in Japan, so it is read at noon JST to avoid any shift. */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+09:00`) : new Date(value);
}

/** The calendar day of an instant in Japan, as YYYY-MM-DD (the value of an <input type="date">). */
export function isoDateInJapan(value: Date | string): string {
  return new Date(toDate(value).getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Japan (the programme's deadlines are Japanese calendar days), as YYYY-MM-DD. */
export function japanToday(now: Date = new Date()): string {
  return isoDateInJapan(now);
}

/** The month of an instant in Japan, as YYYY-MM: 2026-03-31T15:30Z is already 2026-04 in Tokyo. */
export function japanMonth(instant: Date): string {
  return isoDateInJapan(instant).slice(0, 7);
}

/** Adds whole days to an ISO date, in UTC arithmetic so that no time zone shifts the day. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from today to a date (negative when past), both read as Japanese calendar days. */
export function daysUntil(isoDate: string, now: Date = new Date()): number {
  const today = japanToday(now);
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

// Some ICU versions print the first year of an era as 「元年」 and others as 「1年」; official documents use 元年.
const gannen = (s: string) => s.replace(/(令和|平成)1年/g, '$1元年');

/** 「令和8年4月1日」; 2019-05-01 → 「令和元年5月1日」, 2019-04-30 → 「平成31年4月30日」. */
export function formatWareki(value: Date | string): string {
  return gannen(wareki.format(toDate(value)));
}

/** 「令和8年12月7日（月）」 */
export function formatWarekiWithWeekday(value: Date | string): string {
  const date = toDate(value);
  return `${formatWareki(date)}（${WEEKDAYS[japanParts(date).weekday]}）`;
}

/** 「令和8年4月」 for start months, where the day is not meaningful. */
export function formatWarekiMonth(value: Date | string): string {
  return gannen(warekiMonth.format(toDate(value)));
}

/** 「4:15」, 24-hour Japan time. */
export function formatTime(value: Date | string): string {
  const p = japanParts(toDate(value));
  return `${p.hour}:${String(p.minute).padStart(2, '0')}`;
}

/** 「令和8年12月7日 4:15」 */
export function formatDateTime(value: Date | string): string {
  const date = toDate(value);
  return `${formatWareki(date)} ${formatTime(date)}`;
}

/** 「令和8年12月1日（火）10:00〜11:00」 (an end on another day is written in full). */
export function formatTimeRange(start: Date | string, end: Date | string): string {
  const s = toDate(start);
  const e = toDate(end);
  const sameDay = isoDateInJapan(s) === isoDateInJapan(e);
  return `${formatWarekiWithWeekday(s)}${formatTime(s)}〜${sameDay ? '' : formatWarekiWithWeekday(e)}${formatTime(e)}`;
}

/** 1433 → 「1,433」 */
export function formatNumber(n: number): string {
  return numbers.format(n);
}

/** 12,345円 → 「1.2345万円」 (an amount in 万円, up to four decimals). */
export function formatMan(yen: number): string {
  return `${fourDecimals.format(yen / 10_000)}万円`;
}

export function formatYen(yen: number): string {
  if (yen % 10_000 === 0) return `${numbers.format(yen / 10_000)}万円`;
  return `${numbers.format(yen)}円`;
}
