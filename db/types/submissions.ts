import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The answer recorded for one form submission (see the 0811 migration). */
export interface FormSubmissionTable {
  id: string;
  /** null while the first request is being answered */
  status: number | null;
  location: string | null;
  content_type: string | null;
  body: string | null;
  created_at: Timestamp;
}

export interface SubmissionTables {
  form_submissions: FormSubmissionTable;
}
