/**
 * The words every layer shares: listing kinds, the programme's three types, listing states,
 * organisation kinds, their Japanese labels, and the document a listing hands to search.
 * Pure and client-safe (no imports); routes, services, db/ types, search/ and scripts import
 * these instead of spelling the values again.
 */

/** 起業人募集 (posted by a municipality) and ソリューション (posted by a company or an individual). */
export const LISTING_KINDS = ['opening', 'solution'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];
export const LISTING_KIND_LABELS: Record<ListingKind, string> = { opening: '起業人募集', solution: 'ソリューション' };
export const LISTING_KIND_PATHS: Record<ListingKind, string> = { opening: '/openings', solution: '/solutions' };

/** The three forms of 地域活性化起業人: a listing's types, an application's and an agreement's kind. */
export const PROGRAM_TYPES = ['dispatch', 'side_job', 'senior'] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];
export const PROGRAM_TYPE_LABELS: Record<ProgramType, string> = {
  dispatch: '企業派遣型',
  side_job: '副業型',
  senior: 'シニア型',
};
export const isProgramType = (v: unknown): v is ProgramType => PROGRAM_TYPES.includes(v as ProgramType);

export const LISTING_STATUSES = ['draft', 'published', 'closed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const CLOSE_REASONS = ['filled', 'withdrawn', 'expired'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** The kind of an organisation, which is also its members' role. */
export const ORGANISATION_KINDS = ['municipality', 'company', 'individual', 'ministry', 'operator'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * What a listing hands to the search index (app/domain/listings/search-document.ts builds it; the
 * embedded engine stores it in search_documents, Meilisearch as its own document).
 */
export interface SearchDocument {
  /** the listing id as text; unique per kind */
  id: string;
  kind: ListingKind;
  title: string;
  body: string;
  skills: string[];
  /** the primary category's label */
  category: string;
  types: ProgramType[];
  prefecture: string | null;
  prefCode: string | null;
  /** openings: the receiving municipality */
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
