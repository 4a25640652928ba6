import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A version of 利用規約 or プライバシーポリシー a user agreed to (see the 0812 migration). */
export interface LegalConsentTable {
  id: Generated<number>;
  user_id: string;
  document: 'terms' | 'privacy';
  version: string;
  agreed_at: Timestamp;
  ip: Generated<string>;
}

export interface LegalTables {
  legal_consents: LegalConsentTable;
}
