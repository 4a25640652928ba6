import { describe, expect, it } from 'vitest';
import { estimateTaxMeasure } from '../../../app/domain/eligibility';

describe('estimateTaxMeasure', () => {
  it.each([
    [2024, 5_600_000],
    [2025, 5_900_000],
    [2026, 6_100_000],
  ])('caps the dispatch cost at the %i cap (%i yen) for a full year', (fiscalYear, cap) => {
    const estimate = estimateTaxMeasure({ type: 'dispatch', fiscalYear, months: 12, costs: { dispatch: 9_000_000 } });
    expect(estimate.items[0]).toMatchObject({ item: 'dispatch', requested: 9_000_000, cap, eligibleAmount: cap, rate: 1, measure: cap, cappedBy: `fy${fiscalYear}.dispatch.cap` });
    expect(estimate.total).toBe(cap);
  });

  it('leaves a cost under the cap alone and says nothing capped it', () => {
    const estimate = estimateTaxMeasure({ type: 'dispatch', fiscalYear: 2026, months: 12, costs: { dispatch: 6_100_000 } });
    expect(estimate.items[0]).toMatchObject({ eligibleAmount: 6_100_000, measure: 6_100_000, cappedBy: null });
  });

  it('pro-rates annual caps by months of acceptance, but not the preparation and project caps', () => {
    const estimate = estimateTaxMeasure({
      type: 'side_job',
      fiscalYear: 2026,
      months: 6,
      costs: { reward: 800_000, travel: 300_000, preparation: 1_500_000, projects: 1_000_000 },
    });
    const by = Object.fromEntries(estimate.items.map((i) => [i.item, i]));
    expect(by.reward).toMatchObject({ cap: 500_000, eligibleAmount: 500_000, measure: 500_000, cappedBy: 'fy2026.reward.cap (6/12)' });
    expect(by.reward.message_ja).toContain('6か月分');
    expect(by.travel).toMatchObject({ cap: 500_000, eligibleAmount: 300_000, measure: 300_000, cappedBy: null });
    expect(by.preparation).toMatchObject({ cap: 1_000_000, eligibleAmount: 1_000_000, rate: 0.5, measure: 500_000, cappedBy: 'fy2026.preparation.cap' });
    expect(by.projects).toMatchObject({ cap: 1_000_000, eligibleAmount: 1_000_000, rate: 0.5, measure: 500_000, cappedBy: null });
    expect(estimate.total).toBe(500_000 + 300_000 + 500_000 + 500_000);
  });

  it('gives side job and senior 報償費 100万円 + 旅費 100万円 a year', () => {
    for (const type of ['side_job', 'senior'] as const) {
      const estimate = estimateTaxMeasure({ type, fiscalYear: 2025, months: 12, costs: { reward: 3_000_000, travel: 3_000_000 } });
      expect(estimate.total).toBe(2_000_000);
    }
  });

  it('counts nothing for an item the type does not have', () => {
    const estimate = estimateTaxMeasure({ type: 'dispatch', fiscalYear: 2026, months: 12, costs: { reward: 500_000 } });
    expect(estimate.items[0]).toMatchObject({ item: 'reward', applicable: false, measure: 0, cappedBy: 'fy2026.reward.types' });
    expect(estimate.items[0].message_ja).toContain('企業派遣型では措置の対象になりません');
    expect(estimateTaxMeasure({ type: 'side_job', fiscalYear: 2026, months: 12, costs: { dispatch: 1 } }).total).toBe(0);
  });

  it('marks an estimate for a year without a table as provisional', () => {
    expect(estimateTaxMeasure({ type: 'dispatch', fiscalYear: 2027, months: 12, costs: { dispatch: 9_000_000 } })).toMatchObject({
      ruleVersion: 'fy2026',
      provisional: true,
      total: 6_100_000,
    });
  });

  it('rejects impossible months and costs', () => {
    expect(() => estimateTaxMeasure({ type: 'dispatch', fiscalYear: 2026, months: 0, costs: {} })).toThrow(RangeError);
    expect(() => estimateTaxMeasure({ type: 'dispatch', fiscalYear: 2026, months: 13, costs: {} })).toThrow(RangeError);
    expect(() => estimateTaxMeasure({ type: 'dispatch', fiscalYear: 2026, months: 12, costs: { dispatch: -1 } })).toThrow(RangeError);
  });
});
