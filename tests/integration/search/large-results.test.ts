import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DbHandle } from '../../../db/client';
import { insertSearchDocuments, searchPageLarge } from '../../../db/queries/search';
import { syntheticSearchRows } from '../../../scripts/lib/synthetic-listings';
import { dictionaryFrom } from '../../../search/load-dictionary';
import { buildPlans, PostgresSearchEngine, toSqlFilters } from '../../../search/postgres';
import { parseQuery } from '../../../search/query';
import { monthsSinceQuery } from '../../../search/text';
import type { SearchQuery } from '../../../search/types';
import { createTestDb } from '../../helpers/test-db';

// Searches matching thousands of documents take another path: hits from the freshness index,
// counts from a sample. The hits must be exactly those of the path that visits every match.
let handle: DbHandle;
let exact: PostgresSearchEngine;
let large: PostgresSearchEngine;
// The same pair with a pool of 100 candidates for every ranked search: the path that results of more
// than RANK_ALL_LIMIT matches take, with and without the sample's date windows.
let exactPooled: PostgresSearchEngine;
let largePooled: PostgresSearchEngine;

beforeAll(async () => {
  handle = await createTestDb();
  const munis = await handle.db.selectFrom('municipalities').select(['lg_code', 'pref_code', 'pref_name', 'name', 'eligible_1433', 'eligible_1375']).execute();
  const rows = [...syntheticSearchRows(3000, munis, 7)];
  for (let i = 0; i < rows.length; i += 500) await insertSearchDocuments(handle.db, rows.slice(i, i + 500));
  await sql`analyze search_documents`.execute(handle.db);
  const dictionary = dictionaryFrom(handle.db);
  exact = new PostgresSearchEngine(handle.db, dictionary, { exactCountLimit: Number.POSITIVE_INFINITY });
  large = new PostgresSearchEngine(handle.db, dictionary, { exactCountLimit: -1 });
  exactPooled = new PostgresSearchEngine(handle.db, dictionary, { exactCountLimit: Number.POSITIVE_INFINITY, rankAllLimit: 0 });
  largePooled = new PostgresSearchEngine(handle.db, dictionary, { exactCountLimit: -1, rankAllLimit: 0 });
}, 120_000);
afterAll(() => handle?.close());

const QUERIES: SearchQuery[] = [
  // in hundreds of titles and skills: the pool comes from the newest months alone
  { q: 'DX' },
  { q: '観光' },
  { q: '観光', page: 3 },
  // mostly in bodies: too few title matches, so the pool is found among all matches
  { q: '高齢化' },
  { q: 'リモートワーク' },
  // several words, synonyms, filters, the other sort, no words at all
  { q: '空き家 改修' },
  { q: 'デジタル化', filters: { kind: 'opening', types: ['side_job'] } },
  { q: '移住', filters: { remoteOk: true }, sort: 'newest' },
  { q: 'ドローン 点検' },
  { q: '', filters: { prefecture: '北海道' } },
  { q: '' },
  { q: '', page: 2, sort: 'newest' },
];

describe('searches matching a large share of the index', () => {
  it.each(QUERIES.flatMap((q) => [[JSON.stringify(q), 'every match scored', q] as const, [JSON.stringify(q), 'pool of 100', q] as const]))('%s (%s): same hits in the same order as visiting every match', async (_, mode, q) => {
    const [e, l] = mode === 'pool of 100' ? [exactPooled, largePooled] : [exact, large];
    const a = await e.search({ ...q, perPage: 20 });
    const b = await l.search({ ...q, perPage: 20 });
    expect(a.countsExact).toBe(true);
    expect(b.countsExact).toBe(false);
    expect(a.hits.length).toBeGreaterThan(0);
    expect(b.hits.map((h) => `${h.kind}:${h.id}`)).toEqual(a.hits.map((h) => `${h.kind}:${h.id}`));
    expect(b.relaxed).toBe(a.relaxed);
  });

  it('estimates the total and the facets of a large result from the 1/8 sample', async () => {
    // A 1/8 sample of n matches has a relative standard error of √(7/n): allow three of them.
    const close = (estimate: number, real: number) => expect(Math.abs(estimate - real) / real).toBeLessThan(3 * Math.sqrt(7 / real));
    for (const q of [{ q: '' }, { q: '', filters: { kind: 'opening' as const } }, { q: '', filters: { remoteOk: false } }]) {
      const a = await exact.search(q);
      const b = await large.search(q);
      expect(a.total).toBeGreaterThan(1000);
      close(b.total, a.total);
      // every sampled facet value exists, and the large ones are close
      for (const f of [...b.facets.category, ...b.facets.type, ...b.facets.prefecture]) {
        const real = [...a.facets.category, ...a.facets.type, ...a.facets.prefecture].find((x) => x.value === f.value);
        expect(real).toBeDefined();
        if (real!.count >= 500) close(f.count, real!.count);
      }
    }
  });

  it('uses the sample only above the limit: the default engine counts a small result exactly', async () => {
    const engine = new PostgresSearchEngine(handle.db, dictionaryFrom(handle.db));
    const small = await engine.search({ q: '観光', filters: { prefecture: '島根県' } });
    const all = await exact.search({ q: '観光', filters: { prefecture: '島根県' } });
    expect(small.countsExact).toBe(true);
    expect(small.total).toBe(all.total);
    const common = await engine.search({ q: '' });
    expect(common.countsExact).toBe(false);
    expect(common.hits.map((h) => h.id)).toEqual((await exact.search({ q: '' })).hits.map((h) => h.id));
  });

  it('drops a date window that turns out too narrow and still returns the exact page', async () => {
    const dict = await dictionaryFrom(handle.db)();
    const opts = { sort: 'relevance' as const, limit: 20, offset: 0, pool: 100, rankAll: 0 };
    const newestMonth = monthsSinceQuery(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-02T00:00:00Z'), 1);
    for (const q of ['観光', 'リモートワーク', '']) {
      const plan = buildPlans(parseQuery(q, dict)).strict;
      const narrow = await searchPageLarge(handle.db, plan, toSqlFilters({}), opts, { head: newestMonth, any: newestMonth });
      const open = await searchPageLarge(handle.db, plan, toSqlFilters({}), opts, {});
      expect(narrow.length).toBe(20);
      expect(narrow.map((h) => h.id)).toEqual(open.map((h) => h.id));
    }
  });
});
