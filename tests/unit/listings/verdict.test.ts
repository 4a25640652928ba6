import { describe, expect, it } from 'vitest';
import type { Municipality } from '../../../app/domain/eligibility/types';
import { listingVerdicts } from '../../../app/domain/listings';

const muni = (over: Partial<Municipality>): Municipality => ({
  lgCode: '000000', prefCode: '00', prefName: '', name: '', kind: '町', seirei: false, chukaku: false, kencho: false,
  metroArea: null, eligible1433: true, eligible1375: true, eligibilityBasis: ['outside_metro'], teijuuSince: null, ...over,
});
const sapporo = muni({ lgCode: '011002', prefCode: '01', prefName: '北海道', name: '札幌市', kind: '市', seirei: true, kencho: true, eligible1375: false });
const higashikawa = muni({ lgCode: '014583', prefCode: '01', prefName: '北海道', name: '東川町' });
const amacho = muni({ lgCode: '325252', prefCode: '32', prefName: '島根県', name: '海士町' });
const chiyoda = muni({ lgCode: '131016', prefCode: '13', prefName: '東京都', name: '千代田区', kind: '区', metroArea: 'tokyo', eligible1433: false, eligible1375: false, eligibilityBasis: [] });

describe('verdicts on listings', () => {
  it('tells a B company it cannot dispatch within its own prefecture', () => {
    const [v] = listingVerdicts({ listingKind: 'opening', listingTypes: ['dispatch'], municipality: higashikawa, sender: { kind: 'company', companyClass: 'B', hq: sapporo }, fiscalYear: 2026 });
    expect(v).toMatchObject({ type: 'dispatch', eligible: false, headline: 'あなたの会社（B区分）はこの自治体に派遣できません: 同一県内' });
  });

  it('lets the same company dispatch to another prefecture, and an A company anywhere listed', () => {
    expect(listingVerdicts({ listingKind: 'opening', listingTypes: ['dispatch'], municipality: amacho, sender: { kind: 'company', companyClass: 'B', hq: sapporo }, fiscalYear: 2026 })[0]!.eligible).toBe(true);
    const [a] = listingVerdicts({ listingKind: 'opening', listingTypes: ['dispatch', 'side_job'], municipality: amacho, sender: { kind: 'company', companyClass: 'A', hq: chiyoda }, fiscalYear: 2026 });
    expect(a!.headline).toBe('あなたの会社（A区分）はこの自治体に派遣できます');
  });

  it('shows one verdict per form both sides can use', () => {
    const vs = listingVerdicts({ listingKind: 'opening', listingTypes: ['dispatch', 'side_job', 'senior'], municipality: amacho, sender: { kind: 'company', companyClass: 'A', hq: chiyoda }, fiscalYear: 2026 });
    expect(vs.map((v) => v.type)).toEqual(['dispatch', 'side_job']);
    expect(listingVerdicts({ listingKind: 'opening', listingTypes: ['dispatch'], municipality: amacho, sender: { kind: 'individual', track: 'senior', employerHq: chiyoda }, fiscalYear: 2026 })).toEqual([]);
  });

  it('speaks to the municipality when it reads a solution', () => {
    const [v] = listingVerdicts({ listingKind: 'solution', listingTypes: ['side_job'], municipality: amacho, sender: { kind: 'individual', track: 'freelance', employerHq: null }, fiscalYear: 2026 });
    expect(v!.eligible).toBe(false);
    expect(v!.headline).toMatch(/^この方はあなたの自治体で副業型として活動できません: /);
  });
});
