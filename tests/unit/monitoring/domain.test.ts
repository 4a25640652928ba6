import { describe, expect, it } from 'vitest';
import {
  buildFunnel,
  emptySplit,
  fiscalYearMonths,
  fiscalYearOfMonth,
  mapClasses,
  MEASURE_IDS,
  monthKeyOf,
  parseCsv,
  parseMonitoringFilters,
  percentileOf,
  percentileOfHistogram,
  PREFECTURE_TILES,
  protectColumn,
  protectStatistic,
  SUPPRESSED_TEXT,
  tableToCsv,
  buildTables,
  buildProtectedCube,
  groupDiscloses,
  suppressCells,
  WITHHELD_TEXT,
  viewCoord,
  SECONDARY_TEXT,
  filtersToQuery,
  type CubeRecord,
  type DashboardAggregates,
} from '../../../app/domain/monitoring';
import { MONITORING_MEASURE_COLUMNS } from '../../../db/types/monitoring';

const NOW = new Date('2026-06-15T03:00:00Z');

describe('fiscal years and months (Japan time)', () => {
  it('puts 31 March in the previous fiscal year and 1 April in the new one', () => {
    expect(monthKeyOf(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03'); // 23:59:59 JST
    expect(monthKeyOf(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04'); // 00:00 JST on 1 April
    expect(fiscalYearOfMonth('2026-03')).toBe(2025);
    expect(fiscalYearOfMonth('2026-04')).toBe(2026);
    expect(fiscalYearMonths(2026)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
  });
});

describe('filters', () => {
  it('defaults to the current fiscal year and reads every filter from the URL', () => {
    const { filters, errors } = parseMonitoringFilters(new URLSearchParams('type=senior&category=dx&pref=32&map=matches'), NOW);
    expect(errors).toEqual({});
    expect(filters).toEqual({ fiscalYear: 2026, from: '2026-04', to: '2027-03', customPeriod: false, type: 'senior', category: 'dx', pref: '32', map: 'matches' });
    expect(filtersToQuery(filters)).toBe('?fy=2026&type=senior&category=dx&pref=32&map=matches');
  });

  it('lets a period override the fiscal year, and reports wrong values while falling back to defaults', () => {
    expect(parseMonitoringFilters(new URLSearchParams('from=2025-10&to=2026-03'), NOW).filters).toMatchObject({ from: '2025-10', to: '2026-03', customPeriod: true });
    const bad = parseMonitoringFilters(new URLSearchParams('fy=1999&from=2026-13&type=x&pref=48&from=2026-05'), NOW);
    expect(Object.keys(bad.errors).sort()).toEqual(['from', 'fy', 'pref', 'type']);
    expect(bad.filters).toMatchObject({ fiscalYear: 2026, type: null, pref: null, customPeriod: false });
    expect(parseMonitoringFilters(new URLSearchParams('from=2026-05&to=2026-04'), NOW).errors.to).toBeDefined();
  });
});

describe('percentiles (nearest rank)', () => {
  it('matches hand-computed values', () => {
    expect(percentileOf([2, 3, 5, 24], 50)).toBe(3);
    expect(percentileOf([2, 3, 5, 24], 90)).toBe(24);
    expect(percentileOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentileOf([7], 50)).toBe(7);
    expect(percentileOf([], 50)).toBeNull();
    expect(percentileOfHistogram([{ value: 10, n: 1 }, { value: 1, n: 3 }], 50)).toBe(1);
    expect(percentileOfHistogram([{ value: 10, n: 1 }, { value: 1, n: 3 }], 90)).toBe(10);
  });
});

describe('funnel', () => {
  it('computes conversion from the previous stage and from the start', () => {
    const f = buildFunnel({ published: 200, applied: 100, in_dialogue: 50, agreed: 10, concluded: 5 });
    expect(f.map((s) => s.rateFromPrevious)).toEqual([null, 0.5, 0.5, 0.2, 0.5]);
    expect(f.map((s) => s.rateFromStart)).toEqual([null, 0.5, 0.25, 0.05, 0.025]);
    expect(buildFunnel({ published: 0, applied: 0, in_dialogue: 0, agreed: 0, concluded: 0 })[1]!.rateFromPrevious).toBeNull();
  });
});

describe('small-cell rule', () => {
  it('hides 1 and 2 but never 0 or 3', () => {
    expect(protectColumn([0, 1, 2, 3], null).map((c) => c.value)).toEqual([0, null, null, 3]);
  });

  it('hides a second cell when a single hidden cell could be recovered from the total', () => {
    expect(protectColumn([1, 5, 3, 0], 9).map((c) => c.value)).toEqual([null, 5, null, 0]);
    // two cells hidden already: the total does not reveal either
    expect(protectColumn([1, 2, 6], 9).map((c) => c.value)).toEqual([null, null, 6]);
    // no total shown: nothing to subtract from
    expect(protectColumn([1, 5], null).map((c) => c.value)).toEqual([null, 5]);
  });

  it('shows a median only with at least 3 records', () => {
    expect(protectStatistic(10, 2)).toEqual({ value: null, suppressed: true });
    expect(protectStatistic(10, 3)).toEqual({ value: 10, suppressed: false });
    expect(protectStatistic(null, 0)).toEqual({ value: null, suppressed: false });
  });

  it('applies to people in every breakdown table, and not to public listing counts', () => {
    const agg: DashboardAggregates = { totals: emptySplit(), byMonth: {}, byType: {}, byCategory: {}, byPref: {}, durations: { reply_hours: [], agreement_days: [] } };
    agg.byPref['32'] = emptySplit();
    agg.byPref['32'].opening.published = 1;
    agg.byPref['32'].opening.applications = 2;
    agg.byPref['13'] = emptySplit();
    agg.byPref['13'].opening.applications = 7;
    const filters = parseMonitoringFilters(new URLSearchParams('fy=2026'), NOW).filters;
    const cube = buildProtectedCube(2026, cubeRows([...records(2, { pref: '32' }), ...records(7, { pref: '13' })]));
    const t = buildTables(agg, filters, { cube, coord: viewCoord(filters, cube) }).find((x) => x.id === 'by-prefecture')!;
    const shimane = t.rows.find((r) => r.key === '32')!;
    expect(shimane.cells.slice(0, 3)).toEqual([1, 0, SUPPRESSED_TEXT]);
    // 東京都's 7 is hidden too, or 9 − 7 would give 島根県's 2 back; it is not a small cell, so it reads 秘匿
    expect(t.rows.find((r) => r.key === '13')!.cells[2]).toBe(SECONDARY_TEXT);
    expect(t.total!.cells[2]).toBe(9);
  });
});

type Rec = { month: string; kind: 'opening' | 'solution'; pref: string; cats: string[]; types: string[]; measures: Record<string, number> };
/** n applied, unanswered applications (one record each) with the given dimensions. */
function records(n: number, r: Partial<Rec>): Rec[] {
  return Array.from({ length: n }, () => ({ month: '2026-05', kind: 'opening', pref: '32', cats: ['dx'], types: ['dispatch'], measures: { applications: 1, ap_applied: 1 }, ...r }));
}
/** Records as the summary stores them (monitoring_records): one group per record here. */
function cubeRows(recs: Rec[]): CubeRecord[] {
  return recs.map((r) => ({ month: r.month, kind: r.kind, family: 'application', pref: r.pref, cats: r.cats, types: r.types, measures: Object.keys(r.measures), n: 1 }));
}

describe('suppression across every view of one cube', () => {
  it('hides the partner a hidden cell needs in every view that shows both (by type in a prefecture, by prefecture of a type)', () => {
    // 島根県: 4 to dispatch, 1 to side job; 徳島県: 6 to dispatch
    const cube = buildProtectedCube(
      2026,
      cubeRows([...records(4, { pref: '32' }), ...records(1, { pref: '32', types: ['side_job'] }), ...records(6, { pref: '36' })]),
    );
    const read = (q: string, table: string, row: string, column = 'applications') => {
      const filters = parseMonitoringFilters(new URLSearchParams(q), NOW).filters;
      const agg: DashboardAggregates = { totals: emptySplit(), byMonth: {}, byType: {}, byCategory: {}, byPref: {}, durations: { reply_hours: [], agreement_days: [] } };
      const t = buildTables(agg, filters, { cube, coord: viewCoord(filters, cube) }).find((x) => x.id === table)!;
      const r = row === 'total' ? t.total! : t.rows.find((x) => x.key === row)!;
      return r.cells[t.columns.findIndex((c) => c.key === column)];
    };
    expect(read('fy=2026&pref=32', 'by-type', 'side_job')).toBe(SUPPRESSED_TEXT);
    expect(read('fy=2026&pref=32', 'by-type', 'dispatch')).toBe(SECONDARY_TEXT);
    // the same cell, reached from the other side, is hidden too: 5 − 4 no longer gives the 1
    expect(read('fy=2026&type=dispatch', 'by-prefecture', '32')).toBe(SECONDARY_TEXT);
    // and a partner in that column, or 10 − 6 would give the 4 back: the national dispatch total,
    // hidden already because 11 − 10 would give the 1 in the national by-type table
    expect(read('fy=2026&type=dispatch', 'by-prefecture', '36')).toBe(6);
    expect(read('fy=2026&type=dispatch', 'by-prefecture', 'total')).toBe(SECONDARY_TEXT);
    expect(read('fy=2026', 'by-type', 'dispatch')).toBe(SECONDARY_TEXT);
    expect(read('fy=2026', 'by-type', 'total')).toBe(11);
    // two narrowed dimensions are outside the cube: no counts of people at all
    expect(read('fy=2026&type=dispatch&pref=32', 'by-type', 'total')).toBe(WITHHELD_TEXT);
  });

  it('hides one of two shown numbers of different measures whose difference is exactly the records of a hidden cell', () => {
    const rec = (measures: string[]): Rec => ({ month: '2026-05', kind: 'opening', pref: '13', cats: ['dx'], types: ['dispatch'], measures: Object.fromEntries(measures.map((m) => [m, 1])) });
    // one inquiry that reached dialogue and was withdrawn; three replied conversations in dialogue; three early withdrawals
    const recs = [
      rec(['applications', 'ap_withdrawn', 'ap_reached_dialogue', 'inquiries']),
      ...Array.from({ length: 3 }, () => rec(['applications', 'ap_dialogue', 'ap_reached_dialogue', 'cv_total', 'cv_replied'])),
      ...Array.from({ length: 3 }, () => rec(['applications', 'ap_withdrawn'])),
    ];
    const cube = buildProtectedCube(2026, cubeRows(recs));
    const fy = { period: 'FY', type: '*', category: '*', pref: '*' };
    expect(cube.state(fy, 'both', 'inquiries')).toBe('small');
    // 対話以降 (4) − 返信あり (3) would be the one inquiry
    const pair = [cube.state(fy, 'both', 'ap_reached_dialogue'), cube.state(fy, 'both', 'cv_replied')];
    expect(pair).toContain('secondary');
    // the same records under another measure or view are hidden with it
    expect([cube.state({ ...fy, pref: '13' }, 'both', 'ap_reached_dialogue'), cube.state({ ...fy, pref: '13' }, 'both', 'cv_replied')]).toContain('secondary');
  });

  it('never leaves a lone hidden cell in a group, and keeps at least two values for each hidden one', () => {
    const groups = [{ parent: 't', children: ['a', 'b', 'c'] }];
    const cases: [Record<string, number>, Record<string, string>][] = [
      [{ t: 9, a: 1, b: 5, c: 3 }, { a: 'small', c: 'secondary' }],
      // two 1s and a shown total: 2 − 0 would say both are 1, so a third cell goes too
      [{ t: 6, a: 1, b: 1, c: 4 }, { a: 'small', b: 'small', c: 'secondary' }],
      // a 3未満 total with two 3未満 parts: each part would be 1; one part is relabelled 秘匿
      [{ t: 2, a: 1, b: 1, c: 0 }, { t: 'small', a: 'secondary', b: 'small' }],
    ];
    for (const [values, expected] of cases) {
      const states = suppressCells(new Map(Object.entries(values)), groups, () => true);
      expect(Object.fromEntries(states)).toEqual(expected);
      expect(groupDiscloses(groups[0]!, (k) => values[k] ?? 0, (k) => states.get(k) ?? 'shown')).toBe(false);
    }
  });

  it('shows counts of people only for a fiscal year or one month with at most one dimension narrowed', () => {
    const cube = { fiscalYear: 2026, activeMonths: new Set(['2026-04', '2026-05']) };
    const v = (from: string, to: string, f: { type?: string; category?: string; pref?: string } = {}) => viewCoord({ from, to, type: f.type ?? null, category: f.category ?? null, pref: f.pref ?? null }, cube);
    expect(v('2026-04', '2027-03')).toEqual({ period: 'FY', type: '*', category: '*', pref: '*' });
    expect(v('2026-05', '2026-05', { pref: '32' })).toBeNull();
    expect(v('2026-05', '2026-05')).toEqual({ period: '2026-05', type: '*', category: '*', pref: '*' });
    // April to September is the year when nothing was recorded after it; April–May would leave May's cells recoverable from it
    expect(v('2026-04', '2026-09', { type: 'dispatch' })).toEqual({ period: 'FY', type: 'dispatch', category: '*', pref: '*' });
    expect(v('2026-04', '2026-04')).toEqual({ period: '2026-04', type: '*', category: '*', pref: '*' });
    expect(v('2026-05', '2027-03')).toBeNull();
    expect(v('2026-04', '2027-04')).toBeNull();
    expect(v('2026-04', '2027-03', { type: 'dispatch', pref: '32' })).toBeNull();
  });
});

describe('CSV', () => {
  it('starts with a BOM, quotes what needs it and parses back', () => {
    const table = {
      id: 'by-type' as const,
      title: 't',
      rowHeader: '類型',
      columns: [{ key: 'a', label: '件数, 合計' }, { key: 'b', label: '率', unit: '%' }],
      rows: [{ key: 'x', header: '企業"派遣"型', cells: [1234, 45.7] }, { key: 'y', header: '副業型\n改行', cells: [SUPPRESSED_TEXT, null] }],
      total: null,
      notes: ['注記'],
    };
    const csv = tableToCsv(table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    expect(parseCsv(csv)).toEqual([['類型', '件数, 合計', '率（%）'], ['企業"派遣"型', '1234', '45.7'], ['副業型\n改行', '3未満', ''], [''], ['※注記']]);
  });

  it('round-trips awkward fields through csv-parse: spaces, CRLF inside a field, quotes, commas', () => {
    const headers = [' 先頭の空白', '末尾の空白 ', '改行\r\nを含む', '"引用"', 'a,b', ''];
    const table = {
      id: 'by-month' as const,
      title: 't',
      rowHeader: headers[0]!,
      columns: headers.slice(1).map((label, i) => ({ key: `c${i}`, label })),
      rows: [{ key: 'r', header: '行\n見出し', cells: [0, -1.5, '秘匿', '', null] }],
      total: null,
      notes: ['注記, その1', '注記"2"'],
    };
    const rows = parseCsv(tableToCsv(table));
    expect(rows).toEqual([headers, ['行\n見出し', '0', '-1.5', '秘匿', '', ''], [''], ['※注記, その1'], ['※注記"2"']]);
  });
});

describe('tile map and summary columns', () => {
  it('places 47 prefectures on distinct tiles', () => {
    expect(PREFECTURE_TILES).toHaveLength(47);
    expect(new Set(PREFECTURE_TILES.map((t) => `${t.x},${t.y}`)).size).toBe(47);
  });

  it('builds contiguous legend classes that cover 1…max', () => {
    const c = mapClasses(23);
    expect(c[0]).toMatchObject({ min: 0, max: 0 });
    expect(c[1]!.min).toBe(1);
    expect(c[c.length - 1]!.max).toBe(23);
    for (let i = 2; i < c.length; i += 1) expect(c[i]!.min).toBe(c[i - 1]!.max + 1);
    expect(mapClasses(2).map((x) => x.label)).toEqual(['0', '1', '2']);
  });

  it('keeps the domain measures and the summary table columns in step', () => {
    expect([...MEASURE_IDS]).toEqual([...MONITORING_MEASURE_COLUMNS]);
  });
});
