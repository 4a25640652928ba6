import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNANNOUNCED_TABLES } from '../../db/page-changes';
import { startSeededServer, type TestServer } from '../helpers/server';
import { Client } from './accounts/client';

/*
 * The cache of signed-in pages (app/server/page-cache.ts with `signedIn`), through real HTTP against
 * the real server: a page is kept for the session it was rendered for and no one else, and every
 * change it can show (private tables included) empties it.
 */

const hit = (res: Response) => res.headers.get('x-page-cache') === 'hit';
const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The unread notifications the header shows (hydration data of the root loader). */
const unreadOf = (html: string) => Number(/"notifications":(\d+)\}/.exec(html)?.[1] ?? NaN);

/**
 * Holds `check`: at once on PGlite, whose notifications arrive with the commit; on PostgreSQL once
 * the notification has arrived (up to 3 s).
 */
async function atOnce(check: () => Promise<boolean>): Promise<boolean> {
  if (!process.env.DATABASE_URL) return check();
  for (let i = 0; i < 60; i += 1) {
    if (await check()) return true;
    await sleep(50);
  }
  return false;
}

/**
 * Reads `page` twice and tells whether the second read came from memory. On PostgreSQL a change
 * made just before (a log-in writes a session row; the last test restored a name) is heard a few
 * milliseconds later and may empty the cache between the two reads: then it reads again (up to 3 s).
 */
async function cachedOnSecondRead(reader: Client, page: string): Promise<boolean> {
  return atOnce(async () => {
    await reader.get(page);
    return hit(await reader.get(page));
  });
}

describe('cache of signed-in pages', () => {
  let server: TestServer;
  let municipality: Client;
  let company: Client;
  beforeAll(async () => {
    server = await startSeededServer({ PAGE_CACHE_MB: '32' });
    municipality = await Client.signedIn(server.url, 'municipality@example.jp', 'demo-municipality-2026');
    company = await Client.signedIn(server.url, 'company@example.jp', 'demo-company-2026');
  }, 120_000);
  afterAll(() => server?.close());

  async function userIdOf(email: string) {
    return (await server.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  }

  it('serves the home page and the applications from memory the second time, private, with a fresh nonce', async () => {
    for (const page of ['/', '/applications']) {
      let first!: Response;
      let firstHtml = '';
      let second!: Response;
      const cached = await atOnce(async () => {
        first = await municipality.get(page);
        expect(first.status).toBe(200);
        firstHtml = await first.text();
        second = await municipality.get(page);
        return hit(second);
      });
      expect(cached, page).toBe(true);
      expect(second.headers.get('cache-control')).toBe('private, no-store');
      const html = await second.text();
      const nonce = nonceOf(second)!;
      expect(nonce).not.toBe(nonceOf(first));
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
      expect(html.replaceAll(nonce, 'N')).toBe(firstHtml.replaceAll(nonceOf(first)!, 'N'));
      expect(html).toContain('大野 健太');
    }
  });

  it("never serves one reader's page to another", async () => {
    expect(await cachedOnSecondRead(municipality, '/')).toBe(true);
    const other = await company.get('/');
    expect(hit(other)).toBe(false);
    const otherHtml = await other.text();
    expect(otherHtml).toContain('高橋 美咲');
    expect(otherHtml).not.toContain('大野 健太');
    const again = await company.get('/');
    expect(hit(again)).toBe(true);
    expect(await again.text()).not.toContain('大野 健太');
    // a second session of the same account, a forged cookie, anonymous: none gets the cached page
    const secondSession = await Client.signedIn(server.url, 'municipality@example.jp', 'demo-municipality-2026');
    expect(hit(await secondSession.get('/'))).toBe(false);
    const forged = await fetch(server.url + '/', { headers: { cookie: 'km_session=forged' } });
    expect(hit(forged)).toBe(false);
    expect(await forged.text()).not.toContain('大野 健太');
    const anonymous = await fetch(server.url + '/');
    expect(await anonymous.text()).not.toContain('大野 健太');
    // the same session with one more cookie is another key
    expect(hit(await municipality.get('/', { cookie: `${municipality.cookie}; other=1` }))).toBe(false);
  });

  it('shows a new notification at once (a private table changed outside any request)', async () => {
    expect(await cachedOnSecondRead(municipality, '/')).toBe(true);
    const before = unreadOf(await (await municipality.get('/')).text());
    expect(before).toBeGreaterThanOrEqual(0);
    await server.db
      .insertInto('notifications')
      .values({ user_id: await userIdOf('municipality@example.jp'), kind: 'message', application_id: null, title: 'キャッシュ確認のお知らせ', created_at: new Date() })
      .execute();
    expect(await atOnce(async () => unreadOf(await (await municipality.get('/')).text()) === before + 1)).toBe(true);
  });

  it('shows a change to a public table at once (the account renamed)', async () => {
    expect(await cachedOnSecondRead(municipality, '/')).toBe(true);
    await server.db.updateTable('users').set({ name: '大野 健太郎' }).where('email', '=', 'municipality@example.jp').execute();
    try {
      expect(await atOnce(async () => (await (await municipality.get('/')).text()).includes('大野 健太郎'))).toBe(true);
    } finally {
      await server.db.updateTable('users').set({ name: '大野 健太' }).where('email', '=', 'municipality@example.jp').execute();
    }
  });

  it('a revoked session sees the page signed out at once, and so does one that signed out', async () => {
    const reader = await Client.signedIn(server.url, 'municipality@example.jp', 'demo-municipality-2026');
    const cookie = reader.cookie;
    expect(await cachedOnSecondRead(reader, '/')).toBe(true);
    const tokenHash = (await server.db.selectFrom('sessions').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow()).id;
    await server.db.deleteFrom('sessions').where('id', '=', tokenHash).execute();
    expect(await atOnce(async () => !(await (await fetch(server.url + '/', { headers: { cookie } })).text()).includes('大野 健太'))).toBe(true);

    const leaving = await Client.signedIn(server.url, 'company@example.jp', 'demo-company-2026');
    const leavingCookie = leaving.cookie;
    expect(await cachedOnSecondRead(leaving, '/applications')).toBe(true);
    expect((await leaving.post('/logout')).status).toBe(302);
    const after = await fetch(server.url + '/applications', { headers: { cookie: leavingCookie }, redirect: 'manual' });
    expect(hit(after)).toBe(false);
    expect(after.status).toBe(302);
  });

  it('keeps only the listed pages: not the settings, not a loader request', async () => {
    for (const page of ['/settings', '/notifications', '/?_data=root']) {
      await municipality.get(page);
      expect(hit(await municipality.get(page)), page).toBe(false);
    }
  });

  it('every table announces its changes on one of the two channels, and each empties the cache', async () => {
    const rows = await sql<{ table: string; triggers: string[] }>`
      select c.relname as "table", coalesce(array_agg(t.tgname::text) filter (where t.tgname is not null), '{}') as triggers
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_trigger t on t.tgrelid = c.oid and not t.tgisinternal
      where n.nspname = 'public' and c.relkind in ('r', 'p') group by c.relname order by 1`.execute(server.db);
    const silent = rows.rows.filter((r) => !r.triggers.some((t) => /_(page|private)_change$/.test(t))).map((r) => r.table);
    expect(silent.sort()).toEqual([...UNANNOUNCED_TABLES].filter((t) => rows.rows.some((r) => r.table === t)).sort());
    const announced = rows.rows.filter((r) => !silent.includes(r.table)).map((r) => r.table);
    expect(announced).toEqual(expect.arrayContaining(['sessions', 'messages', 'notifications', 'applications', 'proposals', 'listings']));
    for (const table of announced) {
      expect(await cachedOnSecondRead(municipality, '/'), table).toBe(true);
      // A statement that changes no row still counts: the triggers fire per statement.
      await sql`delete from ${sql.table(table)} where false`.execute(server.db);
      expect(await atOnce(async () => !hit(await municipality.get('/'))), `${table} did not empty the cache`).toBe(true);
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('cache of signed-in pages while private changes cannot be heard', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startSeededServer({ PAGE_CACHE_MB: '32' });
  }, 120_000);
  afterAll(() => server?.close());

  it('stops serving signed-in pages from memory, and starts again once reconnected', async () => {
    const reader = await Client.signedIn(server.url, 'municipality@example.jp', 'demo-municipality-2026');
    expect(await cachedOnSecondRead(reader, '/')).toBe(true);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen km_private_change%'`.execute(server.db);
    let off = false;
    for (let i = 0; i < 60 && !off; i += 1) {
      off = !hit(await reader.get('/')) && !hit(await reader.get('/'));
      if (!off) await sleep(50);
    }
    expect(off).toBe(true);
    let back = false;
    for (let i = 0; i < 100 && !back; i += 1) {
      back = hit(await reader.get('/'));
      if (!back) await sleep(50);
    }
    expect(back).toBe(true);
  });
});
