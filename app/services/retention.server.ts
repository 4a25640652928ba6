import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { deleteOldMail } from '../../db/queries/notifications';
import { deleteExpiredAuthTokens, deleteExpiredRateLimits, deleteExpiredSessions } from '../../db/queries/sessions';
import { retentionCutoffs } from '../domain/retention';
import { forgetOldSubmissions } from './submissions.server';

export type RetentionReport = { sessions: number; rateLimits: number; mail: number; tokens: number; submissions: number };

/**
 * Deletes what is kept only for a while (app/domain/retention): expired sessions (each deletion
 * closes that session's chat sockets through the km_session_end trigger), ended log-in throttling
 * windows, old outbox mails, long-expired links and the answers of repeated form submissions.
 * Each delete stands alone, so running it twice or in two processes at once only finds less to do.
 */
export async function applyRetention(db: Kysely<Database>, now = new Date()): Promise<RetentionReport> {
  const cut = retentionCutoffs(now);
  return {
    sessions: await deleteExpiredSessions(db, cut.sessions),
    rateLimits: await deleteExpiredRateLimits(db, cut.rateLimits),
    mail: await deleteOldMail(db, { sentBefore: cut.sentMail, failedBefore: cut.failedMail }),
    tokens: await deleteExpiredAuthTokens(db, cut.tokens),
    submissions: await forgetOldSubmissions(db),
  };
}
