import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine, SearchQuery } from '../../../search/types';
import type { DOCS } from './fixtures';

export type ContractSetup = {
  /** an engine whose index holds DOCS */
  engine: SearchEngine;
  /** makes changes done through indexDocument/removeDocument visible (e.g. drains the outbox) */
  sync(): Promise<void>;
  change: {
    update(id: string, patch: Partial<(typeof DOCS)[number]>): Promise<void>;
    remove(id: string): Promise<void>;
  };
  close(): Promise<void>;
};

/**
 * The behaviour every engine must have; run once per engine. `readings`: the engine reads kana
 * spellings and rewrites compounds (the embedded one); the test for them is skipped otherwise.
 */
export function searchContract(name: string, setup: () => Promise<ContractSetup>, opts: { skip?: boolean; readings?: boolean } = {}) {
  describe.skipIf(opts.skip)(`search contract: ${name}`, () => {
    let s: ContractSetup;
    const ids = async (q: SearchQuery) => (await s.engine.search(q)).hits.map((h) => h.id).sort();
    beforeAll(async () => {
      s = await setup();
    });
    afterAll(() => s?.close());

    it('finds synonyms and notation variants of DX', async () => {
      for (const q of ['DX', 'ＤＸ', 'デジタル化', 'デジタルトランスフォーメーション']) {
        expect(await ids({ q }), q).toEqual(expect.arrayContaining(['1', '3']));
      }
    });

    it('treats 空き家 and 空家, インバウンド and 訪日外国人, EC and ネット通販 as the same', async () => {
      expect(await ids({ q: '空き家' })).toContain('2');
      expect(await ids({ q: 'インバウンド' })).toEqual(expect.arrayContaining(['4', '5']));
      expect(await ids({ q: '訪日外国人' })).toEqual(expect.arrayContaining(['4', '5']));
      expect(await ids({ q: 'ネット通販' })).toContain('6');
      expect(await ids({ q: 'ＥＣ' })).toContain('6');
    });

    it('ranks a title match first and never returns closed listings', async () => {
      const res = await s.engine.search({ q: '観光' });
      expect(res.hits.map((h) => h.id)).not.toContain('9');
      expect(res.hits[0]?.id).toBe('4');
    });

    it('applies every filter', async () => {
      expect(await ids({ q: '', filters: { kind: 'solution' } })).toEqual(['3', '4', '7']);
      expect(await ids({ q: '', filters: { category: '地域産品の開発・販路開拓・拡大等' } })).toEqual(['6', '8']);
      expect(await ids({ q: '', filters: { types: ['senior', 'dispatch'] } })).toEqual(['1', '3', '4', '5', '6', '8']);
      expect(await ids({ q: '', filters: { prefecture: '島根県' } })).toEqual(['1', '5']);
      expect(await ids({ q: '', filters: { remoteOk: true } })).toEqual(['1', '6']);
      expect(await ids({ q: '', filters: { termMonths: { min: 24 } } })).toEqual(['1', '8']);
      expect(await ids({ q: 'DX', filters: { kind: 'opening' } })).toEqual(['1']);
    });

    it('counts facets and the total over all matches, and pages through them', async () => {
      const res = await s.engine.search({ q: '', perPage: 3 });
      expect(res.total).toBe(8);
      expect(res.hits).toHaveLength(3);
      expect(res.facets.prefecture.find((f) => f.value === '島根県')?.count).toBe(2);
      expect(res.facets.type.find((f) => f.value === 'dispatch')?.count).toBe(4);
      expect(res.facets.category.find((f) => f.value === 'DX（自治体DX・地域社会DX）')?.count).toBe(2);
      const page3 = await s.engine.search({ q: '', perPage: 3, page: 3 });
      expect(page3.hits).toHaveLength(2);
      const all = [...res.hits, ...(await s.engine.search({ q: '', perPage: 3, page: 2 })).hits, ...page3.hits].map((h) => h.id);
      expect(new Set(all).size).toBe(8);
    });

    it('sorts by freshness on request', async () => {
      const res = await s.engine.search({ q: '', sort: 'newest', perPage: 3 });
      expect(res.hits.map((h) => h.id)).toEqual(['1', '6', '5']);
    });

    it('escapes HTML in titles and snippets and marks matches', async () => {
      const res = await s.engine.search({ q: '広報' });
      const hit = res.hits.find((h) => h.id === '7')!;
      expect(hit.titleHtml).toContain('&lt;script&gt;');
      expect(hit.titleHtml).not.toContain('<script>');
      expect(hit.titleHtml).toContain('<mark>広報</mark>');
      expect(hit.snippetHtml).toContain('&lt;b&gt;');
      expect(hit.url).toBe('/solutions/7');
    });

    it.skipIf(!opts.readings)('reads kana spellings of places and words (embedded)', async () => {
      expect(await ids({ q: 'しまね' })).toEqual(expect.arrayContaining(['1', '5']));
      expect(await ids({ q: 'でじたる' })).toEqual(expect.arrayContaining(['1', '3']));
      expect((await s.engine.search({ q: '農産物の販路を広げたい' })).hits[0]?.id).toBe('8');
    });

    it('reflects an edit and a removal', async () => {
      await s.change.update('8', { title: '緑茶のブランド化（静岡県川根本町）' });
      await s.sync();
      expect(await ids({ q: 'ブランド化' })).toEqual(['8']);
      await s.change.update('8', { status: 'closed' });
      await s.sync();
      expect(await ids({ q: 'ブランド化' })).toEqual([]);
      await s.change.remove('2');
      await s.sync();
      expect(await ids({ q: '空き家' })).toEqual([]);
    });

  });
}
