import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../db/client';
import { indexDocument } from '../../../search/indexing';
import { dictionaryFrom } from '../../../search/load-dictionary';
import { PostgresSearchEngine } from '../../../search/postgres';
import type { SearchDocument } from '../../../search/types';
import { createTestDb } from '../../helpers/test-db';

let handle: DbHandle;
let engine: PostgresSearchEngine;
type M = { lg_code: string; pref_code: string; name: string; pref_name: string };
let only1433: M, both: M, bothOtherPref: M, neither: M;

const need = (id: string, m: M): SearchDocument => ({
  id, kind: 'opening', title: `募集 ${m.name}`, body: '観光振興', skills: [], category: 'その他', types: ['dispatch'],
  prefecture: m.pref_name, prefCode: m.pref_code, municipality: m.name, lgCode: m.lg_code, remoteOk: false, termMonths: 12,
  status: 'published', publishedAt: new Date(), updatedAt: new Date(),
});

beforeAll(async () => {
  handle = await createTestDb();
  const pick = (where: (m: M & { eligible_1433: boolean; eligible_1375: boolean }) => boolean, all: Array<M & { eligible_1433: boolean; eligible_1375: boolean }>) => all.find(where)!;
  const all = await handle.db.selectFrom('municipalities').select(['lg_code', 'pref_code', 'name', 'pref_name', 'eligible_1433', 'eligible_1375']).orderBy('lg_code').execute();
  only1433 = pick((m) => m.eligible_1433 && !m.eligible_1375, all);
  both = pick((m) => m.eligible_1433 && m.eligible_1375 && m.pref_code === '32', all);
  bothOtherPref = pick((m) => m.eligible_1433 && m.eligible_1375 && m.pref_code === '01', all);
  neither = pick((m) => !m.eligible_1433 && !m.eligible_1375, all);
  for (const [id, m] of [['a', only1433], ['b', both], ['c', bothOtherPref], ['d', neither]] as const) await indexDocument(handle.db, need(id, m));
  await indexDocument(handle.db, { ...need('s', both), kind: 'solution' });
  engine = new PostgresSearchEngine(handle.db, dictionaryFrom(handle.db));
});
afterAll(() => handle?.close());

const ids = async (companyClass: 'A' | 'B', prefCode: string) =>
  (await engine.search({ q: '', filters: { eligibleFor: { companyClass, prefCode } } })).hits.map((h) => h.id).sort();

describe('eligibleFor filter (in SQL, from the current municipality master)', () => {
  it('class A: needs in 1,433-list municipalities only', async () => {
    expect(await ids('A', '13')).toEqual(['a', 'b', 'c']);
  });
  it('class B: needs in 1,375-list municipalities outside the company’s prefecture', async () => {
    expect(await ids('B', '32')).toEqual(['c']);
    expect(await ids('B', '40')).toEqual(['b', 'c']);
  });
  it('follows a change of the master without reindexing', async () => {
    await handle.db.updateTable('municipalities').set({ eligible_1433: false }).where('lg_code', '=', only1433.lg_code).execute();
    expect(await ids('A', '13')).toEqual(['b', 'c']);
  });
});
