import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../app/server/app';
import type { Database } from '../../db/database';
import { PRIVATE_TABLES } from '../../db/page-changes';
import { seedSteps } from '../../db/seed';
import { startSeededServer, type TestServer } from '../helpers/server';
import { createTestDb } from '../helpers/test-db';
import { Client } from './accounts/client';

/*
 * The page cache for anonymous visitors (app/server/page-cache.ts), through real HTTP against the
 * real server: what it keeps, whom it never serves, and that every change a page shows empties it,
 * in the process that made it and, on PostgreSQL, in another process.
 */

const SEARCH = `/search?q=${encodeURIComponent('観光')}`;
const hit = (res: Response) => res.headers.get('x-page-cache') === 'hit';
const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function firstOpening(db: Kysely<Database>) {
  return db.selectFrom('listings').select(['id', 'title']).where('kind', '=', 'opening').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
}

/** Waits (up to 3 s) until `check` holds: a change made outside the process reaches it asynchronously. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 60; i += 1) {
    if (await check()) return true;
    await sleep(50);
  }
  return false;
}

describe('page cache (one process)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededServer({ PAGE_CACHE_MB: '32' });
  }, 120_000);
  afterAll(() => server?.close());

  it('serves an anonymous page from the cache the second time, with a fresh nonce the page really uses', async () => {
    const first = await fetch(server.url + SEARCH);
    expect(hit(first)).toBe(false);
    const firstHtml = await first.text();
    const second = await fetch(server.url + SEARCH);
    expect(hit(second)).toBe(true);
    const html = await second.text();
    const nonce = nonceOf(second)!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonce).not.toBe(nonceOf(first));
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html.replaceAll(nonce, 'N')).toBe(firstHtml.replaceAll(nonceOf(first)!, 'N'));
    // the headers of the rendered page come along
    expect(second.headers.get('x-content-type-options')).toBe('nosniff');
    expect(second.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers gzip when asked, a valid stream of the same page with its own nonce', async () => {
    await fetch(server.url + '/openings');
    const plain = await fetch(server.url + '/openings', { headers: { 'accept-encoding': 'identity' } });
    expect(hit(plain)).toBe(true);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const plainHtml = await plain.text();
    // Node's fetch would decode gzip itself; read the raw bytes through a plain HTTP request instead.
    const raw = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${server.url}/openings`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject),
      );
    });
    expect(raw.headers['x-page-cache']).toBe('hit');
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(raw.headers.vary).toBe('Accept-Encoding');
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
    const html = gunzipSync(raw.body).toString('utf8');
    const nonce = /'nonce-([^']+)'/.exec(String(raw.headers['content-security-policy']))![1];
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html.replaceAll(nonce, 'N')).toBe(plainHtml.replaceAll(nonceOf(plain)!, 'N'));
    // compressed as well as the page in one piece would be
    expect(raw.body.length).toBeLessThan(Buffer.byteLength(html) / 3);
  });

  it('never serves a cached page to a signed-in visitor', async () => {
    await fetch(server.url + '/');
    expect(hit(await fetch(server.url + '/'))).toBe(true);
    const user = await Client.signedIn(server.url, 'municipality@example.jp', 'demo-municipality-2026');
    // the anonymous page is not served to them; the second answer is their own page, kept for their
    // session (page-cache-signed-in.test.ts)
    for (let i = 0; i < 2; i += 1) {
      const res = await user.get('/');
      expect(res.status).toBe(200);
      expect(hit(res)).toBe(i === 1);
      expect(await res.text()).toContain('海士町');
    }
    // any cookie at all, even one that is not a valid session, skips the anonymous cache
    expect(hit(await fetch(server.url + '/', { headers: { cookie: 'km_session=forged' } }))).toBe(false);
    expect(hit(await fetch(server.url + '/', { headers: { cookie: 'other=1' } }))).toBe(false);
  });

  it('never answers other methods from the cache, and a form post empties it', async () => {
    await fetch(server.url + '/login');
    await fetch(server.url + SEARCH);
    expect(hit(await fetch(server.url + '/login'))).toBe(true);
    expect(hit(await fetch(server.url + SEARCH))).toBe(true);
    const post = await fetch(server.url + '/login', { method: 'POST', body: new URLSearchParams({ email: 'nobody@example.jp', password: 'wrong-password-1' }) });
    expect(hit(post)).toBe(false);
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(await post.text()).toContain('メールアドレスまたはパスワード');
    expect(hit(await fetch(server.url + SEARCH))).toBe(false);
    const head = await fetch(server.url + SEARCH, { method: 'HEAD' });
    expect(hit(head)).toBe(false);
  });

  it('keeps only successful pages: not a 404, not a redirect', async () => {
    for (let i = 0; i < 2; i += 1) {
      const missing = await fetch(server.url + '/no-such-page');
      expect(missing.status).toBe(404);
      expect(hit(missing)).toBe(false);
      const redirect = await fetch(server.url + '/applications', { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      expect(hit(redirect)).toBe(false);
    }
  });

  it('rebuilds a page after the listing it shows changed, without any request', async () => {
    const listing = await firstOpening(server.db);
    const url = `${server.url}/openings/${listing.id}`;
    await fetch(url);
    expect(hit(await fetch(url))).toBe(true);
    const title = `${listing.title}（更新）`;
    await server.db.updateTable('listings').set({ title }).where('id', '=', listing.id).execute();
    // On PGlite the notification arrives with the commit; on PostgreSQL a moment later.
    expect(await eventually(async () => (await (await fetch(url)).text()).includes(title))).toBe(true);
  });

  it('is emptied by a change to every table a page for anonymous visitors can show', async () => {
    const tables = await sql<{ table: string }>`
      select c.relname as "table" from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(server.db);
    const announced = tables.rows.map((r) => r.table).filter((t) => !(PRIVATE_TABLES as readonly string[]).includes(t));
    expect(announced).toEqual(expect.arrayContaining(['listings', 'organisations', 'municipalities', 'search_documents', 'search_synonyms', 'agreement_templates']));
    for (const table of announced) {
      await fetch(server.url + SEARCH);
      expect(hit(await fetch(server.url + SEARCH)), table).toBe(true);
      // A statement that changes no row still counts: the trigger fires per statement.
      await sql`update ${sql.table(table)} set ${sql.raw('ctid = ctid')} where false`.execute(server.db).catch(async () => {
        await sql`delete from ${sql.table(table)} where false`.execute(server.db);
      });
      expect(await eventually(async () => !hit(await fetch(server.url + SEARCH))), `${table} did not empty the cache`).toBe(true);
    }
  });

  it('is not emptied by changes to private tables (sessions, messages …)', async () => {
    await fetch(server.url + SEARCH);
    expect(hit(await fetch(server.url + SEARCH))).toBe(true);
    await sql`delete from sessions where false`.execute(server.db);
    await sql`delete from messages where false`.execute(server.db);
    await sleep(300);
    expect(hit(await fetch(server.url + SEARCH))).toBe(true);
  });

  it('sends pages without NUL bytes, also when the URL carries one', async () => {
    for (const page of [SEARCH, `/search?q=${encodeURIComponent('観光\u0000地域')}`, '/', '/openings']) {
      for (let i = 0; i < 2; i += 1) {
        const body = Buffer.from(await (await fetch(server.url + page)).arrayBuffer());
        expect(body.includes(0), page).toBe(false);
      }
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('page cache across two processes on one PostgreSQL', () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let processes: { child: ChildProcess; url: string }[] = [];

  function startProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/index.ts'], {
      cwd: ROOT_DIR,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PAGE_CACHE_MB: '32',
        DATABASE_URL: databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        SESSION_SECRET: 'p'.repeat(40),
        LOG_LEVEL: 'info',
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-pc-')),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on http:\/\/[^:/]+:(\d+)/.exec(out);
        if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
      });
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
    });
  }

  beforeAll(async () => {
    handle = await createTestDb();
    for (const step of seedSteps) if (step.name !== 'municipalities') await step.run(handle.db);
    processes = await Promise.all([startProcess(handle.url!), startProcess(handle.url!)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(
      processes.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await handle?.close();
  });

  /** Fills both caches with the page, so each would answer it from memory. */
  async function cachedEverywhere(page: string) {
    for (const p of processes) {
      expect(await eventually(async () => hit(await fetch(p.url + page))), `${p.url}${page} never cached`).toBe(true);
    }
  }

  it('a change written by neither process empties both caches', async () => {
    const listing = await firstOpening(handle.db);
    const page = `/openings/${listing.id}`;
    await cachedEverywhere(page);
    const title = `${listing.title}（別プロセスで更新）`;
    await handle.db.updateTable('listings').set({ title }).where('id', '=', listing.id).execute();
    for (const p of processes) {
      expect(await eventually(async () => (await (await fetch(p.url + page)).text()).includes(title)), p.url).toBe(true);
    }
  });

  it('a form post to one process (an operator adds synonyms) empties the other one too', async () => {
    const operator = await Client.signedIn(processes[0].url, 'operator@example.jp', 'demo-operator-2026');
    await cachedEverywhere(SEARCH);
    const created = await operator.post('/admin/synonyms', { terms: 'ページ甲、ページ乙', note: '' });
    expect(created.status).toBe(302);
    expect(await eventually(async () => !hit(await fetch(processes[1].url + SEARCH)))).toBe(true);
  });

  it('stops serving from the cache while it cannot hear changes, and starts again once reconnected', async () => {
    await cachedEverywhere(SEARCH);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen km_page_change%'`.execute(handle.db);
    // after the reconnect the cache starts empty, then fills again
    for (const p of processes) {
      expect(await eventually(async () => !hit(await fetch(p.url + SEARCH)))).toBe(true);
    }
    await cachedEverywhere(SEARCH);
  });
});
