import { sql, type Kysely } from 'kysely';

/*
 * One agreement draft per application (協定書 for 企業派遣型, 契約書 for 副業型/シニア型). Every save is
 * a new, immutable row in agreement_versions; current_version on the draft is the optimistic lock a
 * save must name. agreement_approvals records which party organisation agreed to which version. At
 * conclusion the draft keeps the facts the ministry may see (type, term, municipality), so monitoring
 * never has to open a version's text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agreement_drafts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('applications.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('dispatch', 'side_job', 'senior')`))
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('concluded_version', 'integer')
    .addColumn('concluded_on', 'date')
    .addColumn('concluded_at', 'timestamptz')
    .addColumn('concluded_by_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('term_start', 'date')
    .addColumn('term_end', 'date')
    .addColumn('term_months', 'integer')
    .addColumn('lg_code', 'char(6)')
    .addColumn('pref_code', 'char(2)')
    .addCheckConstraint('agreement_drafts_concluded_complete', sql`(concluded_on is null) = (concluded_version is null)`)
    .execute();
  await db.schema.createIndex('agreement_drafts_concluded_idx').on('agreement_drafts').columns(['concluded_on']).execute();

  await db.schema
    .createTable('agreement_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('draft_id', 'integer', (c) => c.notNull().references('agreement_drafts.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('draft', 'jsonb', (c) => c.notNull())
    .addColumn('valid', 'boolean', (c) => c.notNull())
    .addColumn('check_ok', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('draft_sha256', 'char(64)', (c) => c.notNull())
    .addColumn('document_sha256', 'char(64)')
    .addColumn('created_by_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('agreement_versions_draft_version', ['draft_id', 'version'])
    .execute();
  await sql`
    create function agreement_versions_immutable() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        raise exception 'agreement_versions are immutable (UPDATE refused)' using errcode = 'insufficient_privilege';
      end if;
      return old;
    end
    $$`.execute(db);
  // DELETE stays possible only as the cascade from a removed application; a saved version never changes.
  await sql`
    create trigger agreement_versions_no_update before update on agreement_versions
    for each row execute function agreement_versions_immutable()`.execute(db);

  await db.schema
    .createTable('agreement_approvals')
    .addColumn('draft_id', 'integer', (c) => c.notNull().references('agreement_drafts.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('agreement_approvals_pkey', ['draft_id', 'version', 'organisation_id'])
    .addForeignKeyConstraint('agreement_approvals_version_fk', ['draft_id', 'version'], 'agreement_versions', ['draft_id', 'version'], (f) => f.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agreement_approvals').execute();
  await db.schema.dropTable('agreement_versions').execute();
  await sql`drop function if exists agreement_versions_immutable()`.execute(db);
  await db.schema.dropTable('agreement_drafts').execute();
}
