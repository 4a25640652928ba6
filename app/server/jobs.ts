import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { runAlerts } from '../services/alerts.server';
import { expireListings } from '../services/listings.server';
import { sendDueNotifications } from '../services/notifications.server';
import { drainProposalRefreshes } from '../services/proposals.server';
import { applyRetention } from '../services/retention.server';
import type { AppServices } from './load-context';

/*
 * Every background job of the app, started and stopped here and nowhere else. A job runs once at
 * its first delay, then again `everyMs` after each run ends (never two runs of one job at once in a
 * process). A job marked `exclusive` runs in one process at a time: on PostgreSQL it holds a
 * session advisory lock while it runs and a process that finds the lock taken skips that round;
 * an embedded database belongs to one process, so there it needs none. Every job is also idempotent
 * (a second run finds nothing left to do), so an overlap after a lost lock does no harm.
 */

export type JobServices = Pick<AppServices, 'db' | 'driver' | 'config' | 'logger' | 'search'>;

type Job = {
  name: string;
  /** delay before the first run after start-up */
  firstMs: number;
  /** pause between the end of one run and the start of the next */
  everyMs: number;
  exclusive: boolean;
  /** what the run did, for the log (all zeros: nothing is logged) */
  run(services: JobServices): Promise<Record<string, number>>;
};

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;

export const JOBS = [
  // Listings past their deadline are closed as expired.
  {
    name: 'listing-expiry',
    firstMs: 0,
    everyMs: HOUR,
    exclusive: true,
    run: async (s) => ({ expired: await expireListings(s.db) }),
  },
  // What grows for ever without it: sessions, log-in throttling, sent mail, old links, form answers.
  {
    name: 'retention',
    firstMs: 0,
    everyMs: HOUR,
    exclusive: true,
    run: (s) => applyRetention(s.db),
  },
  // Unread-message digests, then the mail outbox (claimed with SKIP LOCKED, so processes share it).
  {
    name: 'notifications',
    firstMs: 30 * SECOND,
    everyMs: 30 * SECOND,
    exclusive: false,
    run: (s) => sendDueNotifications(s.db, s.config),
  },
  // Listings whose proposals could not be computed right after their write are computed again.
  {
    name: 'proposal-refresh',
    firstMs: 0,
    everyMs: 5 * 60 * SECOND,
    exclusive: true,
    run: async (s) => ({ refreshed: await drainProposalRefreshes(s.db) }),
  },
  // Saved-search alerts that are due (即時 within minutes, 毎日, 毎週) and the マッチング提案 digests of
  // listing owners (毎週 by default), one mail per user. Every process may run it: searches and
  // digests are claimed per period in the database, so two processes never mail the same digest.
  {
    name: 'alerts',
    firstMs: 60 * SECOND,
    everyMs: 60 * SECOND,
    exclusive: false,
    run: async (s) => ({ digests: await runAlerts(s) }),
  },
  // Changes of the search index sent to Meilisearch (nothing without MEILI_HOST); deliveries are idempotent.
  {
    name: 'search-outbox',
    firstMs: 0,
    everyMs: SECOND,
    exclusive: false,
    run: async (s) => ({ delivered: await s.search.deliverOutbox() }),
  },
] as const satisfies readonly Job[];

export type JobName = (typeof JOBS)[number]['name'];
export const ALL_JOBS: readonly JobName[] = JOBS.map((j) => j.name);
/** The jobs that only deliver what requests queued (mail, search changes): what test and benchmark servers run. */
export const WORKER_JOBS: readonly JobName[] = ['notifications', 'search-outbox'];

export type Jobs = {
  /** Runs one job now (after its current run, if any); false when another process held its lock. */
  runOnce(name: JobName): Promise<boolean>;
  /** Stops the timers and waits for the runs under way. */
  stop(): Promise<void>;
};

/** Starts the named jobs (all of them by default) on timers; `timers: false` only allows `runOnce`. */
export function startJobs(services: JobServices, opts: { only?: readonly JobName[]; timers?: boolean } = {}): Jobs {
  const only = new Set(opts.only ?? ALL_JOBS);
  const jobs: Job[] = JOBS.filter((j) => only.has(j.name));
  const running = new Map<string, Promise<boolean>>();
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  const runJob = async (job: Job): Promise<boolean> => {
    try {
      const ran = await (job.exclusive && services.driver === 'postgres' ? withJobLock(services.db, job.name, () => job.run(services)) : job.run(services));
      if (ran === false) return false;
      if (Object.values(ran).some((n) => n > 0)) services.logger.info({ job: job.name, ...ran }, `background job ${job.name} done`);
    } catch (err) {
      services.logger.warn({ err, job: job.name }, `background job ${job.name} failed; will retry`);
    }
    return true;
  };

  const runOnce = async (job: Job): Promise<boolean> => {
    for (let current = running.get(job.name); current; current = running.get(job.name)) await current;
    const run = runJob(job).finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  };

  const schedule = (job: Job, ms: number) => {
    const timer = setTimeout(() => {
      if (stopped) return;
      void runOnce(job).then(() => {
        if (!stopped) schedule(job, job.everyMs);
      });
    }, ms);
    timer.unref();
    timers.set(job.name, timer);
  };
  if (opts.timers !== false) for (const job of jobs) schedule(job, job.firstMs);

  return {
    runOnce: (name) => {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`background job ${name} is not started here`);
      return runOnce(job);
    },
    stop: async () => {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all(running.values());
    },
  };
}

/**
 * Runs `fn` while this process holds the job's advisory lock (on one reserved connection; the job's
 * own queries use the pool as usual); false, without running it, when another process holds it.
 */
async function withJobLock<T>(db: Kysely<Database>, name: string, fn: () => Promise<T>): Promise<T | false> {
  const key = `km_job:${name}`;
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(hashtext(${key})) as locked`.execute(conn);
    if (!rows[0]?.locked) return false;
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
    }
  });
}
