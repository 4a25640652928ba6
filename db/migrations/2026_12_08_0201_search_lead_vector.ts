import { sql, type Kysely } from 'kysely';

// The full vector without the body (title A, skills B, category and place C, at the same positions),
// generated from it so the two can never disagree. It stays in the row (about 600 bytes, where the
// full vector is ~2.7 KB in TOAST): scoring reads it for every match, and from it bounds what each
// match can score, so only the matches that can still reach the requested page have their full
// vector read (search/postgres.ts, db/queries/search.ts rankedPage).
export async function up(db: Kysely<any>): Promise<void> {
  // MAIN: kept in the row (moved out only if a row would not fit a page), set in the same statement
  // so the rewrite that fills the column already stores it that way.
  await sql`alter table search_documents
    add column lead_vector tsvector not null generated always as (ts_filter(search_vector, '{a,b,c}')) stored,
    alter column lead_vector set storage main`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table search_documents drop column lead_vector`.execute(db);
}
