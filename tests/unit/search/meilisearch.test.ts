import { describe, expect, it } from 'vitest';
import { fromMeiliResponse, meiliFilter, meiliKey, meiliSearchParams, meiliSettings, toMeiliDocument, type MeiliDocument } from '../../../search/meilisearch';

describe('Meilisearch settings', () => {
  const s = meiliSettings([['DX', 'デジタル化', 'ＤＸ']]);
  it('declares Japanese for every text attribute and the attributes we filter, sort and search', () => {
    expect(s.localizedAttributes).toEqual([{ attributePatterns: expect.arrayContaining(['title', 'body', 'skills']), locales: ['jpn'] }]);
    expect(s.searchableAttributes?.[0]).toBe('title');
    expect(s.searchableAttributes?.at(-1)).toBe('body');
    expect(s.filterableAttributes).toEqual(expect.arrayContaining(['kind', 'category', 'types', 'prefecture', 'remoteOk', 'termMonths', 'eligible1433', 'eligible1375', 'prefCode']));
    expect(s.sortableAttributes).toContain('publishedAt');
    expect(s.rankingRules?.at(-1)).toBe('publishedAt:desc');
    expect(s.typoTolerance?.enabled).toBe(true);
  });
  it('turns each synonym group into mutual synonyms, with NFKC forms', () => {
    expect(s.synonyms?.['DX']).toEqual(expect.arrayContaining(['デジタル化', 'ＤＸ']));
    expect(s.synonyms?.['デジタル化']).toEqual(expect.arrayContaining(['DX']));
  });
});

describe('Meilisearch requests', () => {
  it('maps every filter, quoting values', () => {
    expect(
      meiliFilter({ kind: 'opening', category: 'DX（自治体DX・地域社会DX）', types: ['dispatch', 'senior'], prefecture: '島根県', remoteOk: true, termMonths: { min: 6, max: 24 } }),
    ).toEqual(['kind = "opening"', 'category = "DX（自治体DX・地域社会DX）"', 'types IN ["dispatch", "senior"]', 'prefecture = "島根県"', 'remoteOk = true', 'termMonths >= 6', 'termMonths <= 24']);
    expect(meiliFilter({ municipality: 'a"b\\' })).toEqual(['municipality = "a\\"b\\\\"']);
  });
  it('maps the eligibility filter like the SQL one', () => {
    expect(meiliFilter({ eligibleFor: { companyClass: 'A', prefCode: '13' } })).toEqual(['kind = "opening"', 'eligible1433 = true']);
    expect(meiliFilter({ eligibleFor: { companyClass: 'B', prefCode: '40' } })).toEqual(['kind = "opening"', 'eligible1375 = true', 'prefCode != "40"']);
  });
  it('asks for facets, a page and highlighting; sorts by date for newest and for browsing', () => {
    const p = meiliSearchParams({ q: '観光', page: 2, perPage: 10 });
    expect(p).toMatchObject({ page: 2, hitsPerPage: 10, facets: ['category', 'types', 'prefecture'], attributesToCrop: ['body'], locales: ['jpn'] });
    expect(p.sort).toBeUndefined();
    expect(meiliSearchParams({ q: '観光', sort: 'newest' }).sort).toEqual(['publishedAt:desc']);
    expect(meiliSearchParams({ q: '' }).sort).toEqual(['publishedAt:desc']);
  });
});

describe('Meilisearch documents and responses', () => {
  it('builds a safe primary key and camelCase document', () => {
    expect(meiliKey('opening', '12')).toBe('opening_12');
    expect(meiliKey('opening', 'a/b')).toMatch(/^opening_a-2f-b$/);
    const d = toMeiliDocument({
      kind: 'opening', id: '1', title: 't', body: 'b', skills: [], category: 'c', types: ['dispatch'], prefecture: '島根県', pref_code: '32',
      municipality: '松江市', lg_code: '322016', remote_ok: true, term_months: 12, published_at: new Date('2026-04-01T00:00:00Z'),
      updated_at: new Date('2026-04-02T00:00:00Z'), eligible_1433: true, eligible_1375: false,
    });
    expect(d).toMatchObject({ key: 'opening_1', prefCode: '32', remoteOk: true, publishedAt: 1775001600, eligible1433: true });
  });
  it('escapes formatted text and turns the sentinels into <mark>', () => {
    const hit = { id: '1', kind: 'solution', title: '<i>x</i> DX', body: 'b', skills: [], category: 'c', types: [], prefecture: null, municipality: null, remoteOk: false, termMonths: null, publishedAt: null } as unknown as MeiliDocument;
    const formatted = { ...hit, title: '<i>x</i> \ue000DX\ue001', body: '…\ue000DX\ue001…' };
    const res = fromMeiliResponse({ hits: [{ ...hit, _formatted: formatted }], totalHits: 1, hitsPerPage: 20, page: 1, totalPages: 1, processingTimeMs: 1, query: 'DX', facetDistribution: { category: { c: 1 }, types: {}, prefecture: {} } } as never, { q: 'DX' });
    expect(res.hits[0].titleHtml).toBe('&lt;i&gt;x&lt;/i&gt; <mark>DX</mark>');
    expect(res.hits[0].url).toBe('/solutions/1');
    expect(res.total).toBe(1);
    expect(res.facets.category).toEqual([{ value: 'c', count: 1 }]);
    expect(res.engine).toBe('meilisearch');
  });
});
