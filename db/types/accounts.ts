import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OrganisationKind } from '../../app/domain/vocabulary';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationTable {
  id: Generated<string>;
  kind: OrganisationKind;
  status: Generated<'pending' | 'approved' | 'rejected' | 'suspended'>;
  name: string;
  name_kana: string | null;
  /** stable identifier, e.g. for the demo seed ('amacho', 'mirai-chiiki') */
  slug: string;
  /** municipality organisations: their 全国地方公共団体コード */
  lg_code: string | null;
  /** companies: head office; individuals: the (former) employer's head office */
  head_office_lg_code: string | null;
  /** 法人番号 (13 digits, check digit validated) */
  corporate_number: string | null;
  company_class: 'A' | 'B' | 'none' | null;
  individual_track: 'side_job' | 'senior' | 'freelance' | null;
  employer_name: string | null;
  department: string | null;
  phone: string | null;
  website: string | null;
  description: Generated<string>;
  /** what the applicant submitted for the operators' review */
  evidence: Generated<string>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserTable {
  id: Generated<string>;
  organisation_id: string;
  /** always lower-case */
  email: string;
  name: string;
  password_hash: string;
  org_role: Generated<'owner' | 'member'>;
  email_verified_at: Timestamp | null;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionTable {
  /** SHA-256 (hex) of the cookie token */
  id: string;
  user_id: string;
  /** signed in with the password, second factor still to come */
  mfa_pending: Generated<boolean>;
  ip: Generated<string>;
  user_agent: Generated<string>;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export type AuthTokenPurpose = 'email_confirm' | 'password_reset' | 'invitation';

export interface AuthTokenTable {
  id: Generated<string>;
  purpose: AuthTokenPurpose;
  /** SHA-256 (hex) of the token sent by e-mail */
  token_hash: string;
  user_id: string | null;
  organisation_id: string | null;
  email: string;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** rate-limiter-flexible's PostgreSQL store layout */
export interface RateLimitTable {
  key: string;
  points: number;
  /** epoch milliseconds */
  expire: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  ip: Generated<string>;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface AccountTables {
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  auth_tokens: AuthTokenTable;
  rate_limits: RateLimitTable;
  audit_log: AuditLogTable;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
