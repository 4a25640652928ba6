import { DISPATCH_PATTERN, METRO_PREF_CODES, SIDE_JOB_PATTERN, taxTable, TERM } from './common';
import type { FiscalYearRules } from './types';

/** 令和8年度: list unchanged (1,433 / 1,375); dispatch cap 610万円. */
export const fy2026: FiscalYearRules = {
  fiscalYear: 2026,
  version: 'fy2026',
  label: '令和8年度',
  listAsOf: '2026-04-01',
  listSizes: { eligible1433: 1433, eligible1375: 1375 },
  metroPrefCodes: METRO_PREF_CODES,
  term: TERM,
  dispatch: DISPATCH_PATTERN,
  sideJob: SIDE_JOB_PATTERN,
  tax: taxTable(6_100_000),
  sources: ['総務省「地域活性化起業人」制度概要（令和8年度）', 'db/data/SOURCES.md'],
};
