import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SelectQueryNode, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type UnknownRow } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer, type AppServer } from '../../app/server/app';
import { loadConfig } from '../../app/server/config';
import { seedSteps } from '../../db/seed';
import { createTestDb } from '../helpers/test-db';
import { Client } from './accounts/client';

/** Counts the reads of a page of published listings (the home page's newest cards), of the reader's picks and of the municipality counts. */
class SharedQueries implements KyselyPlugin {
  newest = 0;
  picks = 0;
  municipalities = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    if (SelectQueryNode.is(args.node)) {
      const text = JSON.stringify(args.node);
      if (args.node.offset && text.includes('"published_at"')) this.newest += 1;
      if (text.includes('"eligible1433"')) this.municipalities += 1;
      if (text.includes('cardinality(array(')) this.picks += 1;
    }
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/*
 * With the page cache on, what the home page shows every reader alike (the newest listings, the
 * municipality counts) is read once for all readers, signed in or not, an organisation's picks once
 * for its members, and all of it again after any change a page can show (app/server/page-cache.ts `shared`).
 */
describe('shared reads of the home page', () => {
  const queries = new SharedQueries();
  let server: AppServer;
  let url: string;
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let user: Client;

  beforeAll(async () => {
    handle = await createTestDb();
    for (const step of seedSteps) if (step.name !== 'municipalities') await step.run(handle.db);
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      PAGE_CACHE_MB: '32',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-shared-')),
      LOG_LEVEL: 'silent',
    });
    server = await createAppServer({ config, dbHandle: { ...handle, db: handle.db.withPlugin(queries) }, logger: pino({ level: 'silent' }) });
    url = `http://127.0.0.1:${await server.listen()}`;
    user = await Client.signedIn(url, 'municipality@example.jp', 'demo-municipality-2026');
  }, 120_000);
  afterAll(() => server?.close());

  const reset = () => {
    queries.newest = 0;
    queries.picks = 0;
    queries.municipalities = 0;
  };

  it('reads the newest listings once for every signed-in reader, and the picks once for each organisation', async () => {
    const other = await Client.signedIn(url, 'company@example.jp', 'demo-company-2026');
    await user.get('/');
    await other.get('/');
    reset();
    // each URL once, so that every page is rendered (not answered from the cache of signed-in pages)
    for (const [i, client] of [user, other, user].entries()) {
      const res = await client.get(`/?n=${i}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-page-cache')).toBeNull();
      expect(await res.text()).toContain('新着の起業人募集');
    }
    expect(queries).toMatchObject({ newest: 0, picks: 0, municipalities: 0 });
  });

  it('reads them again after a form post, and shows a change made outside the process', async () => {
    await user.get('/');
    await user.post('/login', { email: 'nobody@example.jp', password: 'wrong-password-1' });
    reset();
    await user.get('/');
    expect(queries).toMatchObject({ newest: 2, picks: 1, municipalities: 1 });

    const newest = await handle.db
      .selectFrom('listings')
      .select(['id', 'title'])
      .where('kind', '=', 'opening')
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const title = `${newest.title}（共有の読み出しの後で更新）`;
    await handle.db.updateTable('listings').set({ title }).where('id', '=', newest.id).execute();
    let shown = false;
    for (let i = 0; i < 60 && !shown; i += 1) {
      shown = (await (await user.get('/')).text()).includes(title);
      if (!shown) await sleep(50);
    }
    expect(shown).toBe(true);
  });
});
