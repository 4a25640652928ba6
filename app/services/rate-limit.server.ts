import { CompiledQuery, type Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { createClient } from 'redis';
import type { Database } from '../../db/database';
import type { Config } from '../server/config';
import { loadRedis } from '../server/redis';

/**
 * Log-in throttling with rate-limiter-flexible. Its state lives in PostgreSQL (table rate_limits),
 * or in Redis when REDIS_URL is set (with PostgreSQL as insurance while Redis is unreachable),
 * so a restart or a second process does not reset a lock-out.
 */
export const LIMITS = {
  /** failed passwords per account: 5 within 15 minutes lock the account for the rest of the window */
  account: { points: 5, duration: 15 * 60 },
  /** and 20 within a day lock it for the day */
  accountDaily: { points: 20, duration: 24 * 3600 },
  /** failed log-ins from one address, whatever the account */
  ip: { points: 30, duration: 3600 },
  /** reset and confirmation e-mails per address and per IP */
  mail: { points: 5, duration: 3600 },
} as const;

export type LimiterName = keyof typeof LIMITS;
export type Limiters = Record<LimiterName, RateLimiterAbstract>;

/**
 * rate-limiter-flexible's PostgreSQL store speaks to a `pg` client ({ text, values } → { rows, rowCount });
 * this adapter gives it our Kysely connection instead, so it runs unchanged on PostgreSQL and PGlite.
 */
function kyselyAsPgClient(db: Kysely<Database>) {
  return {
    query: async (q: { text: string; values?: unknown[] }) => {
      const result = await db.executeQuery(CompiledQuery.raw(q.text, q.values ?? []));
      return { rows: result.rows, rowCount: result.rows.length || Number(result.numAffectedRows ?? 0) };
    },
  };
}

const cache = new WeakMap<Kysely<Database>, Limiters>();
let redisClient: ReturnType<typeof createClient> | undefined;

function redisFor(url: string) {
  if (!redisClient) {
    redisClient = loadRedis().createClient({ url, disableOfflineQueue: true });
    redisClient.on('error', () => {});
    void redisClient.connect().catch(() => {});
  }
  return redisClient;
}

export function limitersFor(db: Kysely<Database>, config: Pick<Config, 'redisUrl'>): Limiters {
  let limiters = cache.get(db);
  if (limiters) return limiters;
  const client = kyselyAsPgClient(db);
  const make = (name: LimiterName): RateLimiterAbstract => {
    const opts = { ...LIMITS[name], keyPrefix: `km_${name}` };
    const pg = new RateLimiterPostgres({ ...opts, storeClient: client, storeType: 'client', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false });
    if (!config.redisUrl) return pg;
    return new RateLimiterRedis({ ...opts, storeClient: redisFor(config.redisUrl), useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: pg });
  };
  limiters = { account: make('account'), accountDaily: make('accountDaily'), ip: make('ip'), mail: make('mail') };
  cache.set(db, limiters);
  return limiters;
}

const exhausted = (name: LimiterName, res: RateLimiterRes | null) => res !== null && res.consumedPoints >= LIMITS[name].points;

/** Milliseconds until the first of the given keys is usable again, or 0 when none is locked. */
export async function lockedFor(limiters: Limiters, checks: [LimiterName, string][]): Promise<number> {
  let wait = 0;
  for (const [name, key] of checks) {
    const res = await limiters[name].get(key);
    if (exhausted(name, res)) wait = Math.max(wait, res!.msBeforeNext);
  }
  return wait;
}

/** Counts one failure (or one sent mail) against each key; true when that locked any of them. */
export async function recordFailure(limiters: Limiters, checks: [LimiterName, string][]): Promise<boolean> {
  let locked = false;
  for (const [name, key] of checks) {
    const res = await limiters[name].penalty(key, 1);
    if (res.consumedPoints === LIMITS[name].points) locked = true;
  }
  return locked;
}

export async function clearFailures(limiters: Limiters, checks: [LimiterName, string][]) {
  for (const [name, key] of checks) await limiters[name].delete(key);
}

export const minutesLeft = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Chat limits, per user (every socket and tab of the account shares them; reconnecting resets
 * nothing). Counted in the process's memory, where a user's sockets live (the proxy keeps a client on
 * one process), or in Redis when REDIS_URL is set, shared by every process; no database round trip
 * on the hot path.
 */
export const CHAT_LIMITS = {
  /** socket events of any kind (messages, typing, read receipts, joins): a burst of 20, then 5 a second */
  events: { points: 20, duration: 4 },
  /** messages, over socket.io and the form post alike: 30 a minute */
  messages: { points: 30, duration: 60 },
} as const;

export type ChatLimiters = Record<keyof typeof CHAT_LIMITS, RateLimiterAbstract>;

/**
 * The chat limiters of a process. The server makes them once and hands them to the sockets and, through
 * the load context, to the form post, so that both count against one allowance.
 */
export function createChatLimiters(config: Pick<Config, 'redisUrl'> = { redisUrl: undefined }): ChatLimiters {
  const make = (name: keyof typeof CHAT_LIMITS): RateLimiterAbstract => {
    const opts = { ...CHAT_LIMITS[name], keyPrefix: `km_chat_${name}` };
    const memory = new RateLimiterMemory(opts);
    if (!config.redisUrl) return memory;
    return new RateLimiterRedis({ ...opts, storeClient: redisFor(config.redisUrl), useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  };
  return { events: make('events'), messages: make('messages') };
}

/** Takes one point for `key`: 0 when allowed, else the milliseconds until the next point is free. */
export async function take(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key, 1);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, error.msBeforeNext);
    throw error;
  }
}
