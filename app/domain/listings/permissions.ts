import type { Id, ListingKind, ListingType, OrgKind, Viewer } from './model';

/** Which organisation kinds post which kind of listing. */
export const POSTERS: Record<ListingKind, OrgKind[]> = {
  opening: ['municipality'],
  solution: ['company', 'individual'],
};

/**
 * The programme forms each poster may offer: a municipality may accept any; a company dispatches
 * staff or lets them take a side job; an individual works as a side job or after retirement.
 */
export const TYPES_BY_ORG_KIND: Partial<Record<OrgKind, ListingType[]>> = {
  municipality: ['dispatch', 'side_job', 'senior'],
  company: ['dispatch', 'side_job'],
  individual: ['side_job', 'senior'],
};

const sameId = (a: Id | null | undefined, b: Id | null | undefined) => a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b);

export function isOwner(viewer: Viewer, listing: { organisationId: Id }): boolean {
  return viewer !== null && sameId(viewer.organisationId, listing.organisationId);
}
