import type { ProgramType } from '../eligibility/types';

/** Items of the special allocation tax measure (特別交付税措置). */
export const TAX_ITEMS = ['dispatch', 'reward', 'travel', 'preparation', 'projects'] as const;
export type TaxItem = (typeof TAX_ITEMS)[number];

export interface TaxItemRule {
  label_ja: string;
  /** yen, per `per` and per fiscal year */
  cap: number;
  /** share of the capped cost that the measure covers (措置率) */
  rate: number;
  per: 'person' | 'municipality';
  /** annual caps are cut to months/12 when the acceptance covers part of the fiscal year */
  prorated: boolean;
  types: readonly ProgramType[];
}

/**
 * One fiscal year of the programme, as data. A year's table is frozen once the year is over:
 * a rule change is a new file, never an edit of a past one.
 */
export interface FiscalYearRules {
  fiscalYear: number;
  version: string;
  label: string;
  /**
   * The receiving list in force that year is the shipped list minus 定住自立圏 memberships that began
   * after this date (the only dated basis; see db/data/GAPS.md).
   */
  listAsOf: string;
  /** the published sizes of the 1,433 / 1,375 lists for this year, checked against the data by the tests */
  listSizes: { eligible1433: number; eligible1375: number };
  /** 三大都市圏: whole prefectures (埼玉 千葉 東京 神奈川 / 岐阜 愛知 三重 / 京都 大阪 兵庫 奈良) */
  metroPrefCodes: readonly string[];
  /** term of every type (企業派遣型・副業型・シニア型): 6 months to 3 years */
  term: { minTermMonths: number; maxTermMonths: number };
  dispatch: { minOnSiteShare: number };
  sideJob: { minDaysPerMonth: number; minHoursPerMonth: number; minStayDaysPerMonth: number };
  tax: Record<TaxItem, TaxItemRule>;
  sources: readonly string[];
}
