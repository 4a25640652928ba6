import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import type { DbHandle } from '../../../db/client';
import { insertSearchDocuments, searchPage, searchPageQuery, type RankPlan } from '../../../db/queries/search';
import { syntheticSearchRows } from '../../../scripts/lib/synthetic-listings';
import { documentVectors } from '../../../search/indexing';
import { dictionaryFrom } from '../../../search/load-dictionary';
import { buildPlans, toSqlFilters } from '../../../search/postgres';
import { parseQuery } from '../../../search/query';
import { createTestDb } from '../../helpers/test-db';

// Buffer counts, not times: the same plan over the same rows reads the same pages on any machine.
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
  const munis = await handle.db.selectFrom('municipalities').select(['lg_code', 'pref_code', 'pref_name', 'name', 'eligible_1433', 'eligible_1375']).execute();
  await insertSearchDocuments(handle.db, [...syntheticSearchRows(400, munis, 11)]);
  await sql`analyze search_documents`.execute(handle.db);
}, 120_000);
afterAll(() => handle?.close());

const PAGE = { sort: 'relevance', limit: 20, offset: 0, pool: 100, rankAll: 1000 } as const;

async function pagesRead(plan: RankPlan) {
  const compiled = searchPageQuery(plan, toSqlFilters({}), PAGE).compile(handle.db);
  const result = await handle.db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (analyze, buffers, format json) ${compiled.sql}`, [...compiled.parameters]));
  const raw = result.rows[0]['QUERY PLAN'];
  const top = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: Record<string, number> }>;
  return top[0].Plan['Shared Hit Blocks'] + top[0].Plan['Shared Read Blocks'];
}

describe('the ranked page', () => {
  it('reads each match once however many expressions score it', async () => {
    const plan = buildPlans(parseQuery('観光', await dictionaryFrom(handle.db)())).strict;
    const [term] = plan.terms;
    const one = await pagesRead({ ...plan, terms: [term], coverage: [] });
    // A several-word query scores each match with up to a dozen ts_rank and @@ expressions.
    const many = await pagesRead({ ...plan, terms: Array.from({ length: 6 }, () => term), coverage: Array.from({ length: 4 }, () => [plan.match!, 1] as [string, number]) });
    expect(one).toBeGreaterThan(0);
    expect(many).toBeLessThanOrEqual(one * 1.1);
  });
});

describe('scoring every match of a result', () => {
  // Two made-up words, each in the title of 20 listings; `zqbodyword` is also in the body alone of
  // 200 more, `zqfewword` of 20 more. Every body is long, so its full vector is stored out of line.
  beforeAll(async () => {
    const munis = await handle.db.selectFrom('municipalities').select(['lg_code', 'pref_code', 'pref_name', 'name', 'eligible_1433', 'eligible_1375']).execute();
    const base = [...syntheticSearchRows(260, munis, 23)];
    const rows = base.map((row, i) => {
      const word = i < 220 ? 'zqbodyword' : 'zqfewword';
      const inTitle = i < 20 || (i >= 220 && i < 240);
      // Bodies mention the word once to four times, so their scores differ by the body alone.
      const mention = Array.from({ length: 1 + (i % 4) }, () => ` ${word} `).join('、');
      const title = inTitle ? `${word} ${row.title}` : row.title;
      const body = inTitle ? row.body : `${row.body}${mention}`;
      const v = documentVectors({ title, body, skills: row.skills ?? [], category: row.category, prefecture: row.prefecture ?? null, municipality: row.municipality ?? null, publishedAt: new Date(row.published_at as Date) });
      return { ...row, id: `cost-${i}`, title, body, status: 'published' as const, search_vector: v.all, head_vector: v.head };
    });
    await insertSearchDocuments(handle.db, rows);
    await sql`analyze search_documents`.execute(handle.db);
  }, 120_000);

  const planOf = async (word: string) => buildPlans(parseQuery(word, await dictionaryFrom(handle.db)())).strict;

  it('reads the full vector only of the matches that can still reach the page', async () => {
    const many = await pagesRead(await planOf('zqbodyword'));
    const few = await pagesRead(await planOf('zqfewword'));
    // 180 more matches, none of which can outscore a title match: less than a page each (reading a
    // vector out of line is several).
    expect(many - few).toBeLessThan(180);
  });

  it('gives every page the hits and the order of scoring every match in full', async () => {
    const plan = await planOf('zqbodyword');
    const all = (await searchPage(handle.db, plan, toSqlFilters({}), { ...PAGE, limit: 220 })).hits.map((h) => h.id);
    expect(all).toHaveLength(220);
    expect(all.slice(0, 20).every((id) => Number(id.slice(5)) < 20)).toBe(true);
    for (const offset of [0, 20, 40, 200]) {
      const page = (await searchPage(handle.db, plan, toSqlFilters({}), { ...PAGE, offset })).hits.map((h) => h.id);
      expect(page).toEqual(all.slice(offset, offset + 20));
    }
  });
});
