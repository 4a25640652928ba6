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

export interface SavedSearchTables {
  saved_searches: SavedSearchTable;
}

export type SavedSearchRow = Selectable<SavedSearchTable>;
