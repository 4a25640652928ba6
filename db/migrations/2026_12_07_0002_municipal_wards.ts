import { sql, type Kysely } from 'kysely';

/*
 * The 行政区 of the 政令市 (db/data/wards.csv, imported with the master by db:migrate): a head office
 * registered at ward level (大阪市北区) resolves to its city, whose class and eligibility it has.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('municipal_wards')
    .addColumn('lg_code', 'char(6)', (c) => c.primaryKey())
    .addColumn('city_lg_code', 'char(6)', (c) => c.notNull().references('municipalities.lg_code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_kana', 'text', (c) => c.notNull())
    .addColumn('abolished', 'text')
    .addCheckConstraint('municipal_wards_lg_code_digits', sql`lg_code ~ '^[0-9]{6}$'`)
    .addCheckConstraint('municipal_wards_abolished_date', sql`abolished is null or abolished ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`)
    .execute();
  await db.schema.createIndex('municipal_wards_city_idx').on('municipal_wards').column('city_lg_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('municipal_wards').execute();
}
