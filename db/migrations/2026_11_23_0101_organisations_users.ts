import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_kana', 'text')
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('lg_code', 'char(6)', (c) => c.references('municipalities.lg_code'))
    .addColumn('head_office_lg_code', 'char(6)', (c) => c.references('municipalities.lg_code'))
    .addColumn('corporate_number', 'char(13)')
    .addColumn('company_class', 'text')
    .addColumn('individual_track', 'text')
    .addColumn('employer_name', 'text')
    .addColumn('department', 'text')
    .addColumn('phone', 'text')
    .addColumn('website', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reviewed_by', 'uuid')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('organisations_kind', sql`kind in ('municipality', 'company', 'individual', 'ministry', 'operator')`)
    .addCheckConstraint('organisations_status', sql`status in ('pending', 'approved', 'rejected', 'suspended')`)
    .addCheckConstraint('organisations_corporate_number', sql`corporate_number ~ '^[0-9]{13}$'`)
    .addCheckConstraint('organisations_company_class', sql`company_class in ('A', 'B', 'none')`)
    .addCheckConstraint('organisations_individual_track', sql`individual_track in ('side_job', 'senior', 'freelance')`)
    .addCheckConstraint('organisations_municipality_code', sql`kind <> 'municipality' or lg_code is not null`)
    .addCheckConstraint('organisations_company_fields', sql`kind <> 'company' or (corporate_number is not null and head_office_lg_code is not null)`)
    .addCheckConstraint('organisations_individual_track_set', sql`kind <> 'individual' or individual_track is not null`)
    .execute();
  // One organisation per municipality and per 法人番号; rejected applications do not block a new one.
  await sql`create unique index organisations_municipality_uq on organisations (lg_code) where kind = 'municipality' and status <> 'rejected'`.execute(db);
  await sql`create unique index organisations_corporate_number_uq on organisations (corporate_number) where kind = 'company' and status <> 'rejected'`.execute(db);
  await db.schema.createIndex('organisations_status_idx').on('organisations').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('org_role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'timestamptz')
    // the last accepted time step: a code is never accepted twice
    .addColumn('totp_last_step', 'bigint')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('users_org_role', sql`org_role in ('owner', 'member')`)
    .addCheckConstraint('users_email_lower', sql`email = lower(email)`)
    .execute();
  await db.schema.createIndex('users_email_uq').on('users').column('email').unique().execute();
  await db.schema.createIndex('users_organisation_idx').on('users').column('organisation_id').execute();
}
