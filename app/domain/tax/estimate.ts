import { PROGRAM_TYPE_LABELS, type ProgramType } from '../eligibility/types';
import { prorateCap, rulesFor } from '../rules';
import { TAX_ITEMS, type TaxItem } from '../rules/types';
import { formatMan } from '../../utils/dates';

export interface TaxEstimateInput {
  type: ProgramType;
  fiscalYear: number;
  /** months of acceptance inside this fiscal year (1–12): annual caps are cut to months/12 */
  months: number;
  /** planned costs in yen for this fiscal year, per item */
  costs: Partial<Record<TaxItem, number>>;
}

export interface TaxEstimateItem {
  item: TaxItem;
  label_ja: string;
  applicable: boolean;
  /** the cost entered */
  requested: number;
  /** the cap that applies this year (after pro-rating) */
  cap: number;
  /** the part of the cost the measure counts: min(requested, cap) */
  eligibleAmount: number;
  rate: number;
  /** the estimated special allocation tax: eligibleAmount × rate, rounded down to the yen */
  measure: number;
  /** the rule that limited the amount, e.g. `fy2026.dispatch.cap (6/12)`; null when nothing did */
  cappedBy: string | null;
  message_ja?: string;
}

export interface TaxEstimate {
  fiscalYear: number;
  ruleVersion: string;
  provisional: boolean;
  type: ProgramType;
  months: number;
  items: TaxEstimateItem[];
  total: number;
}

/**
 * Estimates the special allocation tax measure for one person (and, for the preparation cost, the
 * municipality) in one fiscal year. An estimate only: the ministry decides the actual amount.
 */
export function estimateTaxMeasure({ type, fiscalYear, months, costs }: TaxEstimateInput): TaxEstimate {
  const rules = rulesFor(fiscalYear);
  if (!Number.isInteger(months) || months < 1 || months > 12) throw new RangeError(`months must be 1–12: ${months}`);
  const items: TaxEstimateItem[] = [];
  for (const item of TAX_ITEMS) {
    const rule = rules.tax[item];
    const requested = costs[item];
    if (requested === undefined) continue;
    if (!Number.isFinite(requested) || requested < 0) throw new RangeError(`cost of ${item} must be a number ≥ 0: ${requested}`);
    const applicable = rule.types.includes(type);
    const cap = rule.prorated ? prorateCap(rule.cap, months) : rule.cap;
    if (!applicable) {
      items.push({
        item, label_ja: rule.label_ja, applicable, requested, cap: 0, eligibleAmount: 0, rate: rule.rate, measure: 0,
        cappedBy: `${rules.version}.${item}.types`, message_ja: `${rule.label_ja}は${PROGRAM_TYPE_LABELS[type]}では措置の対象になりません`,
      });
      continue;
    }
    const eligibleAmount = Math.min(Math.floor(requested), cap);
    const capped = requested > cap;
    const basis = rule.prorated && months < 12 ? ` (${months}/12)` : '';
    items.push({
      item, label_ja: rule.label_ja, applicable, requested, cap, eligibleAmount, rate: rule.rate,
      measure: Math.floor(eligibleAmount * rule.rate),
      cappedBy: capped ? `${rules.version}.${item}.cap${basis}` : null,
      message_ja: capped
        ? `${rule.label_ja}は上限${formatMan(rule.cap)}/${rule.per === 'person' ? '人' : '団体'}${basis ? `（${months}か月分：${formatMan(cap)}）` : ''}までが対象です`
        : undefined,
    });
  }
  return {
    fiscalYear, ruleVersion: rules.version, provisional: rules.provisional, type, months, items,
    total: items.reduce((s, i) => s + i.measure, 0),
  };
}
