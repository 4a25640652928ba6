import { scorePair, type ScoreContext } from './score';
import type { MatchListing, PairScore } from './types';

/** Below this many listings every one is scored; above, only candidates sharing words or a category. */
export const EXHAUSTIVE_LIMIT = 2000;
/** The heaviest tokens of the target that select candidates. */
export const QUERY_TERMS = 48;

export interface Ranked {
  listing: MatchListing;
  fit: PairScore;
}

const pairOf = (target: MatchListing, other: MatchListing) => (target.kind === 'opening' ? [target, other] : [other, target]) as [MatchListing, MatchListing];

/** Orders by score, then the newer listing, then the id, so equal scores always come out the same. */
export function compareRanked(a: Ranked, b: Ranked): number {
  if (b.fit.score !== a.fit.score) return b.fit.score - a.fit.score;
  const ta = a.listing.publishedAt?.getTime() ?? 0;
  const tb = b.listing.publishedAt?.getTime() ?? 0;
  if (tb !== ta) return tb - ta;
  return String(a.listing.id).localeCompare(String(b.listing.id), 'en', { numeric: true });
}

/** Scores `target` against every listing given and returns the eligible ones, best first. */
export function rankAll(target: MatchListing, others: readonly MatchListing[], ctx: ScoreContext, limit = Infinity): Ranked[] {
  const out: Ranked[] = [];
  for (const other of others) {
    if (other.kind === target.kind) continue;
    const [o, s] = pairOf(target, other);
    const fit = scorePair(o, s, ctx);
    if (fit) out.push({ listing: other, fit });
  }
  return out.sort(compareRanked).slice(0, limit);
}

/**
 * Listings of one kind, indexed by token and category so a listing of the other kind finds its
 * candidates without scoring all of them. Scores are exact; only which listings get scored is
 * narrowed, and only above EXHAUSTIVE_LIMIT.
 */
export class MatchIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly byCategory = new Map<string, number[]>();

  constructor(readonly listings: readonly MatchListing[]) {
    listings.forEach((l, i) => {
      for (const t of l.text.vector.keys()) push(this.postings, t, i);
      for (const c of l.categories) push(this.byCategory, c, i);
    });
  }

  /** The indexes of listings worth scoring for `target`. */
  candidates(target: MatchListing): Iterable<number> {
    if (this.listings.length <= EXHAUSTIVE_LIMIT) return this.listings.keys();
    const seen = new Set<number>();
    const terms = [...target.text.vector].sort((a, b) => b[1] - a[1]).slice(0, QUERY_TERMS);
    for (const [t] of terms) for (const i of this.postings.get(t) ?? []) seen.add(i);
    for (const c of target.categories) for (const i of this.byCategory.get(c) ?? []) seen.add(i);
    return seen;
  }

  rank(target: MatchListing, ctx: ScoreContext, limit: number): Ranked[] {
    const out: Ranked[] = [];
    for (const i of this.candidates(target)) {
      const other = this.listings[i];
      if (other.kind === target.kind || other.id === target.id) continue;
      const [o, s] = pairOf(target, other);
      const fit = scorePair(o, s, ctx);
      if (fit) out.push({ listing: other, fit });
    }
    return out.sort(compareRanked).slice(0, limit);
  }
}

function push(map: Map<string, number[]>, key: string, i: number) {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}
