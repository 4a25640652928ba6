import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AgreementKindCode } from './agreements';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, never>;

/** One saved version of a clause template (append-only; the newest per kind and fiscal year is in effect). */
export interface AgreementTemplateVersionTable {
  id: Generated<number>;
  kind: AgreementKindCode;
  fiscal_year: number;
  /** 1, 2, … per (kind, fiscal_year); 0 is the shipped template, which has no row */
  version: number;
  /** the template (app/domain/agreements/template.ts format) */
  body: Json<Record<string, unknown>>;
  /** 変更理由 */
  note: string;
  created_by_user_id: string | null;
  created_at: Timestamp;
}

export interface AgreementTemplateTables {
  agreement_templates: AgreementTemplateVersionTable;
}

export type AgreementTemplateVersionRow = Selectable<AgreementTemplateVersionTable>;
export type NewAgreementTemplateVersionRow = Insertable<AgreementTemplateVersionTable>;
