import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ProgramType } from '../../app/domain/vocabulary';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns come back as Date from pg and as text from PGlite; queries read them with to_char. */
type DateColumn = ColumnType<Date | string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, never>;

export type AgreementKindCode = ProgramType;

export interface AgreementDraftTable {
  id: Generated<number>;
  /** one draft per application */
  application_id: number;
  kind: AgreementKindCode;
  /** the newest version; a save must name it (optimistic lock) */
  current_version: Generated<number>;
  created_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** set together when the parties record the conclusion (締結) */
  concluded_version: number | null;
  concluded_on: DateColumn;
  concluded_at: Timestamp | null;
  concluded_by_user_id: string | null;
  /** copied from the concluded version: what monitoring may count (never the text) */
  term_start: DateColumn;
  term_end: DateColumn;
  term_months: number | null;
  lg_code: string | null;
  pref_code: string | null;
}

export interface AgreementVersionTable {
  id: Generated<number>;
  draft_id: number;
  version: number;
  /** the draft JSON as saved (app/domain/agreements draft format; may be incomplete when valid is false) */
  draft: Json<Record<string, unknown>>;
  /** the draft passes the draft schema (it can be rendered) */
  valid: boolean;
  /** valid and the rule check found no violation (it can be agreed to) */
  check_ok: Generated<boolean>;
  /** SHA-256 of the canonical draft JSON */
  draft_sha256: string;
  /** SHA-256 printed on every export of this version (null when not valid) */
  document_sha256: string | null;
  created_by_user_id: string | null;
  created_by_organisation_id: string;
  created_at: Timestamp;
  /** the clause template this version was built with (null: saved before templates were editable, i.e. the shipped ones) */
  template: ColumnType<Record<string, unknown> | null, string | null | undefined, never>;
  /** which version of that template was in effect (0 = the shipped one) */
  template_version: ColumnType<number | null, number | null | undefined, never>;
}

export interface AgreementApprovalTable {
  draft_id: number;
  version: number;
  organisation_id: string;
  user_id: string | null;
  approved_at: Timestamp;
}

export interface AgreementTables {
  agreement_drafts: AgreementDraftTable;
  agreement_versions: AgreementVersionTable;
  agreement_approvals: AgreementApprovalTable;
}

export type AgreementDraftRow = Selectable<AgreementDraftTable>;
export type AgreementVersionRow = Selectable<AgreementVersionTable>;
export type NewAgreementVersionRow = Insertable<AgreementVersionTable>;
