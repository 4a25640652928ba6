import { readFileSync } from 'node:fs';
import { parseMunicipalitiesCsv } from '../../../db/municipalities/csv';
import { MUNICIPALITIES_CSV } from '../../../db/municipalities/import';
import type { Municipality } from '../../../app/domain/eligibility';

/** The shipped master, parsed once per test file. */
export const master: readonly Municipality[] = parseMunicipalitiesCsv(readFileSync(MUNICIPALITIES_CSV, 'utf8'));

const byName = new Map<string, Municipality>();
for (const m of master) byName.set(`${m.prefName}${m.name}`, m);

/** A municipality by 「都道府県名市区町村名」, failing loudly when the fixture name is wrong. */
export function muni(fullName: string): Municipality {
  const m = byName.get(fullName);
  if (!m) throw new Error(`no municipality ${fullName} in the master`);
  return m;
}
