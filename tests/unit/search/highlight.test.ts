import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, matchRanges, plainText, snippet } from '../../../search/highlight';
import { normalize } from '../../../search/text';

describe('highlight', () => {
  it('escapes HTML and marks matches', () => {
    expect(highlight('<b>観光</b> & DX', ['観光', 'dx'])).toBe('&lt;b&gt;<mark>観光</mark>&lt;/b&gt; &amp; <mark>DX</mark>');
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });

  it('matches on normalised forms but marks the original characters', () => {
    expect(highlight('ＤＸとデジタル化', ['dx', normalize('デジタル化')])).toBe('<mark>ＤＸ</mark>と<mark>デジタル化</mark>');
  });

  it('maps positions back when the text has characters outside the one-to-one set (㍿, half-width kana, ①)', () => {
    expect(highlight('㍿みらいのＤＸ支援', ['dx'])).toBe('㍿みらいの<mark>ＤＸ</mark>支援');
    expect(highlight('ｼｽﾃﾑ導入とシステム', [normalize('システム')])).toBe('<mark>ｼｽﾃﾑ</mark>導入と<mark>システム</mark>');
    expect(highlight('①地域ＤＸ', ['地域dx'])).toBe('①<mark>地域ＤＸ</mark>');
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

describe('snippets of Markdown bodies', () => {
  const body = [
    '## 募集の背景',
    '',
    '**地域新電力**の設立を検討していますが、[電力事業](https://example.jp/a)の知見を持つ人材がいません。',
    '',
    '- 太陽光発電の導入',
    '- 小水力の調査',
    '1. 事業計画の作成',
    '> 住民説明会も担っていただきます。',
    '`RPA` と __データ活用__ も歓迎。',
  ].join('\n');

  it('shows the text without its syntax', () => {
    expect(plainText(body)).toBe(['募集の背景', '', '地域新電力の設立を検討していますが、電力事業の知見を持つ人材がいません。', '', '太陽光発電の導入', '小水力の調査', '事業計画の作成', '住民説明会も担っていただきます。', 'RPA と データ活用 も歓迎。'].join('\n'));
    const s = snippet(body, [normalize('地域新電力')], 300);
    expect(s).toContain('<mark>地域新電力</mark>の設立');
    for (const raw of ['**', '__', '- ', '## ', '](', '`', '> ']) expect(s).not.toContain(raw);
  });

  it('keeps ordinary asterisks and numbers that are not Markdown', () => {
    expect(plainText('面積は約8割、※1 5*3=15')).toBe('面積は約8割、※1 5*3=15');
  });

  it('marks the matches of a long body inside the excerpt only, around the densest cluster', () => {
    const long = `${'あ'.repeat(20_000)}ＤＸ推進${'い'.repeat(500)}ＤＸとＤＸ人材${'う'.repeat(20_000)}`;
    const s = snippet(long, ['dx'], 60);
    expect(s.match(/<mark>ＤＸ<\/mark>/g)).toHaveLength(2);
    expect(s).toContain('<mark>ＤＸ</mark>と<mark>ＤＸ</mark>人材');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(s.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(62);
  });

  it('never cuts a character in two at the edges of the excerpt', () => {
    const s = snippet(`${'𠮷'.repeat(200)}観光${'𠮷'.repeat(200)}`, ['観光'], 61);
    expect(s).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(s).toContain('<mark>観光</mark>');
  });
});
