import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../db/seed/accounts';
import { pendingApprovals } from '../../../app/services/accounts.server';
import { startTestServer } from '../../helpers/server';
import { Client } from './client';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
});
afterAll(() => server?.close());

describe('an organisation waiting for review', () => {
  it('a pending company opening /solutions/new reads that the review is pending and what happens next', async () => {
    const client = await Client.signedInAs(server.url, 'pending');
    const res = await client.get('/solutions/new');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('登録内容を運営者が審査しています。承認されるとメールでお知らせし、掲載・応募・スカウトができるようになります（通常2営業日以内）。');
  });

  it('the approval queue lists companies and municipalities, never individuals (they need no approval)', async () => {
    const res = await new Client(server.url).post('/signup/individual', {
      name: '未確認 太郎', email: 'unconfirmed-individual@example.jp', password: 'quiet-river-2026', track: 'freelance', agree: 'on',
    });
    expect(res.status).toBe(302);
    const individual = await server.db.selectFrom('organisations').select(['id', 'status']).where('name', '=', '未確認 太郎').executeTakeFirstOrThrow();
    expect(individual.status).toBe('pending');
    const queue = await pendingApprovals(server.db);
    expect(queue.map((o) => o.kind)).not.toContain('individual');
    expect(queue.map((o) => o.slug)).toContain('pending-shoji');
  });
});
