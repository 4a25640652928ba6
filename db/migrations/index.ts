import type { Migration } from 'kysely';
import * as m0001 from './2026_11_23_0001_municipalities';
import * as m0101 from './2026_11_23_0101_organisations_users';
import * as m0102 from './2026_11_23_0102_sessions_tokens';
import * as m0103 from './2026_11_23_0103_audit_log';
import * as m0201 from './2026_11_23_0201_search_documents';
import * as m0202 from './2026_11_23_0202_search_synonyms_seed';
import * as m0203 from './2026_11_23_0203_search_sample';
import * as m0204 from './2026_11_23_0204_search_kind_opening';
import * as m0301 from './2026_11_23_0301_listings';
import * as m0401 from './2026_11_23_0401_applications';
import * as m0402 from './2026_11_23_0402_conversations';
import * as m0403 from './2026_11_23_0403_interview_slots';
import * as m0404 from './2026_11_23_0404_notifications';
import * as m0501 from './2026_11_23_0501_agreements';
import * as m0502 from './2026_11_23_0502_agreement_templates';
import * as m0601 from './2026_11_23_0601_monitoring_summary';
import * as m0701 from './2026_12_06_0701_page_change_notify';
import * as m0702 from './2026_12_06_0702_inquiries';
import * as m0002 from './2026_12_07_0002_municipal_wards';
import * as m0801 from './2026_12_07_0801_session_end_notify';
import * as m0802 from './2026_12_07_0802_outbox_attachments';
import * as m0811 from './2026_12_07_0811_form_submissions';
import * as m0812 from './2026_12_07_0812_legal_consents';
import * as m0813 from './2026_12_07_0813_wards_page_change';
import * as m0911 from './2026_12_07_0911_matching';
import * as m0921 from './2026_12_07_0921_favourites';
import * as m0931 from './2026_12_07_0931_saved_searches';
import * as m0932 from './2026_12_07_0932_outbox_headers';
import * as m09401 from './2026_12_07_09401_monitoring_records';
import * as m0951 from './2026_12_07_0951_individual_profiles';
import * as m1201 from './2026_12_07_1201_proposal_shown_once';
import * as m1202 from './2026_12_07_1202_organisation_proposal_refresh';
import * as m1203 from './2026_12_07_1203_private_change_notify';
import * as m1311 from './2026_12_07_1311_proposal_digests';
import * as m260201 from './2026_12_08_0201_search_lead_vector';

/**
 * Every migration, in order. Listed statically (not read from the folder at run time) so that the
 * bundled server carries them. A migration is frozen once it has run anywhere: add a new file instead.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_municipalities': m0001,
  '2026_11_23_0101_organisations_users': m0101,
  '2026_11_23_0102_sessions_tokens': m0102,
  '2026_11_23_0103_audit_log': m0103,
  '2026_11_23_0201_search_documents': m0201,
  '2026_11_23_0202_search_synonyms_seed': m0202,
  '2026_11_23_0203_search_sample': m0203,
  '2026_11_23_0204_search_kind_opening': m0204,
  '2026_11_23_0301_listings': m0301,
  '2026_11_23_0401_applications': m0401,
  '2026_11_23_0402_conversations': m0402,
  '2026_11_23_0403_interview_slots': m0403,
  '2026_11_23_0404_notifications': m0404,
  '2026_11_23_0501_agreements': m0501,
  '2026_11_23_0502_agreement_templates': m0502,
  '2026_11_23_0601_monitoring_summary': m0601,
  '2026_12_06_0701_page_change_notify': m0701,
  '2026_12_06_0702_inquiries': m0702,
  '2026_12_07_0002_municipal_wards': m0002,
  '2026_12_07_0801_session_end_notify': m0801,
  '2026_12_07_0802_outbox_attachments': m0802,
  '2026_12_07_0811_form_submissions': m0811,
  '2026_12_07_0812_legal_consents': m0812,
  '2026_12_07_0813_wards_page_change': m0813,
  '2026_12_07_0911_matching': m0911,
  '2026_12_07_0921_favourites': m0921,
  '2026_12_07_0931_saved_searches': m0931,
  '2026_12_07_0932_outbox_headers': m0932,
  '2026_12_07_09401_monitoring_records': m09401,
  '2026_12_07_0951_individual_profiles': m0951,
  '2026_12_07_1201_proposal_shown_once': m1201,
  '2026_12_07_1202_organisation_proposal_refresh': m1202,
  '2026_12_07_1203_private_change_notify': m1203,
  '2026_12_07_1311_proposal_digests': m1311,
  '2026_12_08_0201_search_lead_vector': m260201,
};
