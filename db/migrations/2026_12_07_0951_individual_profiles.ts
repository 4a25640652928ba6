import { sql, type Kysely } from 'kysely';

/*
 * The profile an individual (副業型・シニア型) shows to municipalities before a scout: where they live,
 * their skills, career history, how much time they can give, and a photo. One row per individual
 * organisation. The photo is kept as the re-encoded WebP the server made (EXIF/GPS stripped), never
 * the uploaded bytes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('individual_profiles')
    .addColumn('organisation_id', 'uuid', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('residence_lg_code', 'char(6)', (c) => c.references('municipalities.lg_code'))
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo(''))
    // [{ employer, role, fromYear, toYear | null }], newest first
    .addColumn('careers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('days_per_month', 'integer', (c) => c.check(sql`days_per_month between 1 and 31`))
    .addColumn('hours_per_month', 'integer', (c) => c.check(sql`hours_per_month between 1 and 744`))
    .addColumn('onsite_frequency', 'text', (c) => c.check(sql`onsite_frequency in ('weekly', 'biweekly', 'monthly', 'quarterly', 'remote_only')`))
    .addColumn('available_from', 'date')
    .addColumn('photo', 'bytea')
    .addColumn('photo_updated_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('individual_profiles').execute();
}
