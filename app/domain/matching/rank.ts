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

type ListingId = MatchListing['id'];

const compareIds = (a: ListingId, b: ListingId) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true }));

/**
 * Listings of one kind, indexed by token and category so that a listing of the other kind finds its
 * candidates without scoring all of them. Scores are always exact; only which listings get scored is
 * narrowed, and only above EXHAUSTIVE_LIMIT: the eligible listings sharing the most weighted tokens
 * (the target's QUERY_TERMS heaviest) or its category, PREFILTER of them (equal weights: lower id
 * first, so an index kept up to date with upsert/remove ranks as one built afresh).
 */
export class MatchIndex {
  private readonly byId = new Map<ListingId, MatchListing>();
  private readonly postings = new Map<string, Map<ListingId, number>>();
  private readonly byCategory = new Map<string, Set<ListingId>>();

  constructor(
    listings: readonly MatchListing[],
    private readonly opts: { exhaustiveLimit?: number; prefilter?: number } = {},
  ) {
    for (const l of listings) this.upsert(l);
  }

  get size() {
    return this.byId.size;
  }

  /** Adds a listing, or replaces the one with its id (a changed text, category or party). */
  upsert(l: MatchListing) {
    this.remove(l.id);
    this.byId.set(l.id, l);
    for (const [t, w] of l.text.vector) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Map()));
      p.set(l.id, w);
    }
    for (const c of l.categories) {
      let set = this.byCategory.get(c);
      if (!set) this.byCategory.set(c, (set = new Set()));
      set.add(l.id);
    }
  }

  remove(id: ListingId) {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    for (const t of old.text.vector.keys()) {
      const p = this.postings.get(t);
      p?.delete(id);
      if (p?.size === 0) this.postings.delete(t);
    }
    for (const c of old.categories) this.byCategory.get(c)?.delete(id);
  }

  /** The listings worth scoring for `target`. */
  candidates(target: MatchListing, ctx: ScoreContext): Iterable<MatchListing> {
    if (this.byId.size <= (this.opts.exhaustiveLimit ?? EXHAUSTIVE_LIMIT)) return this.byId.values();
    const acc = new Map<ListingId, number>();
    const terms = [...target.text.vector].sort((a, b) => b[1] - a[1]).slice(0, QUERY_TERMS);

    const common = Math.max(50, this.byId.size * COMMON_TOKEN_SHARE);
    for (const [t, wt] of terms) {
      const p = this.postings.get(t);
      if (!p || p.size > common) continue;
      for (const [id, w] of p) acc.set(id, (acc.get(id) ?? 0) + wt * w);
    }
    for (const c of target.categories) for (const id of this.byCategory.get(c) ?? []) acc.set(id, (acc.get(id) ?? 0) + CATEGORY_PREFILTER);
    const ordered = [...acc].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]));
    const out: MatchListing[] = [];
    const limit = this.opts.prefilter ?? PREFILTER;
    for (const [id] of ordered) {
      const other = this.byId.get(id)!;
      const [o, s] = pairOf(target, other);
      if (eligibleTypes(o, s, ctx.fiscalYear, ctx.cache).length === 0) continue;
      out.push(other);
      if (out.length >= limit) break;
    }
    return out;
  }

  rank(target: MatchListing, ctx: ScoreContext, limit: number): Ranked[] {
    return rankScored(target, [...this.candidates(target, ctx)].filter((other) => other.id !== target.id), ctx, limit);
  }
}
