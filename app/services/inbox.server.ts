import type { Kysely } from 'kysely';
import { countUnread } from '../../db/queries/chat';
import { countUnreadNotifications } from '../../db/queries/notifications';
import type { Database } from '../../db/database';
import type { SessionUser } from '../domain/accounts/types';

export type InboxCounts = { messages: number; notifications: number };

/** The header's badges: unread messages from the other side, and unread notifications. */
export async function inboxCounts(db: Kysely<Database>, user: SessionUser): Promise<InboxCounts> {
  const [messages, notifications] = await Promise.all([countUnread(db, user.id, user.organisationId), countUnreadNotifications(db, user.id)]);
  return { messages, notifications };
}
