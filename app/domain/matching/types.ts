import type { Municipality } from '../eligibility/types';
import type { ProgramType } from '../vocabulary';

/**
 * A listing's text as the search engine analyses it (search/match-text.ts): each skill with the
 * forms it is also written as (synonyms, readings), the normalised text to find phrases in, and a
 * unit-length vector of its weighted tokens for the text similarity.
 */
export interface MatchText {
  /** skills as written, each with its normalised alternatives (the term, its synonyms) */
  skills: Array<{ label: string; forms: string[] }>;
  /** normalised title and skills, where a skill found counts fully */
  head: string;
  /** normalised title, skills, summary, duties and body */
  full: string;
  /** token → weight, unit length (empty when the listing has no text) */
  vector: Map<string, number>;
}

/** Who sends people for a solution: the company itself, or an individual and their (former) employer. */
export type SolutionParty =
  | { kind: 'company'; hq: Municipality | null }
  | { kind: 'individual'; track: 'side_job' | 'senior' | 'freelance' | null; employerHq: Municipality | null };

/** What the engine knows of a listing of either kind. */
export interface MatchListing {
  id: number | string;
  kind: 'opening' | 'solution';
  title: string;
  categories: string[];
  types: ProgramType[];
  termMinMonths: number;
  termMaxMonths: number;
  /** YYYY-MM-DD: an opening's start, a solution's earliest availability */
  startFrom: string | null;
  remoteOk: boolean;
  /** an opening's prefecture (from its municipality); a solution's head office prefecture */
  prefCode: string | null;
  /** solutions: the prefectures where they will work (empty with regionAnywhere) */
  regionPrefCodes: string[];
  regionAnywhere: boolean;
  publishedAt: Date | null;
  text: MatchText;
  /** openings: the receiving municipality */
  municipality?: Municipality | null;
  /** solutions: who would be sent */
  party?: SolutionParty;
}

export interface PairScore {
  score: number;
  /** the programme types that pass the eligibility rules for this pairing, in PROGRAM_TYPES order */
  types: ProgramType[];
  /** why, in Japanese, strongest first */
  reasons: string[];
}
