import { describe, expect, it } from 'vitest';
import {
  countListed,
  fiscalYearLabel,
  fiscalYearOf,
  NoRulesError,
  prorateCap,
  RULE_TABLES,
  rulesFor,
} from '../../../app/domain/eligibility';
import { master } from './master';

describe('fiscal year rule tables', () => {
  it.each(RULE_TABLES.map((t) => [t.version, t] as const))('%s: the data reproduces the list sizes recorded for the year', (_v, table) => {
    expect(countListed(master, table)).toEqual(table.listSizes);
  });

  it('records the published sizes: 1,432 in R6, 1,433 / 1,375 in R7 and R8', () => {
    expect(rulesFor(2024).listSizes.eligible1433).toBe(1432);
    expect(rulesFor(2025).listSizes).toEqual({ eligible1433: 1433, eligible1375: 1375 });
    expect(rulesFor(2026).listSizes).toEqual({ eligible1433: 1433, eligible1375: 1375 });
  });

  it('reproduces the R5.4.1 list (1,432) from the dated 定住自立圏 memberships', () => {
    expect(countListed(master, { listAsOf: '2023-04-01' }).eligible1433).toBe(1432);
  });

  it('has the dispatch caps per year and the same caps for the other items', () => {
    expect([2024, 2025, 2026].map((fy) => rulesFor(fy).tax.dispatch.cap)).toEqual([5_600_000, 5_900_000, 6_100_000]);
    for (const t of RULE_TABLES) {
      expect(t.tax.reward).toMatchObject({ cap: 1_000_000, rate: 1, per: 'person' });
      expect(t.tax.travel).toMatchObject({ cap: 1_000_000, rate: 1, per: 'person' });
      expect(t.tax.preparation).toMatchObject({ cap: 1_000_000, rate: 0.5, per: 'municipality', prorated: false });
      expect(t.tax.projects).toMatchObject({ cap: 1_000_000, rate: 0.5, per: 'person', prorated: false });
      expect(t.metroPrefCodes).toEqual(['11', '12', '13', '14', '21', '23', '24', '26', '27', '28', '29']);
    }
  });

  it('keeps the tables in order, one per year, versioned by file name', () => {
    expect(RULE_TABLES.map((t) => t.fiscalYear)).toEqual([2024, 2025, 2026]);
    expect(RULE_TABLES.map((t) => t.version)).toEqual(['fy2024', 'fy2025', 'fy2026']);
    expect(RULE_TABLES.map((t) => t.label)).toEqual(['令和6年度', '令和7年度', '令和8年度']);
  });

  it('answers a later year with the newest table marked provisional, and refuses an earlier one', () => {
    expect(rulesFor(2026)).toMatchObject({ version: 'fy2026', provisional: false });
    expect(rulesFor(2025)).toMatchObject({ version: 'fy2025', provisional: false });
    expect(rulesFor(2027)).toMatchObject({ version: 'fy2026', fiscalYear: 2026, provisional: true });
    expect(() => rulesFor(2023)).toThrow(NoRulesError);
    expect(() => rulesFor(2025.5)).toThrow(NoRulesError);
  });
});

describe('fiscalYearOf', () => {
  it.each([
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2027-03-31', 2026],
    ['2027-04-01', 2027],
    ['2026-04', 2026],
  ] as const)('%s → %i', (date, fy) => {
    expect(fiscalYearOf(date)).toBe(fy);
  });

  it('reads a Date in Japan time', () => {
    expect(fiscalYearOf(new Date('2026-03-31T14:59:59Z'))).toBe(2025);
    expect(fiscalYearOf(new Date('2026-03-31T15:00:00Z'))).toBe(2026); // 2026-04-01 00:00 JST
  });

  it('rejects what is not a date', () => {
    expect(() => fiscalYearOf('2026/04/01')).toThrow(RangeError);
    expect(() => fiscalYearOf(new Date('nope'))).toThrow(RangeError);
  });

  it('names the year in the Japanese era', () => {
    expect(fiscalYearLabel(2026)).toBe('令和8年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
  });
});

describe('prorateCap', () => {
  it.each([
    [6_100_000, 12, 6_100_000],
    [6_100_000, 6, 3_050_000],
    [5_900_000, 7, 3_441_666],
    [1_000_000, 1, 83_333],
    [1_000_000, 0, 0],
    [1_000_000, 13, 1_000_000],
  ])('%i × %i/12 → %i', (cap, months, expected) => {
    expect(prorateCap(cap, months)).toBe(expected);
  });

  it('rejects a fractional or negative number of months', () => {
    expect(() => prorateCap(1_000_000, 1.5)).toThrow(RangeError);
    expect(() => prorateCap(1_000_000, -1)).toThrow(RangeError);
  });
});

describe('ruleTableLabel', () => {
  it('names a rule table as people read it, never by its id', async () => {
    const { ruleTableLabel, RULE_TABLES } = await import('../../../app/domain/rules');
    expect(ruleTableLabel('fy2026')).toBe('令和8年度の基準');
    expect(ruleTableLabel('fy2024')).toBe('令和6年度の基準');
    for (const t of RULE_TABLES) expect(ruleTableLabel(t.version)).not.toContain(t.version);
  });
});
