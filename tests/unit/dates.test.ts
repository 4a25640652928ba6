import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysUntil,
  formatDateTime,
  formatNumber,
  formatTime,
  formatTimeRange,
  formatWareki,
  formatWarekiMonth,
  formatWarekiWithWeekday,
  formatYen,
  fromJapanTime,
  isoDateInJapan,
  japanMonth,
  japanParts,
  japanToday,
} from '../../app/utils/dates';

describe('Japanese dates', () => {
  it.each([
    ['2026-04-01', '令和8年4月1日'],
    ['2026-10-01', '令和8年10月1日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2028-03-31', '令和10年3月31日'],
  ])('shows the calendar day %s as %s', (iso, expected) => expect(formatWareki(iso)).toBe(expected));

  it('shows months, weekdays and timestamps in one style', () => {
    expect(formatWarekiWithWeekday('2026-11-23')).toBe('令和8年11月23日（月）');
    expect(formatWarekiMonth('2027-01-15')).toBe('令和9年1月');
    // 2026-12-06 19:15 UTC is 4:15 on Monday 7 December in Japan
    expect(formatDateTime(new Date('2026-12-06T19:15:00Z'))).toBe('令和8年12月7日 4:15');
    expect(formatDateTime('2026-12-06T19:15:00.000Z')).toBe('令和8年12月7日 4:15');
    expect(formatTime(new Date('2026-12-07T14:05:00Z'))).toBe('23:05');
  });

  it('formats an interview slot in Japan time with the weekday, whatever the server zone', () => {
    expect(formatTimeRange(new Date('2026-12-01T01:00:00Z'), new Date('2026-12-01T02:00:00Z'))).toBe('令和8年12月1日（火）10:00〜11:00');
    expect(formatTimeRange(new Date('2026-12-01T14:00:00Z'), new Date('2026-12-01T15:30:00Z'))).toBe('令和8年12月1日（火）23:00〜令和8年12月2日（水）0:30');
  });

  it('reads instants in Japan time', () => {
    // 2026-03-31 16:00 UTC is already 1 April in Japan.
    expect(formatWareki(new Date('2026-03-31T16:00:00Z'))).toBe('令和8年4月1日');
    expect(isoDateInJapan(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(japanToday(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(japanToday(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(japanMonth(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04');
    expect(japanParts(new Date('2026-12-06T19:15:00Z'))).toEqual({ year: 2026, month: 12, day: 7, hour: 4, minute: 15, weekday: 1 });
    expect(fromJapanTime(2026, 12, 1, 10, 0).toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });

  it('counts days and formats amounts', () => {
    expect(daysUntil('2026-04-10', new Date('2026-04-01T03:00:00Z'))).toBe(9);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(formatYen(5_600_000)).toBe('560万円');
    expect(formatYen(12_345)).toBe('12,345円');
    expect(formatNumber(1433)).toBe('1,433');
  });
});
