import { sql, type Kysely } from 'kysely';

// The embedded search index: one row per listing, kept in the listing's own transaction.
// Tokens are produced by the application (bigrams + words), so the vectors are built without any
// text search configuration or extension and behave the same on PostgreSQL and PGlite.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('need', 'solution')`))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('skills', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('prefecture', 'text')
    .addColumn('pref_code', 'char(2)')
    .addColumn('municipality', 'text')
    .addColumn('lg_code', 'char(6)')
    .addColumn('remote_ok', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('term_months', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published', 'closed')`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('eligible_1433', 'boolean')
    .addColumn('eligible_1375', 'boolean')
    // Everything, weighted title A > skills B > category and place C > body D; the GIN-indexed match target.
    .addColumn('search_vector', sql`tsvector`, (c) => c.notNull())
    // Title and skills only: small enough to stay inline, so it can pre-rank every match cheaply.
    .addColumn('head_vector', sql`tsvector`, (c) => c.notNull())
    .addColumn('indexed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('search_documents_pkey', ['kind', 'id'])
    .execute();
  // Keep rows narrow so a search touches few pages: the body and the full vector move to TOAST (read
  // only for the page of hits), while the fields every match needs stay inline.
  await sql`alter table search_documents set (toast_tuple_target = 128)`.execute(db);
  // PLAIN: never compressed either, so reading them for thousands of matches costs no decompression.
  for (const column of ['category', 'types', 'prefecture', 'municipality', 'head_vector']) {
    await sql`alter table search_documents alter column ${sql.ref(column)} set storage plain`.execute(db);
  }
  await sql`create index search_documents_vector_idx on search_documents using gin (search_vector)`.execute(db);
  await sql`create index search_documents_types_idx on search_documents using gin (types)`.execute(db);
  await db.schema.createIndex('search_documents_fresh_idx').on('search_documents').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('search_documents_category_idx').on('search_documents').columns(['category']).execute();
  await db.schema.createIndex('search_documents_pref_idx').on('search_documents').columns(['prefecture']).execute();

  // Transactional outbox for an external engine (Meilisearch): one pending row per changed document,
  // coalesced, so the table never holds more rows than there are documents.
  await db.schema
    .createTable('search_outbox')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull().check(sql`op in ('upsert', 'delete')`))
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('search_outbox_pkey', ['kind', 'id'])
    .execute();
  await db.schema.createIndex('search_outbox_due_idx').on('search_outbox').columns(['next_attempt_at']).execute();

  await db.schema
    .createTable('search_synonyms')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('terms', sql`text[]`, (c) => c.notNull().check(sql`cardinality(terms) >= 2`))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_synonyms').execute();
  await db.schema.dropTable('search_outbox').execute();
  await db.schema.dropTable('search_documents').execute();
}
