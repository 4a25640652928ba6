import type { Kysely } from 'kysely';
import { countInbox } from '../../db/queries/inbox';
import type { Database } from '../../db/database';
import type { SessionUser } from '../domain/accounts/types';

export type InboxCounts = { messages: number; notifications: number };

/** The header's badges: unread messages from the other side, and unread notifications (one query). */
export function inboxCounts(db: Kysely<Database>, user: SessionUser): Promise<InboxCounts> {
  return countInbox(db, user.id, user.organisationId);
}
