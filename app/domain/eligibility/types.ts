import { PROGRAM_TYPE_LABELS, PROGRAM_TYPES, type ProgramType } from '../vocabulary';

export { PROGRAM_TYPE_LABELS, PROGRAM_TYPES, type ProgramType };

export const EMPLOYMENTS = ['employed', 'retired', 'freelance'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

export const EMPLOYMENT_LABELS: Record<Employment, string> = {
  employed: '企業に在籍（副業）',
  retired: '企業を退職（シニア）',
  freelance: 'フリーランス・個人事業主',
};

export type CompanyClass = 'A' | 'B' | 'none';

/**
 * A municipality as the rules see it. Plain data, structurally compatible with the master's
 * MunicipalityRecord (db/municipalities/csv.ts), so a parsed CSV row or a mapped table row fits.
 */
export interface Municipality {
  /** 全国地方公共団体コード, 6 digits with check digit */
  lgCode: string;
  prefCode: string;
  prefName: string;
  name: string;
  nameKana?: string;
  kind: string;
  seirei: boolean;
  chukaku: boolean;
  kencho: boolean;
  metroArea: string | null;
  eligible1433: boolean;
  eligible1375: boolean;
  eligibilityBasis: readonly string[];
  teijuuSince: string | null;
  /** The 行政区 of a 政令市 (db/data/wards.csv): names that resolve to the city, whose class it keeps. */
  wards?: readonly Ward[];
}

/** A 行政区 of a 政令市; `abolished` is the first day it no longer existed (浜松市's seven wards: 2024-01-01). */
export interface Ward {
  lgCode: string;
  name: string;
  nameKana: string;
  abolished: string | null;
}

export type Sender =
  | { kind: 'company'; hq: Municipality }
  | { kind: 'individual'; employment: Employment; employerHq: Municipality | null };

export const REASON_CODES = [
  'receiver_not_listed',
  'company_not_eligible',
  'class_b_receiver_is_city',
  'class_b_same_prefecture',
  'freelance_not_eligible',
  'employer_missing',
  'dispatch_requires_company',
  'individual_required',
  'side_job_requires_employed',
  'senior_requires_retired',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const EXPLANATION_CODES = ['receiver_listed', 'company_class_a', 'company_class_b', 'class_b_other_prefecture', 'sender_matches_type'] as const;
export type ExplanationCode = (typeof EXPLANATION_CODES)[number];

export interface Reason {
  code: ReasonCode;
  message_ja: string;
}

export interface Explanation {
  code: ExplanationCode;
  message_ja: string;
}

export interface EligibilityInput {
  municipality: Municipality;
  sender: Sender;
  type: ProgramType;
  fiscalYear: number;
}

export interface EligibilityResult {
  eligible: boolean;
  companyClass: CompanyClass;
  /** every condition that fails (empty when eligible) */
  reasons: Reason[];
  /** why the conditions that pass do pass, for display */
  explanations: Explanation[];
  /** the rule table applied, e.g. fy2026 */
  ruleVersion: string;
  fiscalYear: number;
  /** true when the year has no table of its own and the newest earlier one was used */
  provisional: boolean;
}
