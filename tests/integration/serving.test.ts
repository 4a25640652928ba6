import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SelectQueryNode, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type UnknownRow } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer, ROOT_DIR, type AppServer } from '../../app/server/app';
import { WORKER_JOBS } from '../../app/server/jobs';
import { loadConfig } from '../../app/server/config';
import { seedSteps } from '../../db/seed';
import { createTestDb } from '../helpers/test-db';
import { Client } from './accounts/client';

/** Counts the queries that read the sessions table, and the tables of those that count unread notifications. */
class SessionReads implements KyselyPlugin {
  count = 0;
  inbox: string[] = [];
  transformQuery(args: PluginTransformQueryArgs) {
    if (SelectQueryNode.is(args.node) && JSON.stringify(args.node.from ?? null).includes('"sessions"')) this.count += 1;
    if (SelectQueryNode.is(args.node)) {
      const text = JSON.stringify(args.node);
      const tables = ['"notifications"', '"conversation_reads"'].filter((t) => text.includes(t));
      if (text.includes('"notifications"') && text.includes('count(*)')) this.counting.set(args.queryId, tables.join(' '));
    }
    return args.node;
  }
  // Subqueries pass transformQuery too; only a query that was sent gets a result.
  private counting = new WeakMap<object, string>();
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const tables = this.counting.get(args.queryId);
    if (tables) this.inbox.push(tables);
    return args.result;
  }
}

describe('serving core', () => {
  const reads = new SessionReads();
  let server: AppServer;
  let url: string;
  let handle: Awaited<ReturnType<typeof createTestDb>>;

  beforeAll(async () => {
    handle = await createTestDb();
    for (const step of seedSteps) if (step.name !== 'municipalities') await step.run(handle.db);
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-serving-')), LOG_LEVEL: 'silent' });
    server = await createAppServer({ config, dbHandle: { ...handle, db: handle.db.withPlugin(reads) }, logger: pino({ level: 'silent' }) , jobs: WORKER_JOBS });
    url = `http://127.0.0.1:${await server.listen()}`;
  }, 120_000);
  afterAll(() => server?.close());

  it('looks the session up once for a signed-in page, whatever the number of loaders', async () => {
    const user = await Client.signedIn(url, 'municipality@example.jp', 'demo-municipality-2026');
    for (const page of ['/', '/applications', '/my/listings']) {
      reads.count = 0;
      const res = await user.get(page);
      expect(res.status, page).toBe(200);
      expect(await res.text()).toContain('海士町');
      expect(reads.count, page).toBe(1);
    }
  });

  it('counts the header badges, unread messages and notifications, in one query', async () => {
    const user = await Client.signedIn(url, 'municipality@example.jp', 'demo-municipality-2026');
    for (const page of ['/', '/applications']) {
      reads.inbox = [];
      expect((await user.get(page)).status, page).toBe(200);
      expect(reads.inbox, page).toEqual(['"notifications" "conversation_reads"']);
    }
  });

  it('shows six cards of each kind on the home page, with the open counts', async () => {
    const html = await (await fetch(`${url}/`)).text();
    const section = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    expect(section('new-openings-title').match(/<article /g)).toHaveLength(6);
    expect(section('new-solutions-title').match(/<article /g)).toHaveLength(6);
    const open = await sql<{ n: number }>`select count(*)::int as n from listings where kind = 'opening' and status = 'published'
      and (deadline is null or deadline >= (now() at time zone 'Asia/Tokyo')::date)`.execute(handle.db);
    expect(Number(/起業人募集を見る（(?:<!-- -->)?([\d,]+)/.exec(html)?.[1]?.replace(',', ''))).toBe(open.rows[0].n);
  });

  it('serves the files of build/public and leaves other paths to the pages', async () => {
    const font = readdirSync(path.join(ROOT_DIR, 'build/public/fonts'))[0];
    const res = await fetch(`${url}/fonts/${font}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect((await fetch(`${url}/fonts/no-such-font.woff2`)).status).toBe(404);
    expect((await fetch(`${url}/eligibility`)).status).toBe(200);
  });

  it('compresses a page in one piece, not chunk by chunk', async () => {
    const { get } = await import('node:http');
    const { gzipSync, gunzipSync } = await import('node:zlib');
    const body = await new Promise<Buffer>((resolve, reject) => {
      get(`${url}/search?q=${encodeURIComponent('観光')}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject);
    });
    const html = gunzipSync(body);
    // Flushing after every 2 KB chunk made the page half as big again as a one-shot gzip.
    expect(body.length).toBeLessThan(gzipSync(html).length * 1.1);
  });
});
