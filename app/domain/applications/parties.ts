import type { ApplicationKind, Side } from './states';
import type { ListingKind } from '../vocabulary';

export type Parties = { applicantOrganisationId: string; ownerOrganisationId: string };

/** Which side an organisation is on, or null for anyone else (including the ministry and operators). */
export function sideOf(organisationId: string, parties: Parties): Side | null {
  if (organisationId === parties.applicantOrganisationId) return 'applicant';
  if (organisationId === parties.ownerOrganisationId) return 'owner';
  return null;
}

export const otherSide = (side: Side): Side => (side === 'applicant' ? 'owner' : 'applicant');

/** An opening is applied to (応募); a solution is approached by a municipality (スカウト). */
export const kindForListing = (listingKind: ListingKind): ApplicationKind => (listingKind === 'opening' ? 'application' : 'scout');

export const KIND_LABELS: Record<ApplicationKind, string> = { application: '応募', scout: 'スカウト' };
