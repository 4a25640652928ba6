import { DISPATCH_PATTERN, METRO_PREF_CODES, SIDE_JOB_PATTERN, taxTable, TERM } from './common';
import type { FiscalYearRules } from './types';

/** 令和6年度. The list in force is the one published as of R5.4.1 (1,432): 菰野町 joined its 定住自立圏 on 2024-06-28. */
export const fy2024: FiscalYearRules = {
  fiscalYear: 2024,
  version: 'fy2024',
  label: '令和6年度',
  listAsOf: '2024-04-01',
  listSizes: { eligible1433: 1432, eligible1375: 1374 },
  metroPrefCodes: METRO_PREF_CODES,
  term: TERM,
  dispatch: DISPATCH_PATTERN,
  sideJob: SIDE_JOB_PATTERN,
  tax: taxTable(5_600_000),
  sources: ['総務省「地域活性化起業人」制度概要（令和6年度）', 'db/data/SOURCES.md'],
};
