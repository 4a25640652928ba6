import type { ColumnType, Generated, GeneratedAlways, Selectable } from 'kysely';
import type { ListingKind, ListingStatus, ProgramType } from '../../app/domain/vocabulary';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The embedded index's copy of a SearchDocument (app/domain/vocabulary.ts), plus its vectors. */
export interface SearchDocumentTable {
  kind: ListingKind;
  id: string;
  title: string;
  body: string;
  skills: string[];
  category: string;
  types: ProgramType[];
  prefecture: string | null;
  pref_code: string | null;
  municipality: string | null;
  lg_code: string | null;
  remote_ok: boolean;
  term_months: number | null;
  status: ListingStatus;
  published_at: Timestamp | null;
  updated_at: Timestamp;
  eligible_1433: boolean | null;
  eligible_1375: boolean | null;
  /** title (A), skills (B), category and place (C), body (D): built by search/text.ts */
  search_vector: string;
  /** title and skills only (bigrams), for the cheap first ranking pass */
  head_vector: string;
  /** the full vector without the body (generated): every match's bound on its score, read from the row */
  lead_vector: GeneratedAlways<string>;
  /** 0–15 from the key (generated): the sample that estimates counts of very common searches */
  sample: GeneratedAlways<number>;
  indexed_at: Generated<Date>;
}

export interface SearchOutboxTable {
  kind: ListingKind;
  id: string;
  op: 'upsert' | 'delete';
  /** bumped on every new change, so the worker only clears the change it actually delivered */
  generation: Generated<number>;
  enqueued_at: Generated<Date>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
}

export interface SearchSynonymTable {
  id: Generated<number>;
  terms: string[];
  note: string | null;
  updated_at: Generated<Date>;
}

export interface SearchTables {
  search_documents: SearchDocumentTable;
  search_outbox: SearchOutboxTable;
  search_synonyms: SearchSynonymTable;
}

export type SearchDocumentRow = Selectable<SearchDocumentTable>;
export type SearchOutboxRow = Selectable<SearchOutboxTable>;
