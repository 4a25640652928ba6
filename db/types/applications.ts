import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ListingKind, ProgramType } from '../../app/domain/vocabulary';

type Json<T> = ColumnType<T, string | undefined, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ApplicationStateCode = 'applied' | 'in_dialogue' | 'interview' | 'agreed' | 'preparing' | 'concluded' | 'withdrawn' | 'declined';

export interface ApplicationTable {
  id: Generated<number>;
  listing_id: number;
  listing_kind: ListingKind;
  kind: 'application' | 'scout';
  applicant_organisation_id: string;
  owner_organisation_id: string;
  applicant_user_id: string | null;
  program_type: ProgramType;
  is_inquiry: Generated<boolean>;
  /** what the sender was shown: { eligible, type, headline, reasons[], ruleVersion } */
  eligibility: Json<Record<string, unknown>>;
  message: string;
  proposal: Generated<string>;
  state: Generated<ApplicationStateCode>;
  state_reason: string | null;
  state_changed_at: Timestamp;
  /** the owner side's first message; null until then (time to first reply) */
  first_reply_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationEventTable {
  id: Generated<number>;
  application_id: number;
  from_state: ApplicationStateCode | null;
  to_state: ApplicationStateCode;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  reason: string | null;
  created_at: Timestamp;
}

export interface ConversationTable {
  id: Generated<number>;
  application_id: number;
  applicant_organisation_id: string;
  owner_organisation_id: string;
  last_seq: Generated<number>;
  last_message_at: Timestamp | null;
  created_at: Timestamp;
}

export interface MessageTable {
  id: Generated<number>;
  conversation_id: number;
  /** gapless per conversation, in commit order: the catch-up cursor */
  seq: number;
  kind: 'text' | 'system' | 'slots';
  sender_user_id: string | null;
  sender_organisation_id: string | null;
  body: string;
  meta: Json<Record<string, unknown>>;
  /** client-generated idempotency key, unique per conversation */
  client_key: string;
  created_at: Timestamp;
}

export interface MessageAttachmentTable {
  id: string;
  message_id: number;
  conversation_id: number;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  user_id: string | null;
  created_at: Timestamp;
}

export interface ConversationReadTable {
  conversation_id: number;
  user_id: string;
  organisation_id: string;
  last_read_seq: number;
  read_at: Timestamp;
}

export interface InterviewSlotTable {
  id: Generated<number>;
  application_id: number;
  message_id: number | null;
  proposed_by_user_id: string | null;
  proposed_by_organisation_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  location: Generated<string>;
  status: Generated<'proposed' | 'accepted' | 'declined' | 'withdrawn'>;
  accepted_by_user_id: string | null;
  accepted_at: Timestamp | null;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  application_id: number | null;
  title: string;
  body: Generated<string>;
  url: Generated<string>;
  read_at: Timestamp | null;
  created_at: Timestamp;
}

export interface NotificationPreferenceTable {
  user_id: string;
  kind: string;
  in_app: boolean;
  email: boolean;
  updated_at: Timestamp;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  user_id: string | null;
  kind: string;
  to_email: string;
  subject: string;
  body: string;
  dedupe_key: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** Files sent with the mail (migration 2026_12_07_0801); inserted as a JSON string. */
  attachments: ColumnType<MailAttachment[] | null, string | null | undefined, string | null>;
  /** Extra mail headers, name → value (migration 2026_12_07_0932); inserted as a JSON string. */
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
}

/** A file attached to a queued mail; `content` is UTF-8 text (calendar files). */
export type MailAttachment = { filename: string; contentType: string; content: string };

export interface NotificationDigestTable {
  user_id: string;
  last_message_id: ColumnType<number, number, number>;
  mailed_at: Timestamp | null;
}

export interface ApplicationTables {
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  conversations: ConversationTable;
  messages: MessageTable;
  message_attachments: MessageAttachmentTable;
  conversation_reads: ConversationReadTable;
  interview_slots: InterviewSlotTable;
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  notification_outbox: NotificationOutboxTable;
  notification_digests: NotificationDigestTable;
}

export type ApplicationRow = Selectable<ApplicationTable>;
export type NewApplicationRow = Insertable<ApplicationTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type MessageRow = Selectable<MessageTable>;
export type InterviewSlotRow = Selectable<InterviewSlotTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type OutboxRow = Selectable<NotificationOutboxTable>;
