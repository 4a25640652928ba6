import type { DbHandle } from './client';
import { listenOn, type ChannelFeed, type ChannelHandlers } from './listen';

/*
 * The database announces every deleted session (trigger km_session_end of migration
 * 2026_12_07_0801, NOTIFY on SESSION_END_CHANNEL with the session's id, after the deleting
 * transaction commits), whichever process, script or job deleted it.
 */
export const SESSION_END_CHANNEL = 'km_session_end';

export type SessionEndHandlers = Omit<ChannelHandlers, 'notify'> & {
  /** the session with this id (the SHA-256 of its token) no longer exists */
  ended(sessionId: string): void;
};

export function listenForSessionEnds(handle: Pick<DbHandle, 'pool' | 'pglite'>, on: SessionEndHandlers): Promise<ChannelFeed> {
  return listenOn(handle, SESSION_END_CHANNEL, { notify: on.ended, status: on.status, error: on.error });
}
