/** NDCG@k with graded gains 2^rel − 1 and a log2 discount; ids after the first occurrence are ignored. */
export function ndcgAt(ids: string[], relevant: Record<string, number>, k = 10): number {
  const ranked = [...new Set(ids)].slice(0, k);
  const dcg = ranked.reduce((s, id, i) => s + (2 ** (relevant[id] ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = Object.values(relevant)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Recall@k; `capped` divides by min(k, |relevant|) so a perfect ranking scores 1. */
export function recallAt(ids: string[], relevant: Record<string, number>, k = 10, capped = false): number {
  const rel = Object.keys(relevant).filter((id) => relevant[id] > 0);
  if (!rel.length) return 0;
  const found = [...new Set(ids)].slice(0, k).filter((id) => (relevant[id] ?? 0) > 0).length;
  return found / (capped ? Math.min(k, rel.length) : rel.length);
}
