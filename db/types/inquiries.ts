import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One message sent with the contact form. */
export interface InquiryTable {
  id: Generated<number>;
  submission_key: string;
  name: string;
  email: string;
  organisation: Generated<string>;
  category: string;
  body: string;
  user_id: string | null;
  ip: Generated<string>;
  privacy_version: string;
  created_at: Timestamp;
}

export interface InquiryTables {
  inquiries: InquiryTable;
}
