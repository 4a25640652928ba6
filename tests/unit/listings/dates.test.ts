import { describe, expect, it } from 'vitest';
import { addDays, japanToday } from '../../../app/domain/listings/dates';
import { daysUntil, formatDate, formatWareki, formatWarekiMonth, formatWarekiWithWeekday, formatYen, isoDateInJapan } from '../../../app/utils/dates';

describe('Japanese dates', () => {
  it('shows calendar days in the 令和 era', () => {
    expect(formatWareki('2026-04-01')).toBe('令和8年4月1日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWarekiWithWeekday('2026-11-23')).toBe('令和8年11月23日(月)');
    expect(formatWarekiMonth('2027-01-15')).toBe('令和9年1月');
    expect(formatDate('2026-04-01')).toBe('2026/04/01');
  });

  it('reads instants in Japan time', () => {
    // 2026-03-31 16:00 UTC is already 1 April in Japan.
    expect(formatWareki(new Date('2026-03-31T16:00:00Z'))).toBe('令和8年4月1日');
    expect(isoDateInJapan(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(japanToday(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(japanToday(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
  });

  it('counts days and formats amounts', () => {
    expect(daysUntil('2026-04-10', new Date('2026-04-01T03:00:00Z'))).toBe(9);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(formatYen(5_600_000)).toBe('560万円');
    expect(formatYen(12_345)).toBe('12,345円');
  });
});
