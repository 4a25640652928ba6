import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';

/** A published listing of one organisation, with the fields the tests here read. */
export function insertPublishedListing(db: Kysely<Database>, kind: 'opening' | 'solution', organisationId: string, title: string, status: 'published' | 'draft' = 'published') {
  return db
    .insertInto('listings')
    .values({
      kind, organisation_id: organisationId, status, close_reason: null, title, summary: '', body: '', duties: '', skills: '', track_record: '',
      conditions: '', categories: ['dx'], types: ['dispatch', 'side_job', 'senior'], term_min_months: 6, term_max_months: 12, start_from: null, deadline: null,
      days_on_site: null, remote_ok: true, budget_min_yen: null, budget_max_yen: null, headcount: null, lg_code: kind === 'opening' ? '325252' : null,
      pref_code: null, region_pref_codes: [], region_anywhere: true, contact_name: '', contact_email: '', contact_phone: '',
      published_at: status === 'published' ? new Date() : null, closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
