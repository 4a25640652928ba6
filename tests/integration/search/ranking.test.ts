import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../db/client';
import { indexDocument } from '../../../search/indexing';
import { dictionaryFrom } from '../../../search/load-dictionary';
import { PostgresSearchEngine } from '../../../search/postgres';
import type { SearchDocument } from '../../../search/types';
import { createTestDb } from '../../helpers/test-db';

// Exact matches that sit only in a body must outrank the many listings that merely have one of the
// query's words in their title: every match is scored, none is left out by a pre-selection.
let handle: DbHandle;
let engine: PostgresSearchEngine;

const base = { remoteOk: false, termMonths: 12, status: 'published' as const, prefCode: null, lgCode: null, municipality: null, prefecture: '高知県', types: ['dispatch' as const] };
const at = (i: number) => new Date(Date.UTC(2026, 3, 1) + i * 3600_000);

// 150 newer listings with 地域 (or ビール) in the title and neither phrase anywhere.
const NOISE: SearchDocument[] = Array.from({ length: 150 }, (_, i) => ({
  ...base,
  id: `noise-${i}`,
  kind: i % 2 ? 'opening' : 'solution',
  title: i % 3 ? `地域の魅力発信プロジェクト ${i}` : `クラフトビールの販路開拓 ${i}`,
  body: '住民と一緒に地域の魅力を伝える情報発信に取り組みます。電力会社や林業者との連携も視野に入れています。',
  skills: ['広報', '地域づくり'],
  category: '広報業務',
  publishedAt: at(1000 + i),
  updatedAt: at(1000 + i),
}));

// Older listings whose body holds the exact phrase.
const EXACT: SearchDocument[] = [
  { ...base, id: 'power', kind: 'opening', title: 'エネルギーの地産地消を担う人材', body: 'エネルギーの地産地消と地域新電力の設立を推進するため、活動していただける起業人を募集します。', skills: ['エネルギー'], category: 'GX（脱炭素等）', publishedAt: at(1), updatedAt: at(1) },
  { ...base, id: 'beer', kind: 'opening', title: '森の恵みを生かした商品開発', body: '町の杉の葉を香りづけに使い、地域材の樽で熟成させたビールを事業化します。', skills: ['商品開発'], category: '地域産品の開発・販路開拓・拡大等', publishedAt: at(2), updatedAt: at(2) },
];

beforeAll(async () => {
  handle = await createTestDb();
  await handle.db.transaction().execute(async (trx) => {
    for (const d of [...NOISE, ...EXACT]) await indexDocument(trx, d);
  });
  engine = new PostgresSearchEngine(handle.db, dictionaryFrom(handle.db));
}, 120_000);
afterAll(() => handle?.close());

describe('relevance ranking over every match', () => {
  it.each([
    ['地域新電力', 'power'],
    ['地域材 ビール', 'beer'],
  ])('%s: the listing with the exact words in its body comes first', async (q, id) => {
    const res = await engine.search({ q, perPage: 10 });
    expect(res.total).toBeGreaterThan(50);
    expect(res.hits[0]?.id).toBe(id);
  });
});

describe('the note that some results lack a word', () => {
  it('is given when a shown result lacks one of the words', async () => {
    const res = await engine.search({ q: '地域材 ビール', perPage: 10 });
    expect(res.relaxed).toBe(true);
  });

  it('is not given when every result has every word, though few do', async () => {
    const res = await engine.search({ q: 'エネルギー 地産地消' });
    expect(res.hits.map((h) => h.id)).toEqual(['power']);
    expect(res.relaxed).toBe(false);
  });
});

describe('もしかして', () => {
  it('suggests the known term for a typo, only when it finds listings', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await indexDocument(trx, { ...base, id: 'furusato', kind: 'opening', title: 'ふるさと納税の返礼品開発', body: '返礼品の開発と発送体制づくりを担っていただきます。', skills: ['EC'], category: '地域産品の開発・販路開拓・拡大等', publishedAt: at(3), updatedAt: at(3) });
    });
    const typo = await engine.search({ q: 'ふるさと脳税' });
    expect(typo.suggestion).toBe('ふるさと納税');
    expect((await engine.search({ q: 'ふるさと納税' })).suggestion).toBeUndefined();
    // 空き家 is a known term, but no listing here has it.
    expect((await engine.search({ q: '空き屋' })).suggestion).toBeUndefined();
  });
});
