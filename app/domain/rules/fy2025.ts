import { DISPATCH_PATTERN, METRO_PREF_CODES, SIDE_JOB_PATTERN, taxTable, TERM } from './common';
import type { FiscalYearRules } from './types';

/** 令和7年度: list 1,433 / 1,375; dispatch cap raised to 590万円. */
export const fy2025: FiscalYearRules = {
  fiscalYear: 2025,
  version: 'fy2025',
  label: '令和7年度',
  listAsOf: '2025-04-01',
  listSizes: { eligible1433: 1433, eligible1375: 1375 },
  metroPrefCodes: METRO_PREF_CODES,
  term: TERM,
  dispatch: DISPATCH_PATTERN,
  sideJob: SIDE_JOB_PATTERN,
  tax: taxTable(5_900_000),
  sources: ['総務省「地域活性化起業人」制度概要（令和7年度）', 'db/data/SOURCES.md'],
};
