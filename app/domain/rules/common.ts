import type { FiscalYearRules, TaxItemRule } from './types';

// Shared by the tables only to avoid retyping unchanged values; a table that changes one of them
// spells its own value instead of editing these.
export const METRO_PREF_CODES = ['11', '12', '13', '14', '21', '23', '24', '26', '27', '28', '29'] as const;

export const TERM = { minTermMonths: 6, maxTermMonths: 36 } as const;
export const DISPATCH_PATTERN = { minOnSiteShare: 0.5 } as const;
export const SIDE_JOB_PATTERN = { minDaysPerMonth: 4, minHoursPerMonth: 20, minStayDaysPerMonth: 1 } as const;

export function taxTable(dispatchCap: number): FiscalYearRules['tax'] {
  const item = (r: TaxItemRule) => r;
  return {
    dispatch: item({ label_ja: '受入れに要する経費（企業派遣型）', cap: dispatchCap, rate: 1, per: 'person', prorated: true, types: ['dispatch'] }),
    reward: item({ label_ja: '報償費等（副業型・シニア型）', cap: 1_000_000, rate: 1, per: 'person', prorated: true, types: ['side_job', 'senior'] }),
    travel: item({ label_ja: '旅費（副業型・シニア型）', cap: 1_000_000, rate: 1, per: 'person', prorated: true, types: ['side_job', 'senior'] }),
    preparation: item({ label_ja: '受入れ前の準備に要する経費', cap: 1_000_000, rate: 0.5, per: 'municipality', prorated: false, types: ['dispatch', 'side_job', 'senior'] }),
    projects: item({ label_ja: '起業人の発案・提案に基づく事業に要する経費', cap: 1_000_000, rate: 0.5, per: 'person', prorated: false, types: ['dispatch', 'side_job', 'senior'] }),
  };
}
