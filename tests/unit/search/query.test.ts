import { describe, expect, it } from 'vitest';
import { buildDictionary } from '../../../search/dictionary';
import { conceptQueries, parseQuery, readingsOf, synonymsOf } from '../../../search/query';
import { normalize } from '../../../search/text';

const dict = buildDictionary({
  synonymGroups: [
    ['DX', 'デジタル化'],
    ['空き家', '空家'],
    ['ふるさと納税', '故郷納税'],
  ],
  municipalities: [{ name: '松江市', name_kana: 'まつえし' }],
});

describe('parseQuery', () => {
  it('splits sentences at particles and drops verb stems', () => {
    expect(parseQuery('農産物の販路を広げたい', dict).map((c) => c.text)).toEqual(['農産物', '販路']);
  });

  it('keeps a compound as one concept with its words as parts', () => {
    const [c] = parseQuery('地域公共交通', dict);
    expect(c.text).toBe('地域公共交通');
    expect(c.parts).toEqual(['地域', '公共', '交通']);
  });

  it('expands synonyms, also inside compounds, and folds notation', () => {
    expect(parseQuery('ＤＸ', dict)[0].strong).toEqual(['dx', normalize('デジタル化')]);
    expect(parseQuery('空き家対策', dict)[0].strong).toContain('空家対策');
    // A Latin synonym only applies to a whole word: "dxf" is not "dx".
    expect(synonymsOf('dxf', dict)).toEqual([]);
  });

  it('reads kana: prefectures, municipalities, and vocabulary inside a kana string', () => {
    expect(parseQuery('しまね', dict)[0].strong).toContain('島根');
    expect(parseQuery('まつえ', dict)[0].strong).toContain('松江');
    expect(readingsOf('ふるさとのうぜい', dict)).toContain('故郷納税');
    expect(parseQuery('ふるさとのうぜい', dict)[0].strong).toContain('ふるさと納税');
  });

  it('strips an honorific prefix', () => {
    expect(parseQuery('お茶', dict)[0].strong).toContain('茶');
  });

  it('gives no concept for an empty or punctuation-only query', () => {
    expect(parseQuery('', dict)).toEqual([]);
    expect(parseQuery(' 、。 ', dict)).toEqual([]);
  });
});

describe('conceptQueries', () => {
  it('matches with token bags and ranks with phrases', () => {
    const q = conceptQueries(parseQuery('公共交通', dict)[0]);
    expect(q.match).toContain("'公共' & '共交' & '交通'");
    expect(q.strong).toContain('<1>');
    expect(q.anyPart).toBeDefined();
  });
});
