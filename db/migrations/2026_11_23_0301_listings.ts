import { sql, type Kysely } from 'kysely';

/*
 * 起業人募集 (kind 'opening') and ソリューション (kind 'solution') share one table: they are listed,
 * searched, applied to and monitored the same way, and most columns are common. Long texts are
 * Markdown. Every change is kept in listing_revisions as a full snapshot.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('listings')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('opening', 'solution')`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'closed')`))
    .addColumn('close_reason', 'text', (c) => c.check(sql`close_reason in ('filled', 'withdrawn', 'expired')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('duties', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('track_record', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('term_min_months', 'integer', (c) => c.notNull())
    .addColumn('term_max_months', 'integer', (c) => c.notNull())
    .addColumn('start_from', 'date')
    .addColumn('deadline', 'date')
    .addColumn('days_on_site', 'integer')
    .addColumn('remote_ok', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('budget_min_yen', 'bigint')
    .addColumn('budget_max_yen', 'bigint')
    .addColumn('headcount', 'integer')
    .addColumn('lg_code', 'char(6)', (c) => c.references('municipalities.lg_code'))
    .addColumn('pref_code', 'char(2)')
    .addColumn('region_pref_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('region_anywhere', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('listings_term_order', sql`term_min_months between 1 and 60 and term_max_months between term_min_months and 60`)
    .addCheckConstraint('listings_budget_order', sql`budget_min_yen is null or budget_max_yen is null or budget_min_yen <= budget_max_yen`)
    .addCheckConstraint('listings_closed_reason', sql`(status = 'closed') = (close_reason is not null)`)
    .execute();
  await db.schema.createIndex('listings_public_idx').on('listings').columns(['kind', 'status', 'published_at']).execute();
  await db.schema.createIndex('listings_org_idx').on('listings').columns(['organisation_id', 'kind', 'updated_at']).execute();
  await db.schema.createIndex('listings_deadline_idx').on('listings').columns(['status', 'deadline']).execute();
  await db.schema.createIndex('listings_pref_idx').on('listings').columns(['pref_code']).execute();
  await db.schema.createIndex('listings_categories_idx').on('listings').using('gin').column('categories').execute();

  await db.schema
    .createTable('listing_revisions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('listing_id', 'integer', (c) => c.notNull().references('listings.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('changed', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('listing_revisions_listing_revision_key', ['listing_id', 'revision'])
    .execute();

  await db.schema
    .createTable('listing_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('listing_id', 'integer', (c) => c.notNull().references('listings.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')`))
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('listing_attachments_listing_idx').on('listing_attachments').columns(['listing_id', 'created_at']).execute();
}
