import { sql, type Kysely } from 'kysely';

/*
 * What each user agreed to: one row per document (利用規約 'terms', プライバシーポリシー 'privacy') and
 * version (LEGAL_VERSIONS in app/domain/legal), with the time and the address it was agreed from.
 * Sign-up writes both; a later version agreed to is a new row, so the history stays.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legal_consents')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('document', 'text', (c) => c.notNull().check(sql`document in ('terms', 'privacy')`))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('agreed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('legal_consents_user_version_uq', ['user_id', 'document', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legal_consents').execute();
}
