import { sql, type Kysely } from 'kysely';

/*
 * A solution's eligibility follows its organisation's head office (company class, an individual's
 * track and former employer): when one of these changes, however it is changed, the organisation's
 * listings are queued for a proposal refresh in the same transaction (drained by the
 * proposal-refresh job).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function km_organisation_proposal_refresh() returns trigger language plpgsql as $$
    begin
      insert into proposal_refresh_queue (listing_id, queued_at)
        select id, now() from listings where organisation_id = new.id
      on conflict (listing_id) do update set queued_at = excluded.queued_at;
      return null;
    end $$`.execute(db);
  await sql`create trigger organisations_proposal_refresh after update of head_office_lg_code, company_class, individual_track, kind on organisations
    for each row when (old.head_office_lg_code is distinct from new.head_office_lg_code or old.company_class is distinct from new.company_class
      or old.individual_track is distinct from new.individual_track or old.kind is distinct from new.kind)
    execute function km_organisation_proposal_refresh()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger organisations_proposal_refresh on organisations`.execute(db);
  await sql`drop function km_organisation_proposal_refresh()`.execute(db);
}
