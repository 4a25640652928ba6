import type { ColumnType } from 'kysely';
import type { CareerEntry, OnsiteFrequency } from '../../app/domain/accounts/profile';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type { CareerEntry, OnsiteFrequency };

/** An individual's profile for municipalities (see the 0951 migration). */
export interface IndividualProfileTable {
  organisation_id: string;
  residence_lg_code: string | null;
  skills: ColumnType<string, string | undefined, string>;
  careers: ColumnType<CareerEntry[], string | undefined, string>;
  days_per_month: number | null;
  hours_per_month: number | null;
  onsite_frequency: OnsiteFrequency | null;
  available_from: ColumnType<Date | null, string | null | undefined, string | null>;
  photo: Buffer | null;
  photo_updated_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ProfileTables {
  individual_profiles: IndividualProfileTable;
}
