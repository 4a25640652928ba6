import { sql, type Kysely } from 'kysely';

/*
 * An application (company/individual → opening) or a scout (municipality → solution). Both
 * organisations are copied from the listing at creation, so a policy check needs only this row.
 * application_events keeps every state change (creation included) for the funnel figures.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('listing_id', 'integer', (c) => c.notNull().references('listings.id').onDelete('cascade'))
    .addColumn('listing_kind', 'text', (c) => c.notNull().check(sql`listing_kind in ('opening', 'solution')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('application', 'scout')`))
    .addColumn('applicant_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('owner_organisation_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('applicant_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('program_type', 'text', (c) => c.notNull().check(sql`program_type in ('dispatch', 'side_job', 'senior')`))
    .addColumn('is_inquiry', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('eligibility', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('proposal', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('applied').check(sql`state in ('applied', 'in_dialogue', 'interview', 'agreed', 'preparing', 'concluded', 'withdrawn', 'declined')`),
    )
    .addColumn('state_reason', 'text')
    .addColumn('state_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('first_reply_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('applications_two_parties', sql`applicant_organisation_id <> owner_organisation_id`)
    .addCheckConstraint('applications_inquiry_not_agreed', sql`not (is_inquiry and state in ('agreed', 'preparing', 'concluded'))`)
    .execute();
  // One open application per listing and organisation; after 辞退/見送り a new one may be sent.
  await sql`create unique index applications_open_once on applications (listing_id, applicant_organisation_id) where state not in ('withdrawn', 'declined')`.execute(db);
  await db.schema.createIndex('applications_applicant_idx').on('applications').columns(['applicant_organisation_id', 'updated_at']).execute();
  await db.schema.createIndex('applications_owner_idx').on('applications').columns(['owner_organisation_id', 'updated_at']).execute();
  await db.schema.createIndex('applications_state_idx').on('applications').columns(['state', 'created_at']).execute();

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_organisation_id', 'uuid')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('application_events_app_idx').on('application_events').columns(['application_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_events').execute();
  await db.schema.dropTable('applications').execute();
}
