import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { checkPairing, fiscalYearOf, RULE_TABLES, type Municipality, type PairingOutcome } from '../domain/eligibility';

/** Reference data: read once per database handle and process, shared by every request. */
const cache = new WeakMap<Kysely<Database>, Promise<readonly Municipality[]>>();

async function loadMunicipalities(db: Kysely<Database>): Promise<readonly Municipality[]> {
  const rows = await db
    .selectFrom('municipalities')
    .select([
      'lg_code', 'pref_code', 'pref_name', 'name', 'name_kana', 'kind', 'seirei', 'chukaku', 'kencho', 'metro_area',
      'eligible_1433', 'eligible_1375', 'eligibility_basis', 'teijuu_since',
    ])
    .orderBy('lg_code')
    .execute();
  return Object.freeze(
    rows.map((r) => ({
      lgCode: r.lg_code, prefCode: r.pref_code, prefName: r.pref_name, name: r.name, nameKana: r.name_kana, kind: r.kind,
      seirei: r.seirei, chukaku: r.chukaku, kencho: r.kencho, metroArea: r.metro_area, eligible1433: r.eligible_1433,
      eligible1375: r.eligible_1375, eligibilityBasis: r.eligibility_basis, teijuuSince: r.teijuu_since,
    })),
  );
}

export function listMunicipalities(db: Kysely<Database>): Promise<readonly Municipality[]> {
  let pending = cache.get(db);
  if (!pending) {
    pending = loadMunicipalities(db);
    cache.set(db, pending);
    pending.catch(() => cache.delete(db));
  }
  return pending;
}

/** Forget the cached master (after `npm run db:migrate` refreshed it in a running process). */
export function forgetMunicipalities(db: Kysely<Database>): void {
  cache.delete(db);
}

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
