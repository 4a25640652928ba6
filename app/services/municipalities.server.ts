import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { listMunicipalityRows, listWardRows } from '../../db/queries/municipalities';
import type { MunicipalityRow, MunicipalWardRow } from '../../db/types/municipalities';
import { displayName } from '../domain/eligibility/describe';
import { resolveMunicipality, type WardName } from '../domain/eligibility/resolve';
import type { Municipality, Ward } from '../domain/eligibility/types';

export { countMunicipalities, findMunicipalityByCode } from '../../db/queries/municipalities';

/**
 * The municipality master as the rules see it, read once per database handle and process and
 * shared by every request (eligibility, sign-up, listings). A failed read is not kept: the next
 * call reads again.
 */
export type MunicipalityReference = {
  list: readonly Municipality[];
  byCode: ReadonlyMap<string, Municipality>;
};

const cache = new WeakMap<Kysely<Database>, Promise<MunicipalityReference>>();

/** The one mapping from a table row (with the city's wards) to the domain's Municipality. */
export function toMunicipality(r: MunicipalityRow, wards: readonly Ward[] = []): Municipality {
  return {
    lgCode: r.lg_code, prefCode: r.pref_code, prefName: r.pref_name, name: r.name, nameKana: r.name_kana, kind: r.kind,
    seirei: r.seirei, chukaku: r.chukaku, kencho: r.kencho, metroArea: r.metro_area, eligible1433: r.eligible_1433,
    eligible1375: r.eligible_1375, eligibilityBasis: r.eligibility_basis, teijuuSince: r.teijuu_since,
    ...(r.seirei ? { wards } : {}),
  };
}

const toWard = (w: MunicipalWardRow): Ward => ({ lgCode: w.lg_code, name: w.name, nameKana: w.name_kana, abolished: w.abolished });

async function load(db: Kysely<Database>): Promise<MunicipalityReference> {
  const [rows, wardRows] = await Promise.all([listMunicipalityRows(db), listWardRows(db)]);
  const wards = new Map<string, Ward[]>();
  for (const w of wardRows) wards.set(w.city_lg_code, [...(wards.get(w.city_lg_code) ?? []), toWard(w)]);
  const list = Object.freeze(rows.map((r) => Object.freeze(toMunicipality(r, wards.get(r.lg_code)))));
  return { list, byCode: new Map(list.map((m) => [m.lgCode, m])) };
}

export function municipalityReference(db: Kysely<Database>): Promise<MunicipalityReference> {
  let pending = cache.get(db);
  if (!pending) {
    pending = load(db);
    cache.set(db, pending);
    const loaded = pending;
    loaded.catch(() => {
      if (cache.get(db) === loaded) cache.delete(db);
    });
  }
  return pending;
}

export async function listMunicipalities(db: Kysely<Database>): Promise<readonly Municipality[]> {
  return (await municipalityReference(db)).list;
}

/** Forget the cached master (after `npm run db:migrate` refreshed it in a running process). */
export function forgetMunicipalities(db: Kysely<Database>): void {
  cache.delete(db);
}

/** The municipalities of these codes (unknown codes are left out). */
export async function municipalitiesByCode(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, Municipality>> {
  const { byCode } = await municipalityReference(db);
  const out = new Map<string, Municipality>();
  for (const code of codes) {
    const m = byCode.get(code);
    if (m) out.set(code, m);
  }
  return out;
}

export type FoundMunicipality = { ok: true; municipality: Municipality; ward: WardName | null; display: string };

/**
 * A municipality from what a person typed (name with or without prefecture, kana, code, or a 政令市's
 * ward such as 「大阪府大阪市北区」, which gives its city and keeps the ward for display).
 */
export async function findMunicipality(db: Kysely<Database>, input: string): Promise<FoundMunicipality | { ok: false; message: string }> {
  const r = resolveMunicipality(input, await listMunicipalities(db));
  if (r.status !== 'found') return { ok: false, message: `${r.message_ja}。` };
  return { ok: true, municipality: r.municipality, ward: r.ward ?? null, display: `${displayName(r.municipality)}${r.ward?.name ?? ''}` };
}
