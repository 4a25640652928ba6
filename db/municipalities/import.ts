import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../database';
import { parseMunicipalitiesCsv, parseWardsCsv, withWards, type MunicipalityRecord } from './csv';

/** The master shipped with the application (copied from the program's list, see db/data/SOURCES.md). */
export const MUNICIPALITIES_CSV = fileURLToPath(new URL('../data/municipalities.csv', import.meta.url));

/** The fiscal year (April start) from which the shipped list (1,433 / 1,375) is in force: 令和7年度. */
export const MUNICIPALITY_LIST_FISCAL_YEAR = 2025;

/** The 行政区 of the 政令市 (db/data/SOURCES.md): each resolves to its city. */
export const WARDS_CSV = fileURLToPath(new URL('../data/wards.csv', import.meta.url));

/** The master with the wards of each 政令市 attached. */
export async function readMunicipalityMaster(file = MUNICIPALITIES_CSV, wardsFile = WARDS_CSV): Promise<MunicipalityRecord[]> {
  const master = parseMunicipalitiesCsv(await readFile(file, 'utf8'));
  return withWards(master, parseWardsCsv(await readFile(wardsFile, 'utf8'), master));
}

/**
 * Upserts the whole master in one transaction: a malformed file never leaves a half-imported table.
 * When the records carry their wards (readMunicipalityMaster), the ward table is replaced by them.
 */
export async function importMunicipalities(
  db: Kysely<Database>,
  records: MunicipalityRecord[],
  listFiscalYear = MUNICIPALITY_LIST_FISCAL_YEAR,
): Promise<number> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < records.length; i += 500) {
      const rows = records.slice(i, i + 500).map((r) => ({
        lg_code: r.lgCode, pref_code: r.prefCode, pref_name: r.prefName, name: r.name, name_kana: r.nameKana,
        kind: r.kind, seirei: r.seirei, chukaku: r.chukaku, kencho: r.kencho, metro_area: r.metroArea,
        joken_furi: r.jokenFuri, kaso: r.kaso, kaso_area: r.kasoArea, jinko_genshou: r.jinkoGenshou,
        teijuu: r.teijuu, teijuu_ken: r.teijuuKen, teijuu_since: r.teijuuSince, eligible_1433: r.eligible1433,
        eligible_1375: r.eligible1375, eligibility_basis: r.eligibilityBasis, list_fiscal_year: listFiscalYear,
      }));
      await trx
        .insertInto('municipalities')
        .values(rows)
        .onConflict((oc) =>
          oc.column('lg_code').doUpdateSet((eb) => ({
            pref_code: eb.ref('excluded.pref_code'), pref_name: eb.ref('excluded.pref_name'), name: eb.ref('excluded.name'),
            name_kana: eb.ref('excluded.name_kana'), kind: eb.ref('excluded.kind'), seirei: eb.ref('excluded.seirei'),
            chukaku: eb.ref('excluded.chukaku'), kencho: eb.ref('excluded.kencho'), metro_area: eb.ref('excluded.metro_area'),
            joken_furi: eb.ref('excluded.joken_furi'), kaso: eb.ref('excluded.kaso'), kaso_area: eb.ref('excluded.kaso_area'),
            jinko_genshou: eb.ref('excluded.jinko_genshou'), teijuu: eb.ref('excluded.teijuu'),
            teijuu_ken: eb.ref('excluded.teijuu_ken'), teijuu_since: eb.ref('excluded.teijuu_since'),
            eligible_1433: eb.ref('excluded.eligible_1433'), eligible_1375: eb.ref('excluded.eligible_1375'),
            eligibility_basis: eb.ref('excluded.eligibility_basis'), list_fiscal_year: eb.ref('excluded.list_fiscal_year'),
            updated_at: new Date(),
          })),
        )
        .execute();
    }
    if (records.some((r) => r.wards)) {
      const wards = records.flatMap((r) => r.wards ?? []);
      await trx.deleteFrom('municipal_wards').execute();
      for (let i = 0; i < wards.length; i += 500) {
        await trx
          .insertInto('municipal_wards')
          .values(wards.slice(i, i + 500).map((w) => ({ lg_code: w.lgCode, city_lg_code: w.cityLgCode, name: w.name, name_kana: w.nameKana, abolished: w.abolished })))
          .execute();
      }
    }
  });
  return records.length;
}
