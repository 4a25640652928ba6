import type { ColumnType, Generated } from 'kysely';
import type { ProgramType } from '../../app/domain/vocabulary';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const PROPOSAL_EVENT_KINDS = ['shown', 'dismissed', 'acted'] as const;
export type ProposalEventKind = (typeof PROPOSAL_EVENT_KINDS)[number];

/** A precomputed eligible pairing with its fit (see the 0911 migration). */
export interface ProposalTable {
  opening_id: number;
  solution_id: number;
  score: number;
  types: ProgramType[];
  /** Japanese reasons, strongest first (JSON array of strings) */
  reasons: ColumnType<string[], string, string>;
  computed_at: Timestamp;
  /** when the pairing first scored at or above the digest threshold while stored (null: never) */
  appeared_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ProposalRefreshQueueTable {
  listing_id: number;
  queued_at: Timestamp;
}

export interface ProposalDismissalTable {
  organisation_id: string;
  opening_id: number;
  solution_id: number;
  created_at: Timestamp;
}

export interface ProposalEventTable {
  id: Generated<string>;
  kind: ProposalEventKind;
  opening_id: number;
  solution_id: number;
  organisation_id: string;
  fiscal_year: number;
  created_at: Timestamp;
  /** the Japan day of created_at (generated): a 'shown' counts once per organisation, pairing and day */
  day: ColumnType<Date, never, never>;
}

export interface ProposalTables {
  proposals: ProposalTable;
  proposal_refresh_queue: ProposalRefreshQueueTable;
  proposal_dismissals: ProposalDismissalTable;
  proposal_events: ProposalEventTable;
}
