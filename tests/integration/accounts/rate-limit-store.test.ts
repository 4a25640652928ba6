import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { limitersFor, lockedFor, recordFailure } from '../../../app/services/rate-limit.server';
import { createTestDb } from '../../helpers/test-db';

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle?.close());

describe('log-in limiter state', () => {
  it('lives in the database: a limiter created afresh (another process, a restart) sees the lock', async () => {
    const first = limitersFor(handle.db, { redisUrl: undefined });
    for (let i = 0; i < 5; i++) await recordFailure(first, [['account', 'restart@example.jp']]);
    // A fresh copy of the module has no cached limiters, as in a new process.
    vi.resetModules();
    const { limitersFor: fresh } = await import('../../../app/services/rate-limit.server');
    const second = fresh(handle.db, { redisUrl: undefined });
    expect(second).not.toBe(first);
    expect(await lockedFor(second, [['account', 'restart@example.jp']])).toBeGreaterThan(14 * 60_000);
  });

  it.skipIf(!process.env.REDIS_URL)('uses Redis when REDIS_URL is set', async () => {
    const url = process.env.REDIS_URL!;
    const probe = createClient({ url });
    await probe.connect();
    try {
      vi.resetModules();
      const { limitersFor: withRedis } = await import('../../../app/services/rate-limit.server');
      const limiters = withRedis(handle.db, { redisUrl: url });
      // The shared client connects in the background; until then PostgreSQL stands in.
      for (let i = 0; i < 50 && !(await probe.exists('km_account:warmup@example.jp')); i++) {
        await recordFailure(limiters, [['account', 'warmup@example.jp']]);
        await new Promise((r) => setTimeout(r, 100));
      }
      await recordFailure(limiters, [['account', 'redis@example.jp']]);
      expect(Number(await probe.get('km_account:redis@example.jp'))).toBe(1);
    } finally {
      await probe.quit();
    }
  });
});
