import { categoryLabel } from '../listings/categories';
import { prefectureName } from '../listings/prefectures';
import { PROGRAM_TYPE_LABELS } from '../vocabulary';
import { eligibleTypes, type EligibilityCache } from './eligibility';
import type { MatchListing, MatchText, PairScore } from './types';

/**
 * Weights of the fit score (0 … 1). Skills and text carry most of it: they say whether the
 * solution can do the work; the rest says whether the pairing can happen as posted.
 */
export const WEIGHTS = {
  skills: 0.4,
  text: 0.35,
  category: 0.09,
  types: 0.03,
  term: 0.04,
  start: 0.03,
  remote: 0.02,
  region: 0.03,
  freshness: 0.01,
} as const;

/** A skill found only in the body counts this much of one found in the title or skills. */
export const BODY_SKILL_SHARE = 0.5;
/** The part of the skills weight earned by the solution's own skills found in the opening's text. */
export const OFFERED_SKILL_SHARE = 0.25;
/** Freshness halves every this many days since publication. */
export const FRESHNESS_HALF_LIFE_DAYS = 60;
/** Terms this many months apart get no term weight. */
export const TERM_GAP_MONTHS = 12;
/** At most this many skills are named in a reason. */
const MAX_NAMED_SKILLS = 3;

const DAY_MS = 86_400_000;

/** Every token of a form is in the set: how the search index matches a term (a bag of its tokens). */
const containsAll = (set: ReadonlySet<string>, tokens: readonly string[]) => {
  if (tokens.length === 0) return false;
  for (const t of tokens) if (!set.has(t)) return false;
  return true;
};

/** Opening skills found in the solution: in its title/skills (full) or only in its text (part). */
export function skillMatches(opening: MatchText, solution: MatchText): { head: string[]; body: string[]; share: number } {
  const head: string[] = [];
  const body: string[] = [];
  for (const s of opening.skills) {
    if (s.tokens.some((t) => containsAll(solution.head, t))) head.push(s.label);
    else if (s.tokens.some((t) => containsAll(solution.full, t))) body.push(s.label);
  }
  const n = opening.skills.length;
  const wanted = n ? (head.length + BODY_SKILL_SHARE * body.length) / n : 0;
  // The other way round too: a solution whose own skills are what the opening's text is about.
  let offered = 0;
  for (const s of solution.skills) if (s.tokens.some((t) => containsAll(opening.full, t))) offered++;
  const share = (1 - OFFERED_SKILL_SHARE) * wanted + OFFERED_SKILL_SHARE * (solution.skills.length ? offered / solution.skills.length : 0);
  return { head, body, share };
}

/** Cosine of two unit vectors. */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const v = large.get(t);
    if (v !== undefined) dot += w * v;
  }
  return dot;
}

function overlap(aMin: number, aMax: number, bMin: number, bMax: number): [number, number] | null {
  const lo = Math.max(aMin, bMin);
  const hi = Math.min(aMax, bMax);
  return lo <= hi ? [lo, hi] : null;
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

const quoted = (xs: string[]) => xs.slice(0, MAX_NAMED_SKILLS).map((x) => `『${x}』`).join('') + (xs.length > MAX_NAMED_SKILLS ? `ほか${xs.length - MAX_NAMED_SKILLS}件` : '');

export interface ScoreContext {
  fiscalYear: number;
  now: Date;
  cache?: EligibilityCache;
}

/**
 * The fit of one opening with one solution, or null when no programme type is eligible for the
 * pairing (such a pairing is never proposed). The score is symmetric: the same pairing ranks the
 * same on both listings' pages.
 */
export function scorePair(opening: MatchListing, solution: MatchListing, ctx: ScoreContext, withReasons = true): PairScore | null {
  const types = eligibleTypes(opening, solution, ctx.fiscalYear, ctx.cache);
  if (types.length === 0) return null;
  const { score, reasons } = fit(opening, solution, types.length, ctx.now, withReasons);
  return { score, types, reasons: withReasons ? withTypes(reasons, types) : [] };
}

/** The fit part of scorePair, for a pairing already known to be eligible under `typeCount` types. */
export function fit(opening: MatchListing, solution: MatchListing, typeCount: number, now: Date, withReasons = true): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  // Ranking many candidates needs only the score; the texts are written for the ones kept.
  const say = withReasons ? (r: () => string) => reasons.push(r()) : () => undefined;
  let score = 0;

  const skills = skillMatches(opening.text, solution.text);
  score += WEIGHTS.skills * skills.share;
  if (skills.head.length) say(() => `求めるスキル${quoted(skills.head)}が一致`);
  if (skills.body.length) say(() => `${quoted(skills.body)}の経験・実績の記載あり`);

  score += WEIGHTS.text * cosine(opening.text.vector, solution.text.vector);

  const shared = opening.categories.find((c) => solution.categories.includes(c));
  if (shared) {
    score += WEIGHTS.category;
    say(() => `活動分野「${categoryLabel(shared)}」が共通`);
  }

  const offered = opening.types.length || 1;
  score += WEIGHTS.types * Math.min(1, typeCount / offered);

  const term = overlap(opening.termMinMonths, opening.termMaxMonths, solution.termMinMonths, solution.termMaxMonths);
  if (!term) {
    // A term a few months apart can still be agreed on: full weight on overlap, nothing a year apart.
    const gap = Math.max(opening.termMinMonths - solution.termMaxMonths, solution.termMinMonths - opening.termMaxMonths);
    score += WEIGHTS.term * Math.max(0, 1 - gap / TERM_GAP_MONTHS);
  } else {
    score += WEIGHTS.term;
    say(() => (term[0] === term[1] ? `期間が合う（${term[0]}か月）` : `期間が重なる（${term[0]}〜${term[1]}か月）`));
  }

  if (opening.startFrom && solution.startFrom) {
    const lead = monthsBetween(solution.startFrom, opening.startFrom);
    if (lead >= 0) {
      score += WEIGHTS.start;
      say(() => '開始時期に対応できる');
    } else if (lead >= -3) score += WEIGHTS.start / 2;
  } else score += WEIGHTS.start / 2;

  if (opening.remoteOk && solution.remoteOk) {
    score += WEIGHTS.remote;
    say(() => 'リモートワーク可');
  } else if (!opening.remoteOk && !solution.remoteOk) score += WEIGHTS.remote / 2;

  if (solution.regionAnywhere) {
    score += WEIGHTS.region * 0.6;
  } else if (opening.prefCode && solution.regionPrefCodes.includes(opening.prefCode)) {
    score += WEIGHTS.region;
    const pref = opening.prefCode;
    say(() => `活動希望地域（${prefectureName(pref)}）`);
  }

  score += WEIGHTS.freshness * freshness(opening.publishedAt, solution.publishedAt, now);
  return { score: Math.round(score * 1e6) / 1e6, reasons };
}

/** 1 for a pairing of two listings published today, halving every FRESHNESS_HALF_LIFE_DAYS for the older one. */
export function freshness(a: Date | null, b: Date | null, now: Date): number {
  if (!a && !b) return 0;
  const older = Math.min(a?.getTime() ?? Infinity, b?.getTime() ?? Infinity);
  const days = Math.max(0, (now.getTime() - older) / DAY_MS);
  return 0.5 ** (days / FRESHNESS_HALF_LIFE_DAYS);
}

/** 「企業派遣型・副業型で対象」 */
export function typesReason(types: readonly (keyof typeof PROGRAM_TYPE_LABELS)[]): string {
  return `${types.map((t) => PROGRAM_TYPE_LABELS[t]).join('・')}で対象`;
}

/** Eligibility is named second, after the strongest fit reason (matching skills) when there is one. */
function withTypes(reasons: string[], types: PairScore['types']): string[] {
  const skill = reasons.filter((r) => r.startsWith('求めるスキル'));
  const rest = reasons.filter((r) => !r.startsWith('求めるスキル'));
  return [...skill, typesReason(types), ...rest];
}
