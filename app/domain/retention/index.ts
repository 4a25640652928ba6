/*
 * How long rows that would otherwise grow for ever are kept. The hourly retention job
 * (app/server/jobs.ts) deletes everything older than these cut-offs; the audit log, listings,
 * conversations and in-app notifications are records and are kept.
 */
export const RETENTION = {
  /** mails the outbox sent */
  sentMailDays: 30,
  /** mails the outbox gave up on (kept longer, for an operator to look into) */
  failedMailDays: 90,
  /** e-mail confirmation, reset and invitation links, counted from when they expired */
  expiredTokenDays: 30,
  /** answers of repeated form submissions (counted by the database clock) */
  submissionHours: 24,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionCutoffs = {
  /** sessions that expired at or before this moment */
  sessions: Date;
  /** log-in throttling rows whose window ended before this moment */
  rateLimits: Date;
  sentMail: Date;
  failedMail: Date;
  /** links that expired before this moment */
  tokens: Date;
};

/** What is old enough to delete at `now`. */
export function retentionCutoffs(now: Date): RetentionCutoffs {
  const before = (ms: number) => new Date(now.getTime() - ms);
  return {
    sessions: now,
    rateLimits: now,
    sentMail: before(RETENTION.sentMailDays * DAY_MS),
    failedMail: before(RETENTION.failedMailDays * DAY_MS),
    tokens: before(RETENTION.expiredTokenDays * DAY_MS),
  };
}
