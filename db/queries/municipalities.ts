import type { Kysely } from 'kysely';
import type { Database } from '../database';

export async function countMunicipalities(db: Kysely<Database>) {
  const row = await db
    .selectFrom('municipalities')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('lg_code').filterWhere('eligible_1433', '=', true).as('eligible1433'),
      eb.fn.count<number>('lg_code').filterWhere('eligible_1375', '=', true).as('eligible1375'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), eligible1433: Number(row.eligible1433), eligible1375: Number(row.eligible1375) };
}

export function findMunicipalityByCode(db: Kysely<Database>, lgCode: string) {
  return db.selectFrom('municipalities').selectAll().where('lg_code', '=', lgCode).executeTakeFirst();
}

/** Every municipality, by code. */
export function listMunicipalityRows(db: Kysely<Database>) {
  return db.selectFrom('municipalities').selectAll().orderBy('lg_code').execute();
}

/** Every 行政区 of the 政令市, by code. */
export function listWardRows(db: Kysely<Database>) {
  return db.selectFrom('municipal_wards').selectAll().orderBy('lg_code').execute();
}
