import { sql, type Kysely } from 'kysely';

/*
 * 気になる: a user marks a published listing of the other side. One row per user and listing; the
 * owner sees only how many organisations marked it, and a marker's name only where show_name is set
 * or that organisation applied to / scouted the listing (app/domain/favourites).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('listing_favourites')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('listing_id', 'integer', (c) => c.notNull().references('listings.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('show_name', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('listing_favourites_pk', ['user_id', 'listing_id'])
    .execute();
  await db.schema.createIndex('listing_favourites_listing_idx').on('listing_favourites').columns(['listing_id', 'organisation_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('listing_favourites').execute();
}
