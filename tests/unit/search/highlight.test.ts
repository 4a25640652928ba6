import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, matchRanges, snippet } from '../../../search/highlight';
import { normalize } from '../../../search/text';

describe('highlight', () => {
  it('escapes HTML and marks matches', () => {
    expect(highlight('<b>観光</b> & DX', ['観光', 'dx'])).toBe('&lt;b&gt;<mark>観光</mark>&lt;/b&gt; &amp; <mark>DX</mark>');
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });

  it('matches on normalised forms but marks the original characters', () => {
    expect(highlight('ＤＸとデジタル化', ['dx', normalize('デジタル化')])).toBe('<mark>ＤＸ</mark>と<mark>デジタル化</mark>');
  });

  it('merges overlapping matches', () => {
    expect(matchRanges('地域公共交通', ['地域公共', '公共交通'])).toEqual([[0, 6]]);
  });

  it('cuts a snippet around the matches', () => {
    const text = 'あ'.repeat(300) + '空き家バンク' + 'い'.repeat(300);
    const s = snippet(text, ['空き家'], 60);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>空き家</mark>バンク');
    expect(snippet('短い本文', ['x'])).toBe('短い本文');
  });
});
