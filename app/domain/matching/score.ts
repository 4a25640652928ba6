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
  skills: 0.34,
  text: 0.3,
  category: 0.1,
  types: 0.04,
  term: 0.08,
  start: 0.04,
  remote: 0.03,
  region: 0.05,
  freshness: 0.02,
} as const;

/** A skill found only in the body counts this much of one found in the title or skills. */
export const BODY_SKILL_SHARE = 0.5;
/** Freshness halves every this many days since publication. */
export const FRESHNESS_HALF_LIFE_DAYS = 60;
/** At most this many skills are named in a reason. */
const MAX_NAMED_SKILLS = 3;

const DAY_MS = 86_400_000;

/** Opening skills found in the solution: in its title/skills (full) or only in its text (part). */
export function skillMatches(opening: MatchText, solution: MatchText): { head: string[]; body: string[]; share: number } {
  const head: string[] = [];
  const body: string[] = [];
  for (const s of opening.skills) {
    if (s.forms.some((f) => f && solution.head.includes(f))) head.push(s.label);
    else if (s.forms.some((f) => f && solution.full.includes(f))) body.push(s.label);
  }
  const n = opening.skills.length;
  const share = n ? (head.length + BODY_SKILL_SHARE * body.length) / n : 0;
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
export function scorePair(opening: MatchListing, solution: MatchListing, ctx: ScoreContext): PairScore | null {
  const types = eligibleTypes(opening, solution, ctx.fiscalYear, ctx.cache);
  if (types.length === 0) return null;
  const { score, reasons } = fit(opening, solution, types.length, ctx.now);
  return { score, types, reasons: withTypes(reasons, types) };
}

/** The fit part of scorePair, for a pairing already known to be eligible under `typeCount` types. */
export function fit(opening: MatchListing, solution: MatchListing, typeCount: number, now: Date): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;

  const skills = skillMatches(opening.text, solution.text);
  score += WEIGHTS.skills * skills.share;
  if (skills.head.length) reasons.push(`求めるスキル${quoted(skills.head)}が一致`);
  if (skills.body.length) reasons.push(`${quoted(skills.body)}の経験・実績の記載あり`);

  score += WEIGHTS.text * cosine(opening.text.vector, solution.text.vector);

  const sharedCategories = opening.categories.filter((c) => solution.categories.includes(c));
  if (sharedCategories.length) {
    score += WEIGHTS.category;
    reasons.push(`活動分野「${categoryLabel(sharedCategories[0])}」が共通`);
  }

  const offered = opening.types.length || 1;
  score += WEIGHTS.types * Math.min(1, typeCount / offered);

  const term = overlap(opening.termMinMonths, opening.termMaxMonths, solution.termMinMonths, solution.termMaxMonths);
  if (term) {
    score += WEIGHTS.term;
    reasons.push(term[0] === term[1] ? `期間が合う（${term[0]}か月）` : `期間が重なる（${term[0]}〜${term[1]}か月）`);
  }

  if (opening.startFrom && solution.startFrom) {
    const lead = monthsBetween(solution.startFrom, opening.startFrom);
    if (lead >= 0) {
      score += WEIGHTS.start;
      reasons.push('開始時期に対応できる');
    } else if (lead >= -3) score += WEIGHTS.start / 2;
  } else score += WEIGHTS.start / 2;

  if (opening.remoteOk && solution.remoteOk) {
    score += WEIGHTS.remote;
    reasons.push('リモートワーク可');
  } else if (!opening.remoteOk && !solution.remoteOk) score += WEIGHTS.remote / 2;

  if (solution.regionAnywhere) {
    score += WEIGHTS.region * 0.6;
  } else if (opening.prefCode && solution.regionPrefCodes.includes(opening.prefCode)) {
    score += WEIGHTS.region;
    reasons.push(`活動希望地域（${prefectureName(opening.prefCode)}）`);
  }

  score += WEIGHTS.freshness * freshness(opening.publishedAt, solution.publishedAt, now);
  return { score: Math.round(score * 1e6) / 1e6, reasons };
}

/** 1 for a pairing of two listings published today, halving every FRESHNESS_HALF_LIFE_DAYS for the older one. */
export function freshness(a: Date | null, b: Date | null, now: Date): number {
  const times = [a, b].filter((d): d is Date => d !== null).map((d) => d.getTime());
  if (!times.length) return 0;
  const days = Math.max(0, (now.getTime() - Math.min(...times)) / DAY_MS);
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
