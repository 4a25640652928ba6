import { sql, type Kysely } from 'kysely';

/*
 * The answers given to form submissions, so that the same submission sent twice (a double click, a
 * resent request) gets the first answer instead of doing the work again. A form carries a one-time
 * key made when the page was rendered; id is a SHA-256 over that key, the form's scope (which form,
 * whose) and the submitted values, so a changed form sent with the same key is a new submission.
 * status is null while the first request is still being answered. Rows are kept for a day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('form_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'integer')
    .addColumn('location', 'text')
    .addColumn('content_type', 'text')
    .addColumn('body', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('form_submissions_created_idx').on('form_submissions').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('form_submissions').execute();
}
