import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { listMunicipalityReadings, listSynonymGroups } from '../db/queries/search';
import { buildDictionary, cachedDictionary } from './dictionary';

export async function loadDictionary(db: Kysely<Database>) {
  const [groups, municipalities] = await Promise.all([listSynonymGroups(db), listMunicipalityReadings(db)]);
  return buildDictionary({ synonymGroups: groups.map((g) => g.terms), municipalities });
}

export const dictionaryFrom = (db: Kysely<Database>, ttlMs?: number) => cachedDictionary(() => loadDictionary(db), ttlMs);
