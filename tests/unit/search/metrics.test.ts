import { describe, expect, it } from 'vitest';
import { ndcgAt, recallAt } from '../../../search/metrics';

describe('evaluation metrics', () => {
  it('matches the worked example of the fixtures README', () => {
    const relevant = { a: 2, b: 1, c: 1 };
    expect(ndcgAt(['x', 'a', 'c'], relevant)).toBeCloseTo(0.579, 3);
    expect(recallAt(['x', 'a', 'c'], relevant)).toBeCloseTo(2 / 3, 6);
  });

  it('counts an id once and caps recall at min(10, |R|)', () => {
    const relevant = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`d${i}`, 1]));
    const ids = Array.from({ length: 10 }, (_, i) => `d${i}`);
    expect(recallAt(ids, relevant)).toBe(0.5);
    expect(recallAt(ids, relevant, 10, true)).toBe(1);
    expect(ndcgAt(['d0', 'd0'], { d0: 2 })).toBe(1);
    expect(ndcgAt([], { d0: 2 })).toBe(0);
  });
});
