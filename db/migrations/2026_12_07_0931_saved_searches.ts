import { sql, type Kysely } from 'kysely';

/*
 * Searches a user saved from /search, each with the alert frequency chosen for it. `params` holds the
 * validated filters (the /search URL's state). An alert run claims a search by writing the period it
 * is working on into `alerted_period` (an UPDATE that a second process waits for and then skips), and
 * moves `checked_until` to the time up to which published listings have been looked at.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saved_searches')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('daily').check(sql`frequency in ('immediate', 'daily', 'weekly', 'none')`))
    .addColumn('checked_until', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('alerted_period', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('saved_searches_user_idx').on('saved_searches').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('saved_searches_alert_idx').on('saved_searches').column('frequency').where(sql.ref('frequency'), '!=', 'none').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_searches').execute();
}
