import { sql, type Kysely } from 'kysely';

/*
 * Inquiries sent with the contact form (/contact). submission_key is generated with the form, so a
 * second post of the same form (a double click) finds the first row instead of adding one.
 * privacy_version is the privacy policy the sender agreed to (LEGAL_VERSIONS in app/domain/legal).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inquiries')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('submission_key', 'uuid', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // No foreign key, as in audit_log: an inquiry outlives the account that sent it.
    .addColumn('user_id', 'uuid')
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('privacy_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('inquiries_created_idx').on('inquiries').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inquiries').execute();
}
