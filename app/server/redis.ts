import { createRequire } from 'node:module';
import type * as Redis from 'redis';

/**
 * The Redis client library (about 25 MB of memory) is loaded only by a process that has REDIS_URL,
 * when it first connects: `loadRedis().createClient(…)` where the static import's `createClient` was.
 */
export function loadRedis(): typeof Redis {
  return createRequire(import.meta.url)('redis') as typeof Redis;
}
