import { sql, type Kysely } from 'kysely';

/*
 * A proposal counts as shown once per organisation, pairing and day (Japan time), however often the
 * page is reloaded, so the monitoring funnel shown → acted → applied compares like with like.
 * Repeats already recorded on the same day are dropped; `day` follows created_at, so rows written
 * with an explicit time (the demo data) fall on their own day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table proposal_events add column day date generated always as ((created_at at time zone 'Asia/Tokyo')::date) stored`.execute(db);
  await sql`
    delete from proposal_events e using proposal_events f
    where e.kind = 'shown' and f.kind = 'shown' and f.id < e.id and f.day = e.day
      and f.opening_id = e.opening_id and f.solution_id = e.solution_id and f.organisation_id = e.organisation_id`.execute(db);
  await sql`create unique index proposal_events_shown_once on proposal_events (opening_id, solution_id, organisation_id, day) where kind = 'shown'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index proposal_events_shown_once`.execute(db);
  await sql`alter table proposal_events drop column day`.execute(db);
}
