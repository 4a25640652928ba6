import { createServer, type Server as HttpServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS } from '../../../db/seed/accounts';
import { meiliKey } from '../../../search/meilisearch';
import { Client } from '../accounts/client';
import { startSeededServer, type Server } from '../hostile/harness';
import { freePort } from './cluster';

/*
 * Meilisearch is down (MEILI_HOST points at a closed port) while listings change: pages keep
 * working on the embedded engine and every change waits in search_outbox. When a server answers
 * on that port again, the app's own worker drains the outbox. Meilisearch itself is not installed
 * here, so a minimal stand-in speaks the few endpoints the worker uses and records what it got.
 */

let port: number;
let server: Server;
let fake: HttpServer | undefined;
const received = new Map<string, { key: string; title?: string }>();

function startFakeMeili(): Promise<HttpServer> {
  let task = 0;
  const srv = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method === 'POST' && /\/documents(\?|$)/.test(req.url ?? '')) {
        for (const d of JSON.parse(body) as { key: string; title?: string }[]) received.set(d.key, d);
      }
      const uid = ++task;
      const now = new Date().toISOString();
      const info = { taskUid: uid, uid, indexUid: 'listings', status: 'succeeded', type: 'documentAdditionOrUpdate', enqueuedAt: now, startedAt: now, finishedAt: now, duration: 'PT0S', details: {}, error: null };
      res.writeHead(req.method === 'GET' ? 200 : 202, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.method === 'GET' && !/\/tasks\//.test(req.url ?? '') ? { hits: [], estimatedTotalHits: 0, results: [] } : info));
    });
  });
  return new Promise((resolve) => srv.listen(port, '127.0.0.1', () => resolve(srv)));
}

const outbox = () => server.db.selectFrom('search_outbox').select(['kind', 'id', 'attempts']).execute();

beforeAll(async () => {
  port = await freePort();
  server = await startSeededServer({ MEILI_HOST: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await server?.close();
  await new Promise((r) => (fake ? fake.close(r) : r(undefined)));
});

describe('search outbox while the search engine is down', () => {
  it('pages keep answering, changes wait in the outbox, and it drains once the engine is back', async () => {
    const municipality = new Client(server.url);
    await municipality.login('municipality@example.jp', DEMO_PASSWORDS.municipality);
    const search = await municipality.get(`/search?q=${encodeURIComponent('観光')}`);
    expect(search.status).toBe(200);

    const published = await server.db.selectFrom('listings').select(['id', 'kind']).where('status', '=', 'published').execute();
    const amacho = await server.db.selectFrom('organisations').select('id').where('slug', '=', 'amacho').executeTakeFirstOrThrow();
    const own = await server.db.selectFrom('listings').select('id').where('organisation_id', '=', amacho.id).where('status', '=', 'published').where('kind', '=', 'opening').orderBy('id').executeTakeFirstOrThrow();
    // Close and reopen one listing while the engine is down: a change the outbox must carry.
    expect((await municipality.post(`/openings/${own.id}`, { intent: 'close', reason: 'withdrawn' })).status).toBe(302);
    expect((await municipality.post(`/openings/${own.id}`, { intent: 'reopen' })).status).toBe(302);

    // The worker has tried and failed: rows stay, with attempts counted (nothing is lost).
    await expect.poll(async () => (await outbox()).some((r) => r.attempts > 0), { timeout: 20_000, interval: 250 }).toBe(true);
    const pending = await outbox();
    expect(pending.length).toBeGreaterThanOrEqual(published.length);
    expect(pending.filter((r) => r.id === String(own.id) && r.kind === 'opening')).toHaveLength(1);

    fake = await startFakeMeili();
    await expect.poll(async () => (await outbox()).length, { timeout: 90_000, interval: 500 }).toBe(0);
    const expected = published.map((l) => meiliKey(l.kind, String(l.id))).sort();
    expect([...received.keys()].sort()).toEqual(expected);
  });
});
