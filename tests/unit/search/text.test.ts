import { describe, expect, it } from 'vitest';
import { bagQuery, monthLexeme, monthsSinceQuery, normalize, phraseQuery, tokenize, toTsvector } from '../../../search/text';

describe('normalize', () => {
  it('folds width, case and katakana', () => {
    expect(normalize('ＤＸ推進・ＳＮＳ　１年間')).toBe('dx推進・sns 1年間');
    expect(normalize('デジタル')).toBe(normalize('でじたる'));
    expect(normalize('ｶﾞｲﾄﾞ')).toBe('がいど');
  });
});

describe('tokenize', () => {
  it('makes bigrams of CJK runs, words of Latin runs, and keeps adjacent runs one position apart', () => {
    const { tokens } = tokenize(normalize('生成AIの活用'), 1, { unigrams: false });
    expect(tokens).toEqual([
      { lexeme: '生成', pos: 1 },
      { lexeme: 'ai', pos: 2 },
      { lexeme: 'の活', pos: 3 },
      { lexeme: '活用', pos: 4 },
    ]);
  });

  it('adds kanji unigrams so one-character words are found', () => {
    const lexemes = tokenize('緑茶').tokens.map((t) => t.lexeme);
    expect(lexemes).toEqual(expect.arrayContaining(['緑茶', '緑', '茶']));
  });

  it('leaves a gap at punctuation so phrases do not match across it', () => {
    const joined = tokenize(normalize('生成AI'), 1, { unigrams: false }).tokens;
    const apart = tokenize(normalize('生成・AI'), 1, { unigrams: false }).tokens;
    expect(joined[1].pos - joined[0].pos).toBe(1);
    expect(apart[1].pos - apart[0].pos).toBe(2);
  });
});

describe('tsvector and tsquery literals', () => {
  it('weights fields and quotes lexemes', () => {
    const v = toTsvector([
      { text: '空き家', weight: 'A' },
      { text: "it's", weight: 'D' },
    ]);
    expect(v).toContain("'空き':1A");
    expect(v).toContain("'it':");
    expect(v).toContain("'s':");
    expect(toTsvector([{ text: "o'neil", weight: 'B' }])).toContain("'o':1B");
  });

  it('chains phrase tokens with their distances, and bags them without', () => {
    expect(phraseQuery(normalize('地域交通'))).toBe("('地域' <1> '域交' <1> '交通')");
    expect(phraseQuery(normalize('生成AI'))).toBe("('生成' <1> 'ai')");
    expect(phraseQuery('茶')).toBe("'茶'");
    expect(bagQuery(normalize('地域交通'))).toBe("('地域' & '域交' & '交通')");
    expect(phraseQuery('・')).toBeUndefined();
  });
});

describe('month lexemes', () => {
  it('names the UTC month and lists the months from a date to the month after now', () => {
    expect(monthLexeme(new Date('2026-02-28T23:30:00Z'))).toBe('@2026-02');
    expect(monthsSinceQuery(new Date('2025-11-15T00:00:00Z'), new Date('2026-01-10T00:00:00Z'))).toBe("('@2025-11' | '@2025-12' | '@2026-01' | '@2026-02')");
    // too long a span says nothing
    expect(monthsSinceQuery(new Date('2020-01-01T00:00:00Z'), new Date('2026-01-10T00:00:00Z'))).toBeUndefined();
  });

  it('cannot be produced by text: the tokeniser drops the @', () => {
    expect(toTsvector([{ text: '@2026-02 の募集', weight: 'A' }])).not.toContain('@');
  });
});
