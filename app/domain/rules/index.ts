import { fiscalYearLabel } from './fiscal-year';
import { fy2024 } from './fy2024';
import { fy2025 } from './fy2025';
import { fy2026 } from './fy2026';
import type { FiscalYearRules } from './types';

export * from './types';
export { fiscalYearLabel, fiscalYearOf, fiscalYearStart } from './fiscal-year';
export { prorateCap } from './prorate';

/** Every table, oldest first. A new fiscal year: add fyYYYY.ts and list it here. */
export const RULE_TABLES: readonly FiscalYearRules[] = [fy2024, fy2025, fy2026];

export type AppliedRules = FiscalYearRules & { provisional: boolean };

export class NoRulesError extends RangeError {
  constructor(readonly fiscalYear: number) {
    super(`${fiscalYearLabel(fiscalYear)}（${fiscalYear}年度）の制度ルールはありません（${RULE_TABLES[0].fiscalYear}年度以降に対応）`);
    this.name = 'NoRulesError';
  }
}

const cache = new Map<number, AppliedRules>();

/**
 * The rules of a fiscal year: its own table, or else the newest earlier table marked provisional
 * (a year whose figures have not been published yet is estimated with the last known ones).
 */
export function rulesFor(fiscalYear: number): AppliedRules {
  const hit = cache.get(fiscalYear);
  if (hit) return hit;
  if (!Number.isInteger(fiscalYear)) throw new NoRulesError(fiscalYear);
  let table: FiscalYearRules | undefined;
  for (const t of RULE_TABLES) if (t.fiscalYear <= fiscalYear) table = t;
  if (!table) throw new NoRulesError(fiscalYear);
  const applied = Object.freeze({ ...table, provisional: table.fiscalYear !== fiscalYear });
  cache.set(fiscalYear, applied);
  return applied;
}

export function latestRules(): FiscalYearRules {
  return RULE_TABLES[RULE_TABLES.length - 1];
}

/** How a rule table is named to people: 「令和8年度の基準」 for fy2026 (the version is an internal id). */
export function ruleTableLabel(version: string): string {
  const table = RULE_TABLES.find((t) => t.version === version);
  return table ? `${table.label}の基準` : '最新の基準';
}
