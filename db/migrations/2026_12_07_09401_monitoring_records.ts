import { sql, type Kysely } from 'kysely';

/*
 * The records behind the summary's counts of people, grouped: one row per month, kind, prefecture,
 * categories, types and set of measures a record counts in, with the number of such records.
 * Rebuilt with the summary in the same transaction. Small-cell suppression reads it to know which
 * records each published number counts, so no hidden cell is the difference of two shown ones,
 * whatever their views and measures. Never shown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('monitoring_records')
    .addColumn('month', 'char(7)', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('pref_code', 'text', (c) => c.notNull())
    .addColumn('cats', sql`text[]`, (c) => c.notNull())
    .addColumn('types', sql`text[]`, (c) => c.notNull())
    .addColumn('measures', sql`text[]`, (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitoring_records_month').on('monitoring_records').column('month').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('monitoring_records').execute();
}
