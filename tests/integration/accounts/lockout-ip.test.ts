import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../app/services/rate-limit.server';
import { seedAccounts } from '../../../db/seed/accounts';
import { startTestServer } from '../../helpers/server';
import { Client } from './client';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
});
afterAll(() => server?.close());

describe('lock-out per IP address', () => {
  it('blocks an address that fails across many accounts, not other addresses, with its state in the database', async () => {
    const attacker = { 'x-forwarded-for': '203.0.113.7' };
    const client = new Client(server.url);
    for (let i = 0; i < LIMITS.ip.points; i++) {
      const res = await client.post('/login', { email: `victim${i}@example.jp`, password: 'guess-guess' }, { headers: attacker });
      expect(res.status).toBe(401);
    }
    const blocked = await client.post('/login', { email: 'company@example.jp', password: 'demo-company-2026' }, { headers: attacker });
    expect(blocked.status).toBe(429);
    const elsewhere = await client.post('/login', { email: 'company@example.jp', password: 'demo-company-2026' }, { headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(elsewhere.status).toBe(302);

    const row = await server.db.selectFrom('rate_limits').selectAll().where('key', '=', 'km_ip:203.0.113.7').executeTakeFirstOrThrow();
    expect(row.points).toBe(LIMITS.ip.points);
    expect(row.expire).toBeGreaterThan(Date.now());

    const ips = await server.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login_failed').distinct().execute();
    expect(ips.map((r) => r.ip)).toEqual(['203.0.113.7']);
  });
});
