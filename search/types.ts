import { LISTING_KIND_PATHS, type ListingKind, type ProgramType, type SearchDocument } from '../app/domain/vocabulary';

export type { ListingKind, ProgramType, SearchDocument };

export type EligibleFor = { companyClass: 'A' | 'B'; prefCode: string };

export interface SearchFilters {
  kind?: ListingKind;
  category?: string;
  /** a document matches when it shares at least one type */
  types?: ProgramType[];
  prefecture?: string;
  municipality?: string;
  remoteOk?: boolean;
  termMonths?: { min?: number; max?: number };
  /** openings whose municipality may receive someone from a company of this class and prefecture */
  eligibleFor?: EligibleFor;
}

export type SearchSort = 'relevance' | 'newest';

export interface SearchQuery {
  q: string;
  filters?: SearchFilters;
  sort?: SearchSort;
  /** 1-based */
  page?: number;
  perPage?: number;
}

/** A result: the document's display fields, its page and the highlighted title and excerpt. */
export type SearchHit = Pick<SearchDocument, 'id' | 'kind' | 'title' | 'category' | 'types' | 'skills' | 'prefecture' | 'municipality' | 'remoteOk' | 'termMonths'> & {
  /** /openings/:id or /solutions/:id */
  url: string;
  /** HTML-escaped title with <mark> around matches */
  titleHtml: string;
  /** HTML-escaped excerpt of the body with <mark> around matches */
  snippetHtml: string;
  /** ISO time */
  publishedAt: string | null;
};

export type FacetCount = { value: string; count: number };

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /**
   * false when `total` and the facet counts are estimates: a search matching thousands of listings
   * counts a fixed sample of the index (the hits themselves are never sampled)
   */
  countsExact: boolean;
  facets: { category: FacetCount[]; type: FacetCount[]; prefecture: FacetCount[] };
  page: number;
  perPage: number;
  engine: 'postgres' | 'meilisearch';
  /** true when the configured engine failed and the embedded one answered */
  degraded: boolean;
  /** true when few documents have every word, so documents with some of them are shown, and one of the hits lacks a word */
  relaxed: boolean;
  /** the words and synonyms the query was expanded to, for "did you mean" help */
  expansions: string[];
  /**
   * 「もしかして」: the query with a word that found nothing replaced by a known term close to it
   * (ふるさと脳税 → ふるさと納税), when that finds listings. Meilisearch corrects typos itself: none.
   */
  suggestion?: string;
}

/** One search engine: the embedded PostgreSQL one or Meilisearch. */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  search(query: SearchQuery): Promise<SearchResult>;
}

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export const hitUrl = (kind: ListingKind, id: string) => `${LISTING_KIND_PATHS[kind]}/${encodeURIComponent(id)}`;
