import { describe, expect, it } from 'vitest';
import { alertPeriod, composeDigest, describeSearch, digestDedupeKey, isDue, isEmptyDigest, planDigests, searchHref } from '../../../app/domain/alerts';

const jst = (s: string) => new Date(`${s}+09:00`);

describe('alert periods', () => {
  it('即時 works in five-minute slots', () => {
    expect(alertPeriod('immediate', new Date('2026-12-07T08:03:59Z')).key).toBe('i:2026-12-07T08:00');
    expect(alertPeriod('immediate', new Date('2026-12-07T08:05:00Z')).key).toBe('i:2026-12-07T08:05');
  });

  it('毎日 starts at 8:00 Japan time; before 8:00 it is still the previous day', () => {
    expect(alertPeriod('daily', jst('2026-12-07T07:59')).key).toBe('d:2026-12-06');
    expect(alertPeriod('daily', jst('2026-12-07T08:00')).key).toBe('d:2026-12-07');
    expect(alertPeriod('daily', jst('2026-12-08T00:30')).key).toBe('d:2026-12-07');
    expect(alertPeriod('daily', jst('2026-12-07T08:00')).start.toISOString()).toBe('2026-12-06T23:00:00.000Z');
  });

  it('毎週 starts on Monday 8:00 Japan time (2026-12-07 is a Monday)', () => {
    expect(alertPeriod('weekly', jst('2026-12-07T07:00')).key).toBe('w:2026-11-30');
    expect(alertPeriod('weekly', jst('2026-12-07T08:00')).key).toBe('w:2026-12-07');
    expect(alertPeriod('weekly', jst('2026-12-13T23:59')).key).toBe('w:2026-12-07');
    expect(alertPeriod('weekly', jst('2026-12-14T08:01')).key).toBe('w:2026-12-14');
  });

  it('a search is due once per period', () => {
    const now = jst('2026-12-07T09:00');
    expect(isDue('daily', null, now)).toBe(true);
    expect(isDue('daily', 'd:2026-12-06', now)).toBe(true);
    expect(isDue('daily', 'd:2026-12-07', now)).toBe(false);
    expect(isDue('daily', 'd:2026-12-07', jst('2026-12-08T08:00'))).toBe(true);
  });
});

describe('planDigests', () => {
  const now = jst('2026-12-07T09:02');
  it('groups every due search of a user into one digest and leaves なし and already-worked periods out', () => {
    const plans = planDigests(
      [
        { id: 1, userId: 'u1', frequency: 'immediate', alertedPeriod: null },
        { id: 2, userId: 'u2', frequency: 'daily', alertedPeriod: 'd:2026-12-07' },
        { id: 3, userId: 'u1', frequency: 'daily', alertedPeriod: 'd:2026-12-06' },
        { id: 4, userId: 'u1', frequency: 'none', alertedPeriod: null },
        { id: 5, userId: 'u3', frequency: 'weekly', alertedPeriod: null },
        { id: 6, userId: 'u1', frequency: 'daily', alertedPeriod: null },
      ],
      now,
    );
    expect(plans.map((p) => [p.userId, p.searches.map((s) => s.id)])).toEqual([
      ['u1', [1, 3, 6]],
      ['u3', [5]],
    ]);
    expect(plans[0].periods.map((p) => p.key)).toEqual(['d:2026-12-07', 'i:2026-12-07T00:00']);
    expect(plans[0].dedupeKey).toBe('alerts:u1:d:2026-12-07,i:2026-12-07T00:00');
  });

  it('the same periods give the same outbox key, a new period a new one', () => {
    expect(digestDedupeKey('u', [{ key: 'b' }, { key: 'a' }])).toBe(digestDedupeKey('u', [{ key: 'a' }, { key: 'b' }]));
    const [first] = planDigests([{ id: 1, userId: 'u', frequency: 'immediate', alertedPeriod: null }], now);
    const [later] = planDigests([{ id: 1, userId: 'u', frequency: 'immediate', alertedPeriod: first.periods[0].key }], new Date(now.getTime() + 5 * 60_000));
    expect(later.dedupeKey).not.toBe(first.dedupeKey);
    expect(planDigests([{ id: 1, userId: 'u', frequency: 'immediate', alertedPeriod: first.periods[0].key }], new Date(now.getTime() + 60_000))).toEqual([]);
  });
});

describe('planDigests with the proposal digest', () => {
  const now = jst('2026-12-07T09:02');
  it('puts a due proposal digest in the same plan as the user’s searches, with its period in the outbox key; なし and worked periods are left out', () => {
    const plans = planDigests(
      [{ id: 1, userId: 'u1', frequency: 'weekly', alertedPeriod: null }],
      now,
      [
        { userId: 'u1', frequency: 'weekly', alertedPeriod: 'w:2026-11-30' },
        { userId: 'u2', frequency: 'daily', alertedPeriod: null },
        { userId: 'u3', frequency: 'none', alertedPeriod: null },
        { userId: 'u4', frequency: 'weekly', alertedPeriod: 'w:2026-12-07' },
      ],
    );
    expect(plans.map((p) => [p.userId, p.searches.map((s) => s.id), p.proposals?.key ?? null, p.dedupeKey])).toEqual([
      ['u1', [1], 'w:2026-12-07', 'alerts:u1:p:w:2026-12-07,w:2026-12-07'],
      ['u2', [], 'd:2026-12-07', 'alerts:u2:p:d:2026-12-07'],
    ]);
  });

  it('a digest of proposals alone is titled as such and links to the notification settings', () => {
    const d = composeDigest({
      recipientName: '大野',
      publicUrl: 'https://example.jp',
      sections: [],
      proposals: [{ title: '観光DX支援', url: '/solutions/3', listingTitle: '島の宿', reasons: ['観光DXの経験', '期間が合う'] }],
      proposalsMore: 2,
      unsubscribeUrl: 'https://example.jp/alerts/unsubscribe/t',
    });
    expect(d.subject).toBe('【起業人マッチ】あなたの掲載へのマッチング提案3件');
    expect(d.body).toContain('・観光DX支援（島の宿への提案）');
    expect(d.body).toContain('提案の理由: 観光DXの経験／期間が合う');
    expect(d.body).toContain('ほか2件');
    expect(d.body).toContain('https://example.jp/settings/notifications');
    expect(d.body).not.toContain('/settings/searches');
  });
});

describe('saved search text', () => {
  it('names the conditions readably and links back to /search with every filter', () => {
    const p = { q: '観光', kind: 'opening' as const, type: ['dispatch' as const, 'side_job' as const], pref: '島根県', remote: '1' as const, termMin: 6, termMax: 24 };
    expect(describeSearch(p)).toBe('「観光」・起業人募集・企業派遣型・副業型・島根県・リモート可・期間6〜24か月');
    expect(describeSearch({ q: '', type: [] })).toBe('すべての募集・ソリューション');
    expect(describeSearch({ q: 'あ'.repeat(100), type: [] })).toHaveLength(60);
    expect(searchHref(p)).toBe(`/search?q=${encodeURIComponent('観光')}&kind=opening&type=dispatch&type=side_job&pref=${encodeURIComponent('島根県')}&remote=1&termMin=6&termMax=24`);
    expect(searchHref({ q: '', type: [], eligibleClass: 'B', eligiblePref: '01' })).toBe('/search?eligibleClass=B&eligiblePref=01');
  });

  it('a digest lists each search with its listings, the search link and the unsubscribe link', () => {
    const input = {
      recipientName: '佐藤',
      publicUrl: 'https://example.jp',
      sections: [
        { name: '「観光」', href: '/search?q=x', hits: [{ title: '観光DX', url: '/openings/1', kindLabel: '起業人募集', place: '島根県 海士町' }], more: 2 },
        { name: '空', href: '/search', hits: [], more: 0 },
      ],
      proposals: [],
      unsubscribeUrl: 'https://example.jp/alerts/unsubscribe/t',
    };
    const d = composeDigest(input);
    expect(d.subject).toBe('【起業人マッチ】保存した検索条件の新着の掲載3件');
    expect(d.body).toContain('■ 「観光」（3件）');
    expect(d.body).toContain('https://example.jp/openings/1');
    expect(d.body).toContain('ほか2件');
    expect(d.body).toContain('この条件で検索する: https://example.jp/search?q=x');
    expect(d.body).toContain('https://example.jp/alerts/unsubscribe/t');
    expect(d.body).not.toContain('■ 空');
    expect(d.summary).toBe('「観光」：3件');
    expect(isEmptyDigest(input)).toBe(false);
    expect(isEmptyDigest({ sections: [input.sections[1]], proposals: [] })).toBe(true);
  });
});
