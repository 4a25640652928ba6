import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CloseReason, ListingKind, ListingStatus } from '../../app/domain/vocabulary';

/** `date` columns come back as Date from pg and as text from PGlite; we write ISO strings. */
type NullableDateColumn = ColumnType<Date | string | null, string | null, string | null>;
/** bigint: parsed to number by db/client.ts (our amounts stay far below 2^53). */
type Yen = ColumnType<number | null, number | null, number | null>;

export interface ListingTable {
  id: Generated<number>;
  kind: ListingKind;
  organisation_id: string;
  status: Generated<ListingStatus>;
  close_reason: CloseReason | null;
  title: string;
  summary: string;
  body: string;
  duties: string;
  skills: string;
  track_record: string;
  conditions: string;
  categories: string[];
  types: string[];
  term_min_months: number;
  term_max_months: number;
  start_from: NullableDateColumn;
  deadline: NullableDateColumn;
  days_on_site: number | null;
  remote_ok: boolean;
  budget_min_yen: Yen;
  budget_max_yen: Yen;
  headcount: number | null;
  lg_code: string | null;
  pref_code: string | null;
  region_pref_codes: string[];
  region_anywhere: boolean;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  revision: Generated<number>;
  published_at: Date | null;
  closed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ListingRevisionTable {
  id: Generated<number>;
  listing_id: number;
  revision: number;
  action: 'create' | 'update' | 'publish' | 'close' | 'reopen' | 'expire';
  user_id: string | null;
  changed: string[];
  snapshot: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

export interface ListingAttachmentTable {
  id: string;
  listing_id: number;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  user_id: string | null;
  created_at: Generated<Date>;
}

export interface ListingTables {
  listings: ListingTable;
  listing_revisions: ListingRevisionTable;
  listing_attachments: ListingAttachmentTable;
}

export type ListingRow = Selectable<ListingTable>;
export type NewListingRow = Insertable<ListingTable>;
export type ListingUpdate = Updateable<ListingTable>;
export type ListingRevisionRow = Selectable<ListingRevisionTable>;
export type ListingAttachmentRow = Selectable<ListingAttachmentTable>;
