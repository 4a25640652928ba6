import { sql, type Kysely } from 'kysely';

// Every committed change to a table only signed-in pages show (sessions, inboxes, applications,
// proposals …) is announced on channel km_private_change (db/page-changes.ts), so that every app
// process empties its cache of signed-in pages. The tables of anonymous pages already announce on
// km_page_change, which empties that cache too. Not announced: rate_limits, schema_migrations(_lock)
// and socket_io_attachments, which no page shows. A table added later gets one of the two triggers.
const TABLES = [
  'agreement_approvals',
  'agreement_drafts',
  'agreement_versions',
  'application_events',
  'applications',
  'audit_log',
  'conversation_reads',
  'conversations',
  'form_submissions',
  'individual_profiles',
  'inquiries',
  'interview_slots',
  'legal_consents',
  'listing_favourites',
  'listing_revisions',
  'message_attachments',
  'messages',
  'monitoring_cube',
  'monitoring_durations',
  'monitoring_records',
  'monitoring_refresh',
  'notification_digests',
  'notification_outbox',
  'notification_preferences',
  'notifications',
  'proposal_dismissals',
  'proposal_events',
  'proposal_refresh_queue',
  'proposals',
  'saved_searches',
  'sessions',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function km_private_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('km_private_change', tg_table_name);
      return null;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql`create trigger ${sql.id(`${table}_private_change`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function km_private_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await sql`drop trigger if exists ${sql.id(`${table}_private_change`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists km_private_change()`.execute(db);
}
