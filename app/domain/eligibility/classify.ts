import { latestRules } from '../rules';
import type { FiscalYearRules } from '../rules/types';
import type { CompanyClass, Municipality } from './types';

/**
 * A: head office in the three metropolitan areas (any of the 1,433; the 23 特別区 included).
 * B: head office in a 政令市・中核市・県庁所在市 outside them (only the 1,375, outside its own prefecture).
 * Anything else is not a company the programme covers.
 */
export function classifyCompany(hq: Municipality, rules: Pick<FiscalYearRules, 'metroPrefCodes'> = latestRules()): CompanyClass {
  if (rules.metroPrefCodes.includes(hq.prefCode)) return 'A';
  if (hq.seirei || hq.chukaku || hq.kencho) return 'B';
  return 'none';
}
