export type ListingKind = 'need' | 'solution';
export type ListingType = 'dispatch' | 'side_job' | 'senior';
export type ListingStatus = 'draft' | 'published' | 'closed';

export const LISTING_TYPES: readonly ListingType[] = ['dispatch', 'side_job', 'senior'];

/** What the listings service hands the index; see /search in README for the field rules. */
export interface SearchDocument {
  /** the listing id as text; unique per kind */
  id: string;
  kind: ListingKind;
  title: string;
  body: string;
  skills: string[];
  category: string;
  types: ListingType[];
  prefecture: string | null;
  prefCode: string | null;
  /** needs: the receiving municipality */
  municipality: string | null;
  lgCode: string | null;
  remoteOk: boolean;
  termMonths: number | null;
  /** only 'published' documents are ever returned */
  status: ListingStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  /** looked up from the municipality master by lgCode when omitted */
  eligible1433?: boolean | null;
  eligible1375?: boolean | null;
}

export type EligibleFor = { companyClass: 'A' | 'B'; prefCode: string };

export interface SearchFilters {
  kind?: ListingKind;
  category?: string;
  /** a document matches when it shares at least one type */
  types?: ListingType[];
  prefecture?: string;
  municipality?: string;
  remoteOk?: boolean;
  termMonths?: { min?: number; max?: number };
  /** needs whose municipality may receive someone from a company of this class and prefecture */
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

export interface SearchHit {
  id: string;
  kind: ListingKind;
  /** /openings/:id or /solutions/:id */
  url: string;
  title: string;
  /** HTML-escaped title with <mark> around matches */
  titleHtml: string;
  /** HTML-escaped excerpt of the body with <mark> around matches */
  snippetHtml: string;
  category: string;
  types: ListingType[];
  skills: string[];
  prefecture: string | null;
  municipality: string | null;
  remoteOk: boolean;
  termMonths: number | null;
  publishedAt: string | null;
}

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
  /** true when no document had every word, so documents with some of them are shown */
  relaxed: boolean;
  /** the words and synonyms the query was expanded to, for "did you mean" help */
  expansions: string[];
}

/** One search engine: the embedded PostgreSQL one or Meilisearch. */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  search(query: SearchQuery): Promise<SearchResult>;
}

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export const hitUrl = (kind: ListingKind, id: string) => `${kind === 'need' ? '/openings' : '/solutions'}/${encodeURIComponent(id)}`;
