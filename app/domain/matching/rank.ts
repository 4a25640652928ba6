import { eligibleTypes } from './eligibility';
import { scorePair, type ScoreContext } from './score';
import type { MatchListing, PairScore } from './types';

/** Below this many listings every one is scored; above, only candidates sharing words or a category. */
export const EXHAUSTIVE_LIMIT = 1000;
/** Tokens in more than this share of the listings (地域, 活用) do not select candidates. */
export const COMMON_TOKEN_SHARE = 0.05;
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
  return rankScored(target, others, ctx, limit);
}

/**
 * Scores each listing of the other kind without reasons, keeps the best `limit`, and scores those
 * again with their reasons (the reasons cost more than the score, and only the kept ones are shown).
 */
function rankScored(target: MatchListing, others: Iterable<MatchListing>, ctx: ScoreContext, limit: number): Ranked[] {
  const out: Ranked[] = [];
  for (const other of others) {
    if (other.kind === target.kind) continue;
    const [o, s] = pairOf(target, other);
    const fit = scorePair(o, s, ctx, false);
    if (fit) out.push({ listing: other, fit });
  }
  return out
    .sort(compareRanked)
    .slice(0, limit)
    .map((r) => {
      const [o, s] = pairOf(target, r.listing);
      return { listing: r.listing, fit: scorePair(o, s, ctx)! };
    });
}

/** Above EXHAUSTIVE_LIMIT, this many eligible candidates (best by shared weighted tokens) are scored. */
export const PREFILTER = 400;
/** What a shared category adds to a candidate's shared-token weight in the prefilter (a cosine is 0 … 1). */
const CATEGORY_PREFILTER = 0.1;

/**
 * Listings of one kind, indexed by token and category so that a listing of the other kind finds its
 * candidates without scoring all of them. Scores are always exact; only which listings get scored is
 * narrowed, and only above EXHAUSTIVE_LIMIT: the eligible listings sharing the most weighted tokens
 * (the target's QUERY_TERMS heaviest) or its category, PREFILTER of them.
 */
export class MatchIndex {
  private readonly postings = new Map<string, { ids: number[]; weights: number[] }>();
  private readonly byCategory = new Map<string, number[]>();

  constructor(
    readonly listings: readonly MatchListing[],
    private readonly opts: { exhaustiveLimit?: number; prefilter?: number } = {},
  ) {
    listings.forEach((l, i) => {
      for (const [t, w] of l.text.vector) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { ids: [], weights: [] }));
        p.ids.push(i);
        p.weights.push(w);
      }
      for (const c of l.categories) push(this.byCategory, c, i);
    });
  }

  /** The indexes of the listings worth scoring for `target`. */
  candidates(target: MatchListing, ctx: ScoreContext): Iterable<number> {
    if (this.listings.length <= (this.opts.exhaustiveLimit ?? EXHAUSTIVE_LIMIT)) return this.listings.keys();
    const acc = new Map<number, number>();
    const terms = [...target.text.vector].sort((a, b) => b[1] - a[1]).slice(0, QUERY_TERMS);

    const common = Math.max(50, this.listings.length * COMMON_TOKEN_SHARE);
    for (const [t, wt] of terms) {
      const p = this.postings.get(t);
      if (!p || p.ids.length > common) continue;
      for (let k = 0; k < p.ids.length; k++) acc.set(p.ids[k], (acc.get(p.ids[k]) ?? 0) + wt * p.weights[k]);
    }
    for (const c of target.categories) for (const i of this.byCategory.get(c) ?? []) acc.set(i, (acc.get(i) ?? 0) + CATEGORY_PREFILTER);
    const ordered = [...acc].sort((a, b) => b[1] - a[1]);
    const out: number[] = [];
    const limit = this.opts.prefilter ?? PREFILTER;
    for (const [i] of ordered) {
      const [o, s] = pairOf(target, this.listings[i]);
      if (eligibleTypes(o, s, ctx.fiscalYear, ctx.cache).length === 0) continue;
      out.push(i);
      if (out.length >= limit) break;
    }
    return out;
  }

  rank(target: MatchListing, ctx: ScoreContext, limit: number): Ranked[] {
    const others = [...this.candidates(target, ctx)].map((i) => this.listings[i]).filter((l) => l.id !== target.id);
    return rankScored(target, others, ctx, limit);
  }
}

function push(map: Map<string, number[]>, key: string, i: number) {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}
