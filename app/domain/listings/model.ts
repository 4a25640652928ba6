import type { CategoryId } from './categories';

export const LISTING_KINDS = ['opening', 'solution'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export const KIND_LABELS: Record<ListingKind, string> = { opening: '起業人募集', solution: 'ソリューション' };
export const KIND_PATHS: Record<ListingKind, string> = { opening: '/openings', solution: '/solutions' };

/** The three forms of the programme; ids match the eligibility engine's `type`. */
export const LISTING_TYPES = [
  { id: 'dispatch', label: '企業派遣型' },
  { id: 'side_job', label: '副業型' },
  { id: 'senior', label: 'シニア型' },
] as const;
export type ListingType = (typeof LISTING_TYPES)[number]['id'];
export const LISTING_TYPE_IDS = LISTING_TYPES.map((t) => t.id) as [ListingType, ...ListingType[]];

export function typeLabel(id: string): string {
  return LISTING_TYPES.find((t) => t.id === id)?.label ?? id;
}

export const LISTING_STATUSES = ['draft', 'published', 'closed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const CLOSE_REASONS = ['filled', 'withdrawn', 'expired'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
/** What a page shows: a published listing past its deadline reads as expired before the sweep closes it. */
export type EffectiveStatus = ListingStatus | 'expired';

export const STATUS_LABELS: Record<EffectiveStatus, string> = {
  draft: '下書き',
  published: '募集中',
  closed: '終了',
  expired: '締切済み',
};
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  filled: '決定済み',
  withdrawn: '取り下げ',
  expired: '締切',
};

export type OrgKind = 'municipality' | 'company' | 'individual' | 'ministry' | 'operator';
export type Id = string | number;

/** A listing as the domain sees it (both kinds; fields of the other kind are null/empty). */
export interface Listing {
  id: number;
  kind: ListingKind;
  organisationId: Id;
  status: ListingStatus;
  closeReason: CloseReason | null;
  title: string;
  summary: string;
  body: string;
  duties: string;
  skills: string;
  trackRecord: string;
  conditions: string;
  categories: CategoryId[];
  types: ListingType[];
  termMinMonths: number;
  termMaxMonths: number;
  /** ISO dates (YYYY-MM-DD), Japan time */
  startFrom: string | null;
  deadline: string | null;
  daysOnSite: number | null;
  remoteOk: boolean;
  budgetMinYen: number | null;
  budgetMaxYen: number | null;
  headcount: number | null;
  lgCode: string | null;
  prefCode: string | null;
  regionPrefCodes: string[];
  regionAnywhere: boolean;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  revision: number;
  publishedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Who is looking: null for an anonymous visitor. */
export type Viewer = {
  userId: Id;
  organisationId: Id | null;
  organisationKind: OrgKind | null;
} | null;
