import { describe, expect, it } from 'vitest';
import { checkAgreement, termByFiscalYear, type AgreementDraft } from '../../../app/domain/agreements';
import { draftOf, municipalities } from './drafts';

const estimate = (draft: AgreementDraft) => checkAgreement(draft, { municipalities }).taxEstimate;

describe('termByFiscalYear', () => {
  it('cuts a term at each 1 April', () => {
    expect(termByFiscalYear('2026-10-01', '2028-03-31')).toEqual([
      { fiscalYear: 2026, start: '2026-10-01', end: '2027-03-31', months: 6 },
      { fiscalYear: 2027, start: '2027-04-01', end: '2028-03-31', months: 12 },
    ]);
  });

  it('counts a begun month as a whole one', () => {
    expect(termByFiscalYear('2026-10-15', '2027-04-14').map((y) => y.months)).toEqual([6, 1]);
  });

  it('a term inside one year, and a reversed term', () => {
    expect(termByFiscalYear('2026-04-01', '2026-09-30')).toEqual([{ fiscalYear: 2026, start: '2026-04-01', end: '2026-09-30', months: 6 }]);
    expect(termByFiscalYear('2026-04-01', '2026-03-31')).toEqual([]);
  });
});

describe('tax estimate over several fiscal years', () => {
  it('dispatch 2026-10 → 2028-03: R8 cap pro-rated for R8 months, R8 again (provisional) for R9', () => {
    const e = estimate(draftOf('dispatch'));
    expect(e.byFiscalYear).toEqual([
      {
        fiscalYear: 2026, label: '令和8年度', months: 6, ruleVersion: 'fy2026', provisional: false, total: 2_880_000,
        items: [{ item: 'dispatch', label_ja: expect.any(String), requested: 2_880_000, cap: 3_050_000, allowed: 2_880_000, rate: 1, measure: 2_880_000 }],
      },
      {
        fiscalYear: 2027, label: '令和9年度', months: 12, ruleVersion: 'fy2026', provisional: true, total: 5_760_000,
        items: [{ item: 'dispatch', label_ja: expect.any(String), requested: 5_760_000, cap: 6_100_000, allowed: 5_760_000, rate: 1, measure: 5_760_000 }],
      },
    ]);
    expect(e.total).toBe(8_640_000);
  });

  it('amounts above the cap are limited to it in every year', () => {
    const e = estimate(draftOf('dispatch', { amounts: { contributionMonthly: 600_000 } }));
    expect(e.byFiscalYear.map((y) => [y.items[0].requested, y.items[0].cap, y.items[0].allowed])).toEqual([
      [3_600_000, 3_050_000, 3_050_000],
      [7_200_000, 6_100_000, 6_100_000],
    ]);
    expect(e.total).toBe(9_150_000);
  });

  it('each year uses its own table: R7 (590万円) for R7 months, R8 (610万円) for R8 months', () => {
    const e = estimate(draftOf('dispatch', { term: { start: '2025-10-01', end: '2026-09-30' }, agreementDate: '2025-09-01' }));
    expect(e.byFiscalYear.map((y) => [y.fiscalYear, y.ruleVersion, y.provisional, y.months, y.items[0].cap])).toEqual([
      [2025, 'fy2025', false, 6, 2_950_000],
      [2026, 'fy2026', false, 6, 3_050_000],
    ]);
  });

  it('side job: 報償費 and 旅費 each capped at 100万円 a year, pro-rated by months', () => {
    const e = estimate(draftOf('side_job'));
    expect(e.byFiscalYear.map((y) => ({ fy: y.fiscalYear, months: y.months, items: y.items.map((i) => [i.item, i.requested, i.cap, i.allowed]) }))).toEqual([
      { fy: 2026, months: 9, items: [['reward', 720_000, 750_000, 720_000], ['travel', 900_000, 750_000, 750_000]] },
      { fy: 2027, months: 3, items: [['reward', 240_000, 250_000, 240_000], ['travel', 900_000, 250_000, 250_000]] },
    ]);
    expect(e.total).toBe(720_000 + 750_000 + 240_000 + 250_000);
  });

  it('senior over a whole fiscal year: at most 200万円', () => {
    const e = estimate(draftOf('senior'));
    expect(e.byFiscalYear).toHaveLength(1);
    expect(e.byFiscalYear[0].months).toBe(12);
    expect(e.total).toBe(2_000_000);
  });

  it('an ineligible draft is still estimated, so both show at once', () => {
    const result = checkAgreement(draftOf('dispatch', { company: { hqLgCode: '402028' } }), { municipalities });
    expect(result.ok).toBe(false);
    expect(result.taxEstimate.total).toBe(8_640_000);
  });
});
