import type { QueryDictionary } from './query';
import { normalize } from './text';

/** Edit distance of two short strings by code point, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[y.length];
}

/** How many characters a word may differ from a known term: none below 3, one up to 6, two above. */
const allowedEdits = (length: number) => (length < 3 ? 0 : length <= 6 ? 1 : 2);

/**
 * 「もしかして」: the query with each unknown word replaced by the known term (synonym groups, readings,
 * place names) closest to it, e.g. ふるさと脳税 → ふるさと納税; undefined when no word changes.
 */
export function suggestQuery(q: string, dict: QueryDictionary): string | undefined {
  const words = q.normalize('NFKC').trim().split(/[\s、。,]+/u).filter(Boolean);
  let changed = false;
  const out = words.map((word) => {
    const key = normalize(word);
    const max = allowedEdits([...key].length);
    if (!max || dict.display.has(key) || dict.synonyms.has(key) || dict.readings.has(key)) return word;
    let best: { term: string; d: number } | undefined;
    for (const [term, written] of dict.display) {
      const d = editDistance(key, term, max);
      // A match must keep most of the word: ふるさと脳税 → ふるさと納税, never 税 → 市.
      if (d <= max && d < [...term].length / 2 && (!best || d < best.d)) best = { term: written, d };
    }
    if (!best) return word;
    changed = true;
    return best.term;
  });
  return changed ? out.join(' ') : undefined;
}
