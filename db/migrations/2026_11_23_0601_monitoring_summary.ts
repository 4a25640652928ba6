import { sql, type Kysely } from 'kysely';

/*
 * The ministry's dashboard reads a summary, not the live tables: a cube of counts refreshed by a
 * job in one transaction (readers keep seeing the previous summary until it commits). Every
 * dimension has an "any" member '*' in which a record counts once, so a listing with two
 * categories is counted once in the total and once in each of its categories, and a view never
 * has to add up overlapping rows. Months are 'YYYY-MM' in Japan time.
 */
const MEASURES = [
  'listings', 'st_draft', 'st_open', 'st_expired', 'st_filled', 'st_withdrawn', 'published',
  'fn_applied', 'fn_dialogue', 'fn_agreed', 'fn_concluded', 'unanswered_30d',
  'applications', 'ap_applied', 'ap_dialogue', 'ap_interview', 'ap_agreed', 'ap_preparing', 'ap_concluded', 'ap_withdrawn', 'ap_declined',
  'ap_reached_dialogue', 'ap_reached_agreed', 'ap_reached_concluded', 'inquiries', 'cv_total', 'cv_replied',
  'ag_total', 'ag_drafting', 'ag_agreed', 'ag_concluded', 'ev_agreed', 'ev_concluded',
];

export async function up(db: Kysely<any>): Promise<void> {
  let cube = db.schema
    .createTable('monitoring_cube')
    .addColumn('month', 'char(7)', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pref_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull());
  for (const m of MEASURES) cube = cube.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
  // Every view fixes category and type ('*' or one value), then a prefecture and a month range.
  await cube.addPrimaryKeyConstraint('monitoring_cube_pkey', ['category', 'type', 'pref_code', 'month', 'kind']).execute();

  // Whole hours to the first reply, whole days to the agreement: one row per observed value, so a
  // median or 90th percentile over any filter is exact and read from a few hundred rows.
  await db.schema
    .createTable('monitoring_durations')
    .addColumn('metric', 'text', (c) => c.notNull().check(sql`metric in ('reply_hours', 'agreement_days')`))
    .addColumn('month', 'char(7)', (c) => c.notNull())
    .addColumn('pref_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('monitoring_durations_pkey', ['metric', 'category', 'type', 'pref_code', 'month', 'value'])
    .execute();

  await db.schema
    .createTable('monitoring_refresh')
    .addColumn('id', 'smallint', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('listings', 'integer', (c) => c.notNull())
    .addColumn('applications', 'integer', (c) => c.notNull())
    .addColumn('sources', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('monitoring_refresh').execute();
  await db.schema.dropTable('monitoring_durations').execute();
  await db.schema.dropTable('monitoring_cube').execute();
}
