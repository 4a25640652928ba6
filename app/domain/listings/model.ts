import type { CategoryId } from './categories';
import {
  CLOSE_REASONS,
  isProgramType,
  LISTING_KIND_LABELS,
  LISTING_KIND_PATHS,
  LISTING_KINDS,
  LISTING_STATUSES,
  PROGRAM_TYPE_LABELS,
  PROGRAM_TYPES,
  type CloseReason,
  type ListingKind,
  type ListingStatus,
  type OrganisationKind,
  type ProgramType,
} from '../vocabulary';

export { CLOSE_REASONS, LISTING_KINDS, LISTING_STATUSES, type CloseReason, type ListingKind, type ListingStatus };
export { LISTING_KIND_LABELS as KIND_LABELS, LISTING_KIND_PATHS as KIND_PATHS };

/** The three forms of the programme (app/domain/vocabulary.ts) with their labels, for option lists. */
export const LISTING_TYPES = PROGRAM_TYPES.map((id) => ({ id, label: PROGRAM_TYPE_LABELS[id] }));
export type ListingType = ProgramType;
export const LISTING_TYPE_IDS = PROGRAM_TYPES;

export function typeLabel(id: string): string {
  return isProgramType(id) ? PROGRAM_TYPE_LABELS[id] : id;
}

/** What a page shows: a published listing past its deadline reads as expired before the sweep closes it. */
export type EffectiveStatus = ListingStatus | 'expired';

export const STATUS_LABELS: Record<EffectiveStatus, string> = {
  draft: '下書き',
  published: '募集中',
  closed: '終了',
  expired: '締切済み',
};
/** A listing's status as its kind says it: a published solution is 「公開中」 (nobody recruits with it). */
export function listingStatusLabel(kind: 'opening' | 'solution', status: EffectiveStatus): string {
  return kind === 'solution' && status === 'published' ? '公開中' : STATUS_LABELS[status];
}
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  filled: '決定済み',
  withdrawn: '取り下げ',
  expired: '締切',
};

export type OrgKind = OrganisationKind;
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
