import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, pendingMigrations } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { MunicipalityCsvError, parseMunicipalitiesCsv } from '../../db/municipalities/csv';
import { importMunicipalities, MUNICIPALITIES_CSV, readMunicipalityMaster } from '../../db/municipalities/import';
import { countMunicipalities } from '../../db/queries/municipalities';
import { createTestDb, testDriver } from '../helpers/test-db';

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

describe(`migrations on ${testDriver()}`, () => {
  it('applies every migration, and a second run is a no-op', async () => {
    expect(await pendingMigrations(t.db)).toEqual([]);
    const applied = await t.db.selectFrom('schema_migrations' as never).select(sql<string>`name`.as('name')).execute();
    expect(applied.map((r) => r.name)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('runs a migration that sorts before ones already applied (feature-grouped names), once', async () => {
    const name = '2026_11_23_0203_search_sample';
    await migrations[name].down!(t.db as never);
    await t.db.deleteFrom('schema_migrations' as never).where(sql.ref('name'), '=', name).execute();
    expect(await pendingMigrations(t.db)).toEqual([name]);
    const results = await migrateToLatest(t.db);
    expect(results.map((r) => [r.migrationName, r.status])).toEqual([[name, 'Success']]);
    expect(await pendingMigrations(t.db)).toEqual([]);
    const column = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_name = 'search_documents' and column_name = 'sample'`.execute(t.db);
    expect(column.rows[0].n).toBe(1);
  });

  it('loads the municipality master with the list sizes', async () => {
    expect(await countMunicipalities(t.db)).toEqual({ total: 1741, eligible1433: 1433, eligible1375: 1375 });
    const row = await t.db.selectFrom('municipalities').selectAll().where('name', '=', '箱根町').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ pref_name: '神奈川県', metro_area: 'tokyo', jinko_genshou: true, eligible_1433: true, eligibility_basis: ['jinko_genshou'] });
  });

  it('re-imports idempotently', async () => {
    await importMunicipalities(t.db, await readMunicipalityMaster());
    expect(await countMunicipalities(t.db)).toEqual({ total: 1741, eligible1433: 1433, eligible1375: 1375 });
  });

  it('refuses a malformed file before touching the table', async () => {
    const text = readFileSync(MUNICIPALITIES_CSV, 'utf8').replace('011002,01,北海道,札幌市', '011002,01,北海道,');
    expect(() => parseMunicipalitiesCsv(text)).toThrow(MunicipalityCsvError);
    expect(() => parseMunicipalitiesCsv(text)).toThrow('line 2: name is empty');
    const row = await t.db.selectFrom('municipalities').select('name').where('lg_code', '=', '011002').executeTakeFirstOrThrow();
    expect(row.name).toBe('札幌市');
  });

  it('rolls a failing import back as a whole', async () => {
    const records = await readMunicipalityMaster();
    const bad = [{ ...records[0], name: '改ざん' }, { ...records[1], lgCode: '99999' }];
    await expect(importMunicipalities(t.db, bad)).rejects.toThrow();
    const row = await t.db.selectFrom('municipalities').select('name').where('lg_code', '=', records[0].lgCode).executeTakeFirstOrThrow();
    expect(row.name).toBe(records[0].name);
  });
});
