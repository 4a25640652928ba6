import type { FiscalYearRules } from '../rules/types';
import type { Municipality } from './types';

export type ReceivingList = '1433' | '1375';

/**
 * True when a 定住自立圏 membership is the municipality's only basis and began after the date of
 * the year's list: such a municipality joined the list later (菰野町, 2024-06-28 → from 令和7年度).
 * Partial dates (`2010`, `2010-07`) compare as their first day.
 */
export function joinedAfterList(m: Municipality, rules: Pick<FiscalYearRules, 'listAsOf'>): boolean {
  return (
    m.teijuuSince !== null &&
    m.teijuuSince > rules.listAsOf &&
    m.eligibilityBasis.length === 1 &&
    m.eligibilityBasis[0] === 'teijuu'
  );
}

/** Membership of the 1,433 (any eligible company) or the 1,375 (also open to B companies) in that year. */
export function isListedReceiver(m: Municipality, rules: Pick<FiscalYearRules, 'listAsOf'>, list: ReceivingList = '1433'): boolean {
  const listed = list === '1433' ? m.eligible1433 : m.eligible1375;
  return listed && !joinedAfterList(m, rules);
}

export function countListed(list: readonly Municipality[], rules: Pick<FiscalYearRules, 'listAsOf'>) {
  let eligible1433 = 0;
  let eligible1375 = 0;
  for (const m of list) {
    if (isListedReceiver(m, rules, '1433')) eligible1433 += 1;
    if (isListedReceiver(m, rules, '1375')) eligible1375 += 1;
  }
  return { eligible1433, eligible1375 };
}
