import type { Kysely } from 'kysely';
import type { Database } from '../database';
import { unreadMessagesQuery } from './chat';
import { unreadNotificationsQuery } from './notifications';

/** The header's two badges in one round trip: unread messages from the other side and unread notifications. */
export async function countInbox(db: Kysely<Database>, userId: string, organisationId: string): Promise<{ messages: number; notifications: number }> {
  const row = await db
    .selectNoFrom([unreadMessagesQuery(db, userId, organisationId).as('messages'), unreadNotificationsQuery(db, userId).as('notifications')])
    .executeTakeFirst();
  return { messages: Number(row?.messages ?? 0), notifications: Number(row?.notifications ?? 0) };
}
