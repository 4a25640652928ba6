import { readFileSync } from 'node:fs';
import { parseMunicipalitiesCsv, parseWardsCsv, withWards } from '../../../db/municipalities/csv';
import { MUNICIPALITIES_CSV, WARDS_CSV } from '../../../db/municipalities/import';
import type { Municipality } from '../../../app/domain/eligibility';

const records = parseMunicipalitiesCsv(readFileSync(MUNICIPALITIES_CSV, 'utf8'));

/** The 行政区 of the 政令市 as shipped (db/data/wards.csv). */
export const wards = parseWardsCsv(readFileSync(WARDS_CSV, 'utf8'), records);

/** The shipped master with its wards, parsed once per test file. */
export const master: readonly Municipality[] = withWards(records, wards);

const byName = new Map<string, Municipality>();
for (const m of master) byName.set(`${m.prefName}${m.name}`, m);

/** A municipality by 「都道府県名市区町村名」, failing loudly when the fixture name is wrong. */
export function muni(fullName: string): Municipality {
  const m = byName.get(fullName);
  if (!m) throw new Error(`no municipality ${fullName} in the master`);
  return m;
}
