import { sql, type Kysely } from 'kysely';

// A fixed pseudo-random bucket (0–15) per document, generated from the key so it can never disagree
// with the document. Searches that match thousands of documents count and facet the documents of
// buckets 0 and 1 (1/8 of the index) instead of every match; their own small text index finds the
// sampled matches without reading any other row. search/postgres.ts (SAMPLE_BUCKETS) relies on the
// `sample < 2` of this index: change both together.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table search_documents
    add column sample smallint not null generated always as ((hashtext(kind || ':' || id) & 15)::smallint) stored`.execute(db);
  await sql`create index search_documents_sample_vector_idx on search_documents using gin (search_vector) where status = 'published' and sample < 2`.execute(db);
  // Title/skills matches come first in every ranking; for a common word the first page is taken from
  // them alone, found by this index without reading the other matches.
  await sql`create index search_documents_head_idx on search_documents using gin (head_vector) where status = 'published'`.execute(db);
  // The month of publication as a lexeme in both vectors (search/text.ts monthLexeme): a large
  // result's first pages are the newest matches, and this lets the text indexes skip the old ones.
  await sql`update search_documents set
      search_vector = search_vector || array_to_tsvector(array['@' || to_char(published_at at time zone 'UTC', 'YYYY-MM')]),
      head_vector = head_vector || array_to_tsvector(array['@' || to_char(published_at at time zone 'UTC', 'YYYY-MM')])
    where published_at is not null`.execute(db);
  // Three values: a type filter keeps a third of the index, so this index only made plans worse.
  await sql`drop index search_documents_types_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index search_documents_types_idx on search_documents using gin (types)`.execute(db);
  await sql`drop index search_documents_head_idx`.execute(db);
  await sql`drop index search_documents_sample_vector_idx`.execute(db);
  await sql`alter table search_documents drop column sample`.execute(db);
}
