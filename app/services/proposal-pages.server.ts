import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findListingById, findOrganisationListings } from '../../db/queries/listings';
import type { SessionUser } from '../domain/accounts/types';
import type { ListingKind } from '../domain/listings';
import { can } from '../domain/policy';
import { actStep, proposalMessageDraft, type ProposalSide } from '../domain/proposals';
import { ServiceError } from '../utils/errors';
import { dismissProposal, proposalsForListing, proposalsForOrganisation, recordProposalEvents, type Proposal } from './proposals.server';

/*
 * The proposal pages over the matching engine (proposals.server.ts): what a list shows (recorded as
 * 'shown'), 提案を非表示, and the one step to act: the apply / scout form with a draft naming the
 * listing and the reasons ('acted' is recorded when that form is sent).
 */

type Db = Kysely<Database>;

/** What a proposal card shows: the other side's listing, the type that works, the reasons, the step. */
function toView(p: Proposal, own: ListingKind) {
  const c = p.listing;
  return {
    openingId: p.openingId,
    solutionId: p.solutionId,
    forListing: p.forListing,
    listing: {
      id: c.id, kind: c.kind, title: c.title, summary: c.summary, categories: c.categories, types: c.types, termMinMonths: c.termMinMonths, termMaxMonths: c.termMaxMonths,
      remoteOk: c.remoteOk, regionPrefCodes: c.regionPrefCodes, regionAnywhere: c.regionAnywhere, headcount: c.headcount, deadline: c.deadline, startFrom: c.startFrom,
      organisationName: c.organisationName, place: c.place, status: c.status,
    },
    types: p.types,
    reasons: p.reasons,
    step: actStep(own, p).label,
  };
}
export type ProposalView = ReturnType<typeof toView>;

const ownKindOf = (viewer: SessionUser): ListingKind => (viewer.role === 'municipality' ? 'opening' : 'solution');

async function shown(db: Db, viewer: SessionUser, proposals: Proposal[]): Promise<ProposalView[]> {
  await recordProposalEvents(db, proposals.map((p) => ({ kind: 'shown' as const, openingId: p.openingId, solutionId: p.solutionId, organisationId: viewer.organisationId })));
  return proposals.map((p) => toView(p, ownKindOf(viewer)));
}

/** 「あなたへの提案」 (and the home page's share of it): the best across the organisation's listings. */
export async function organisationProposalsPage(db: Db, viewer: SessionUser, limit = 20) {
  if (!can(viewer, 'proposal.view')) throw new ServiceError(403, 'マッチング提案は自治体・企業・個人の方が利用できます。');
  return shown(db, viewer, await proposalsForOrganisation(db, { viewer, limit }));
}

/** The home page's proposals, for an organisation with published listings; null otherwise (the page shows its other picks). */
export async function homeProposals(db: Db, viewer: SessionUser | null, limit = 6) {
  if (!viewer || !can(viewer, 'proposal.view')) return null;
  const own = await findOrganisationListings(db, viewer.organisationId, { includeDrafts: false });
  if (!own.length) return null;
  return shown(db, viewer, await proposalsForOrganisation(db, { viewer, limit }));
}

/** The 「マッチング提案」 section of one listing page, for its organisation; null for anyone else. */
export async function listingProposalsSection(db: Db, viewer: SessionUser | null, listing: { id: number; canEdit: boolean; published: boolean }, limit = 5) {
  if (!viewer || !listing.canEdit || !listing.published || !can(viewer, 'proposal.view')) return null;
  return shown(db, viewer, await proposalsForListing(db, { listingId: listing.id, viewer, limit }));
}

/** The viewer's organisation's side of a pairing, or a ServiceError (404 unknown, 403 neither side is theirs). */
async function ownSide(db: Db, viewer: SessionUser, pair: ProposalSide) {
  if (!can(viewer, 'proposal.view')) throw new ServiceError(403, 'マッチング提案は自治体・企業・個人の方が利用できます。');
  const [opening, solution] = await Promise.all([findListingById(db, pair.openingId), findListingById(db, pair.solutionId)]);
  if (!opening || !solution || opening.kind !== 'opening' || solution.kind !== 'solution') throw new ServiceError(404, '提案が見つかりません。');
  if (opening.organisation_id === viewer.organisationId) return { own: 'opening' as const, ownListing: opening, target: solution };
  if (solution.organisation_id === viewer.organisationId) return { own: 'solution' as const, ownListing: solution, target: opening };
  throw new ServiceError(403, 'この提案を操作できるのは、どちらかの掲載をした団体の方だけです。');
}

/** 提案を非表示: not proposed to the organisation again. Returns the viewer's own listing (for the way back). */
export async function dismissForViewer(db: Db, viewer: SessionUser, pair: ProposalSide) {
  const side = await ownSide(db, viewer, pair);
  await dismissProposal(db, { viewer, openingId: pair.openingId, solutionId: pair.solutionId });
  return { kind: side.own, id: side.ownListing.id };
}

/**
 * 応募 / スカウト from a proposal: answers where the form is. 'acted' is recorded when that form is
 * sent (`applyToListing` with `fromProposal`), not here: opening the form is not acting.
 */
export async function actOnProposal(db: Db, viewer: SessionUser, pair: ProposalSide): Promise<string> {
  const side = await ownSide(db, viewer, pair);
  return actStep(side.own, pair).href;
}

/**
 * The draft message of the apply / scout form opened from a proposal (`?proposal=<own listing>`):
 * null when that listing is not the viewer's or the pairing is not (or no longer) proposed.
 */
export async function proposalDraftFor(db: Db, viewer: SessionUser, target: { kind: ListingKind; id: number }, ownListingId: number) {
  const own = await findListingById(db, ownListingId);
  if (!own || own.organisation_id !== viewer.organisationId || own.kind === target.kind || !can(viewer, 'proposal.view')) return null;
  const proposals = await proposalsForListing(db, { listingId: own.id, viewer, limit: 30 }).catch(() => []);
  const p = proposals.find((x) => x.listing.id === target.id);
  if (!p) return null;
  return {
    message: proposalMessageDraft({ own: own.kind, ownTitle: own.title, targetTitle: p.listing.title, types: p.types, reasons: p.reasons }),
    programType: p.types[0] ?? null,
    ownListingId: own.id,
  };
}
