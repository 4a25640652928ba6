import { describe, expect, it } from 'vitest';
import { buildDictionary } from '../../../search/dictionary';
import { editDistance, suggestQuery } from '../../../search/suggest';

const dict = buildDictionary({
  synonymGroups: [['ふるさと納税', '故郷納税'], ['空き家', '空家'], ['DX', 'デジタル化']],
  municipalities: [{ name: '海士町', name_kana: 'あまちょう' }],
});

describe('もしかして', () => {
  it('measures edits by character', () => {
    expect(editDistance('ふるさと脳税', 'ふるさと納税', 2)).toBe(1);
    expect(editDistance('abc', 'abc', 1)).toBe(0);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('suggests the known term one character away', () => {
    expect(suggestQuery('ふるさと脳税', dict)).toBe('ふるさと納税');
    expect(suggestQuery('ふるさと脳税 返礼品', dict)).toBe('ふるさと納税 返礼品');
    expect(suggestQuery('デジタル可', dict)).toBe('デジタル化');
  });

  it('leaves known words, short words and distant words alone', () => {
    expect(suggestQuery('ふるさと納税', dict)).toBeUndefined();
    expect(suggestQuery('ＤＸ', dict)).toBeUndefined();
    expect(suggestQuery('空き', dict)).toBeUndefined();
    expect(suggestQuery('観光振興', dict)).toBeUndefined();
  });
});
