import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import type { DbHandle } from '../../../db/client';
import { insertSearchDocuments, searchPageQuery, type RankPlan } from '../../../db/queries/search';
import { syntheticSearchRows } from '../../../scripts/lib/synthetic-listings';
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

async function pagesRead(plan: RankPlan) {
  const compiled = searchPageQuery(plan, toSqlFilters({}), { sort: 'relevance', limit: 20, offset: 0, pool: 100, rankAll: 1000 }).compile(handle.db);
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
