import { sql, type Kysely } from 'kysely';

// Every committed change to a table that pages for anonymous visitors show is announced on channel
// km_page_change (db/page-changes.ts) with the table's name, so that every app process empties its
// page cache. One notification per statement; PostgreSQL folds repeats within a transaction.
// A table added later gets the same trigger in its own migration (or joins PRIVATE_TABLES).
const TABLES = [
  'agreement_templates',
  'auth_tokens',
  'listing_attachments',
  'listings',
  'municipalities',
  'organisations',
  'search_documents',
  'search_outbox',
  'search_synonyms',
  'users',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function km_page_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('km_page_change', tg_table_name);
      return null;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql`create trigger ${sql.id(`${table}_page_change`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function km_page_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await sql`drop trigger if exists ${sql.id(`${table}_page_change`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists km_page_change()`.execute(db);
}
