import { sql, type Kysely } from 'kysely';

/*
 * Operator-edited clause templates (協定書・契約書のひな形), one append-only history per kind and fiscal
 * year: every save is a new row with the next version number and a required note (変更理由); the newest
 * row of a (kind, fiscal_year) is the template in effect, and where no row exists the shipped template
 * (app/domain/agreements/templates, shown as 版0「標準」) is. A trigger refuses UPDATE and DELETE.
 *
 * agreement_versions gains the template each version was built with (a copy, and the template version
 * that was in effect), so a saved version keeps rendering the same text after the template is edited.
 * Versions saved before this migration have none: they were built with the shipped templates.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agreement_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('dispatch', 'side_job', 'senior')`))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull().check(sql`fiscal_year between 2019 and 2100`))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().check(sql`length(btrim(note)) > 0`))
    // No foreign key, as in audit_log: a cascade from users would have to update rows, and the history must outlive the account.
    .addColumn('created_by_user_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('agreement_templates_kind_year_version', ['kind', 'fiscal_year', 'version'])
    .execute();
  await sql`
    create function agreement_templates_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'agreement_templates is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger agreement_templates_no_update_delete before update or delete on agreement_templates
    for each row execute function agreement_templates_append_only()`.execute(db);

  await db.schema
    .alterTable('agreement_versions')
    .addColumn('template', 'jsonb')
    .addColumn('template_version', 'integer', (c) => c.check(sql`template_version >= 0`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agreement_versions').dropColumn('template').dropColumn('template_version').execute();
  await db.schema.dropTable('agreement_templates').execute();
  await sql`drop function if exists agreement_templates_append_only()`.execute(db);
}
