import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { checkPairing, fiscalYearOf, RULE_TABLES, type PairingOutcome } from '../domain/eligibility';
import { listMunicipalities } from './municipalities.server';

export { forgetMunicipalities, listMunicipalities } from './municipalities.server';

export function currentFiscalYear(now = new Date()): number {
  return fiscalYearOf(now);
}

/** Fiscal years offered to users: every table, plus the current year when it has none yet. */
export function selectableFiscalYears(now = new Date()): number[] {
  const years = RULE_TABLES.map((t) => t.fiscalYear);
  const current = currentFiscalYear(now);
  if (!years.includes(current) && current > years[0]) years.push(current);
  return years;
}

/** Resolves the names or codes of a pairing and checks it against the fiscal year's rules. */
export async function checkPairingQuery(db: Kysely<Database>, query: Record<string, unknown>, now = new Date()): Promise<PairingOutcome> {
  return checkPairing(query, await listMunicipalities(db), currentFiscalYear(now));
}
