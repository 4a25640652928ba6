import { sql, type Kysely } from 'kysely';

// The index called openings `need` while the rest of the app calls them `opening`: one name now.
// Stored documents and pending outbox rows are renamed in place (each document's sample bucket,
// generated from its key, is recomputed with it). Meilisearch keeps its old keys until
// `npm run search:reindex` rebuilds it.
export async function up(db: Kysely<any>): Promise<void> {
  await rename(db, 'need', 'opening');
}

export async function down(db: Kysely<any>): Promise<void> {
  await rename(db, 'opening', 'need');
}

async function rename(db: Kysely<any>, from: string, to: string) {
  await sql`alter table search_documents drop constraint search_documents_kind_check`.execute(db);
  await sql`update search_documents set kind = ${to} where kind = ${from}`.execute(db);
  await sql`alter table search_documents add constraint search_documents_kind_check check (kind in (${sql.lit(to)}, 'solution'))`.execute(db);
  await sql`update search_outbox set kind = ${to} where kind = ${from}`.execute(db);
}
