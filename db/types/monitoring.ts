import type { Insertable, Selectable } from 'kysely';
import type { ListingKind } from '../../app/domain/vocabulary';

/** The summary's count columns, in table order (the domain's MEASURES use the same ids). */
export const MONITORING_MEASURE_COLUMNS = [
  'listings', 'st_draft', 'st_open', 'st_expired', 'st_filled', 'st_withdrawn', 'published',
  'fn_applied', 'fn_dialogue', 'fn_agreed', 'fn_concluded', 'unanswered_30d',
  'applications', 'ap_applied', 'ap_dialogue', 'ap_interview', 'ap_agreed', 'ap_preparing', 'ap_concluded', 'ap_withdrawn', 'ap_declined',
  'ap_reached_dialogue', 'ap_reached_agreed', 'ap_reached_concluded', 'inquiries', 'cv_total', 'cv_replied',
  'ag_total', 'ag_drafting', 'ag_agreed', 'ag_concluded', 'ev_agreed', 'ev_concluded',
] as const;
export type MonitoringMeasureColumn = (typeof MONITORING_MEASURE_COLUMNS)[number];

export type MonitoringCubeTable = {
  /** 'YYYY-MM', Japan time */
  month: string;
  kind: ListingKind;
  /** '01'…'47', '00' unknown, '*' any */
  pref_code: string;
  /** a category id or '*' */
  category: string;
  /** 'dispatch' | 'side_job' | 'senior' | '*' */
  type: string;
} & Record<MonitoringMeasureColumn, number>;

export interface MonitoringDurationTable {
  metric: 'reply_hours' | 'agreement_days';
  month: string;
  pref_code: string;
  category: string;
  type: string;
  value: number;
  n: number;
}

export interface MonitoringRefreshTable {
  id: number;
  refreshed_at: Date;
  duration_ms: number;
  listings: number;
  applications: number;
  sources: string[];
}

/** Records behind the counts of people, grouped by dimensions and the measures they count in. */
export interface MonitoringRecordsTable {
  month: string;
  /** 'opening' | 'solution', or '*' for duration records */
  kind: string;
  /** 'listing' | 'application' | 'event' | 'duration' */
  family: string;
  pref_code: string;
  cats: string[];
  types: string[];
  measures: string[];
  n: number;
}

export interface MonitoringTables {
  monitoring_cube: MonitoringCubeTable;
  monitoring_records: MonitoringRecordsTable;
  monitoring_durations: MonitoringDurationTable;
  monitoring_refresh: MonitoringRefreshTable;
}

export type MonitoringCubeRow = Selectable<MonitoringCubeTable>;
export type NewMonitoringCubeRow = Insertable<MonitoringCubeTable>;
