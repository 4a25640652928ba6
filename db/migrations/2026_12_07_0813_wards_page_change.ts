import { sql, type Kysely } from 'kysely';

/* The ward table feeds public pages (eligibility answers, listing places): its changes empty the page cache. */

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create trigger municipal_wards_page_change after insert or update or delete or truncate on municipal_wards
    for each statement execute function km_page_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists municipal_wards_page_change on municipal_wards`.execute(db);
}
