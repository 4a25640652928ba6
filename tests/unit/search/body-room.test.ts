import { describe, expect, it } from 'vitest';
import { bodyRoom } from '../../../db/queries/search';

describe('what the body can add to a rank', () => {
  it('is 0.1 for a query ranked word by word: one word, or an OR at the top', () => {
    expect(bodyRoom("'観光'")).toEqual({ perWord: true, room: 0.1 });
    expect(bodyRoom("('しま' <1> 'まね') | '島根'")).toEqual({ perWord: true, room: 0.1 });
    expect(bodyRoom("(('ふる' <1> 'るさ') & '納税') | 'a'")).toEqual({ perWord: true, room: 0.1 });
    expect(bodyRoom("('地域' | '公共')")).toEqual({ perWord: true, room: 0.1 });
  });

  it('is the whole rank for a phrase or an AND at the top', () => {
    expect(bodyRoom("('あぷ' <1> 'ぷり')")).toEqual({ perWord: false, room: 1 });
    expect(bodyRoom("(('ふる' <1> 'るさ' <1> 'さと') & '納税')")).toEqual({ perWord: false, room: 1 });
    expect(bodyRoom("('a' | 'b') & 'c'")).toEqual({ perWord: false, room: 1 });
  });

  it('reads operators inside quoted lexemes as text', () => {
    expect(bodyRoom("'a|b' & 'c'")).toEqual({ perWord: false, room: 1 });
    expect(bodyRoom("'it''s & (x' | 'y'")).toEqual({ perWord: true, room: 0.1 });
    expect(bodyRoom("'(a' & 'b)'")).toEqual({ perWord: false, room: 1 });
  });
});
