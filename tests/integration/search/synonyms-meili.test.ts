import { createServer, type Server as HttpServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../db/seed/accounts';
import { createSearch } from '../../../search/create-search';
import { indexDocument } from '../../../search/indexing';
import { startTestServer } from '../../helpers/server';
import { Client } from '../accounts/client';
import { freePort } from '../faults/cluster';

/*
 * With MEILI_HOST, an operator's synonym change is pushed to Meilisearch through the same code that
 * applies the index settings at start-up. Meilisearch is not installed here, so a minimal stand-in
 * speaks the endpoints that code uses and records the settings it receives. When nothing answers,
 * the page says so, the embedded engine already uses the change, and the next start-up pushes it.
 */

type Settings = { synonyms?: Record<string, string[]> };

function startFakeMeili(port: number, received: Settings[]): Promise<HttpServer> {
  let task = 0;
  const srv = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method === 'PATCH' && /\/indexes\/listings\/settings$/.test(req.url ?? '')) received.push(JSON.parse(body) as Settings);
      const uid = ++task;
      const now = new Date().toISOString();
      const info = { taskUid: uid, uid, indexUid: 'listings', status: 'succeeded', type: 'settingsUpdate', enqueuedAt: now, startedAt: now, finishedAt: now, duration: 'PT0S', details: {}, error: null };
      res.writeHead(req.method === 'GET' ? 200 : 202, { 'content-type': 'application/json' });
      res.end(JSON.stringify(info));
    });
  });
  return new Promise((resolve) => srv.listen(port, '127.0.0.1', () => resolve(srv)));
}
const closeServer = (srv: HttpServer | undefined) => new Promise((r) => (srv ? srv.close(r) : r(undefined)));

const LISTING = {
  id: 'synonym-meili-1',
  kind: 'opening' as const,
  title: '棚田の保全とオーナー制度づくり（石川県輪島市）',
  body: '白米千枚田の保全のため、都市部の方が区画を支える仕組みを整えます。',
  skills: ['農業'],
  category: '農林水産業振興',
  types: ['dispatch' as const],
  prefecture: '石川県',
  prefCode: '17',
  municipality: '輪島市',
  lgCode: '172049',
  remoteOk: false,
  termMonths: 12,
  status: 'published' as const,
  publishedAt: new Date('2026-04-01T00:00:00Z'),
  updatedAt: new Date('2026-04-01T00:00:00Z'),
};

async function operatorOf(url: string) {
  const op = await Client.signedIn(url, 'operator@example.jp', 'demo-operator-2026');
  return op;
}

describe('synonym changes reach Meilisearch', () => {
  const received: Settings[] = [];
  let fake: HttpServer;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    const port = await freePort();
    fake = await startFakeMeili(port, received);
    server = await startTestServer({ MEILI_HOST: `http://127.0.0.1:${port}` });
    await seedAccounts(server.db);
  });
  afterAll(async () => {
    await server?.close();
    await closeServer(fake);
  });

  it('pushes the synonyms setting right after a group is added, edited or deleted', async () => {
    const op = await operatorOf(server.url);
    const add = await op.post('/admin/synonyms', { terms: '棚田オーナー、田んぼオーナー', note: '' });
    expect(add.status).toBe(302);
    expect(add.headers.get('location')).not.toContain('meili=failed');
    const id = Number(/#synonym-(\d+)$/.exec(add.headers.get('location') ?? '')?.[1]);
    expect(received.at(-1)?.synonyms?.['棚田オーナー']).toEqual(['田んぼオーナー']);
    // The seeded groups go with it: the setting is the whole table, as at start-up.
    expect(received.at(-1)?.synonyms?.['空家']).toContain('空き家');

    const edit = await op.post(`/admin/synonyms/${id}`, { terms: '棚田オーナー、田んぼオーナー、棚田保全', note: '' });
    expect(edit.headers.get('location')).toBe(`/admin/synonyms?done=updated#synonym-${id}`);
    expect(received.at(-1)?.synonyms?.['棚田オーナー']).toEqual(['田んぼオーナー', '棚田保全']);

    const del = await op.post(`/admin/synonyms/${id}/delete`, {});
    expect(del.headers.get('location')).toBe('/admin/synonyms?done=deleted');
    expect(received.at(-1)?.synonyms?.['棚田オーナー']).toBeUndefined();
  });
});

describe('synonym changes while Meilisearch is down', () => {
  let port: number;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let fake: HttpServer | undefined;

  beforeAll(async () => {
    port = await freePort();
    server = await startTestServer({ MEILI_HOST: `http://127.0.0.1:${port}` });
    await seedAccounts(server.db);
    await indexDocument(server.db, LISTING);
  });
  afterAll(async () => {
    await server?.close();
    await closeServer(fake);
  });

  it('says so on the page, searches with the change at once, and the next start-up pushes it', async () => {
    const op = await operatorOf(server.url);
    const search = async (q: string) => (await (await fetch(`${server.url}/search?q=${encodeURIComponent(q)}`)).text()).includes(`href="/openings/${LISTING.id}"`);
    expect(await search('ライステラス')).toBe(false);

    const add = await op.post('/admin/synonyms', { terms: 'ライステラス、棚田', note: '' });
    expect(add.status).toBe(302);
    const location = add.headers.get('location') ?? '';
    expect(location).toMatch(/^\/admin\/synonyms\?done=created&meili=failed#synonym-\d+$/);
    const page = (await (await op.get(location.replace(/#.*/, ''))).text()).replaceAll('<!-- -->', '');
    expect(page).toContain('data-testid="meili-failed"');
    expect(page).toContain('Meilisearch に同義語を反映できませんでした');
    expect(page).toContain('npm run search:reindex');
    expect(page).not.toContain('検索に反映しました。');
    // The change is saved and the embedded engine, which answers while Meilisearch is down, uses it.
    expect(await server.db.selectFrom('search_synonyms').select('id').where('note', 'is', null).execute()).toHaveLength(1);
    expect(await search('ライステラス')).toBe(true);

    // Meilisearch is back: the settings applied at start-up carry the group.
    const received: Settings[] = [];
    fake = await startFakeMeili(port, received);
    const restarted = createSearch({ db: server.db, config: { meili: { host: `http://127.0.0.1:${port}` } } });
    await restarted.close();
    expect(received.at(-1)?.synonyms?.['ライステラス']).toEqual(['棚田']);
  });
});
