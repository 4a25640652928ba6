import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type AlertFrequencyCode = 'immediate' | 'daily' | 'weekly' | 'none';

/** A search saved from /search (migration 2026_12_07_0931). */
export interface SavedSearchTable {
  id: Generated<number>;
  user_id: string;
  name: string;
  /** the validated /search state; inserted as a JSON string */
  params: ColumnType<Record<string, unknown>, string, string>;
  frequency: AlertFrequencyCode;
  checked_until: Timestamp;
  alerted_period: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ProposalDigestFrequencyCode = 'daily' | 'weekly' | 'none';

/** A user's マッチング提案 digest: the chosen frequency (no row = weekly) and its state (migration 2026_12_07_1311). */
export interface ProposalDigestTable {
  user_id: string;
  frequency: ColumnType<ProposalDigestFrequencyCode, ProposalDigestFrequencyCode | undefined, ProposalDigestFrequencyCode>;
  alerted_period: string | null;
  /** appeared pairings up to this time have been covered (null: not yet worked on) */
  covered_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
}

export interface SavedSearchTables {
  saved_searches: SavedSearchTable;
  proposal_digests: ProposalDigestTable;
}

export type SavedSearchRow = Selectable<SavedSearchTable>;
