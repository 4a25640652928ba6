import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import {
  clearQueuedRefresh,
  analyzeProposals,
  deleteProposalsOf,
  deleteProposalsNotStoredNow,
  deletePairs,
  enqueueProposalRefresh,
  findListingOwner,
  findPairCounts,
  findProposals,
  findQueuedRefreshes,
  findStoredPairs,
  insertDismissal,
  insertProposalEvents,
  upsertProposals,
  type ProposalCardRow,
  type ProposalRow,
} from '../../db/queries/proposals';
import type { ProposalEventKind } from '../../db/types/proposals';
import { dictionaryFrom } from '../../search/load-dictionary';
import type { SessionUser } from '../domain/accounts/types';
import { MatchIndex, newEligibilityCache, type MatchListing, type Ranked, type ScoreContext } from '../domain/matching';
import { fiscalYearOf } from '../domain/rules/fiscal-year';
import type { ListingKind, ProgramType } from '../domain/vocabulary';
import { japanToday } from '../utils/dates';
import { ServiceError } from '../utils/errors';
import { toCard, type ListingCard } from './listings.server';
import { openMatchIndex, openMatchListings } from './match-cache.server';
import { municipalityReference } from './municipalities.server';

type Db = Kysely<Database>;

export { enqueueProposalRefresh };

/** How many pairings are stored for each listing: its best ones (a page shows at most this many). */
export const PROPOSALS_PER_LISTING = 30;

export interface Proposal {
  openingId: number;
  solutionId: number;
  /** the viewer's own listing the proposal is for */
  forListing: { id: number; kind: ListingKind; title: string };
  /** the other side's listing, as listing cards show it */
  listing: ListingCard;
  score: number;
  types: ProgramType[];
  reasons: string[];
}

const otherKind = (k: ListingKind): ListingKind => (k === 'opening' ? 'solution' : 'opening');

const dictionaries = new WeakMap<Db, ReturnType<typeof dictionaryFrom>>();
function dictionaryOf(db: Db) {
  let d = dictionaries.get(db);
  if (!d) dictionaries.set(db, (d = dictionaryFrom(db)));
  return d();
}

async function matchInputs(db: Db) {
  const [dict, ref] = await Promise.all([dictionaryOf(db), municipalityReference(db)]);
  return { dict, byCode: ref.byCode };
}

/** The kept candidate index over the open listings of `kind` (what a refresh ranks a listing of the other kind against). */
export async function candidateIndexFor(db: Db, kind: ListingKind, today: string = japanToday()) {
  return openMatchIndex(db, { kind, today, ...(await matchInputs(db)) });
}

const contextFor = (today: string, now: Date): ScoreContext => ({ fiscalYear: fiscalYearOf(today), now, cache: newEligibilityCache() });

function toRow(self: MatchListing, r: Ranked): ProposalRow {
  const [openingId, solutionId] = self.kind === 'opening' ? [self.id, r.listing.id] : [r.listing.id, self.id];
  return { opening_id: Number(openingId), solution_id: Number(solutionId), score: r.fit.score, types: r.fit.types, reasons: r.fit.reasons };
}

/**
 * Computes one listing's pairings again and stores them. A listing that is not open (draft,
 * closed, past its deadline, deleted) loses all of its pairings. Kept: the listing's best
 * PROPOSALS_PER_LISTING, and any pairing that is among the best of the other listing (it has
 * fewer stored or this one scores above its lowest), so both sides' lists stay right.
 */
export async function refreshProposalsFor(db: Db, listingId: number, opts: { today?: string; now?: Date } = {}): Promise<{ stored: number }> {
  const today = opts.today ?? japanToday();
  const owner = await findListingOwner(db, listingId);
  if (!owner) return { stored: 0 };
  const inputs = await matchInputs(db);
  const [self] = await openMatchListings(db, { kind: owner.kind, today, ids: [listingId], ...inputs });
  if (!self) {
    await deleteProposalsOf(db, owner.kind, listingId);
    return { stored: 0 };
  }
  const others = await openMatchIndex(db, { kind: otherKind(owner.kind), today, ...inputs });
  const ranked = others.rank(self, contextFor(today, opts.now ?? new Date()), Infinity);

  const top = ranked.slice(0, PROPOSALS_PER_LISTING);
  const rest = ranked.slice(PROPOSALS_PER_LISTING);
  const counts = new Map((await findPairCounts(db, otherKind(owner.kind), rest.map((r) => Number(r.listing.id)))).map((c) => [Number(c.id), c]));
  const stored = await findStoredPairs(db, owner.kind, listingId);
  const keepRest = rest.filter((r) => {
    const c = counts.get(Number(r.listing.id));
    const alreadyThere = stored.some((s) => (owner.kind === 'opening' ? s.solution_id : s.opening_id) === Number(r.listing.id));
    const n = (c?.n ?? 0) - (alreadyThere ? 1 : 0);
    return n < PROPOSALS_PER_LISTING || r.fit.score > (c?.min_score ?? 0);
  });
  const rows = [...top, ...keepRest].map((r) => toRow(self, r));
  const keys = new Set(rows.map((r) => `${r.opening_id}/${r.solution_id}`));
  const gone = stored.filter((s) => !keys.has(`${s.opening_id}/${s.solution_id}`));
  await db.transaction().execute(async (trx) => {
    await deletePairs(trx, gone);
    await upsertProposals(trx, rows);
  });
  return { stored: rows.length };
}

/** Works through the refresh queue (after a listing write commits, and in the hourly sweep). */
export async function drainProposalRefreshes(db: Db, opts: { today?: string; now?: Date; limit?: number } = {}): Promise<number> {
  let done = 0;
  const seen = new Set<string>();
  for (;;) {
    // An entry seen before with the same time was not cleared: stop rather than loop on it.
    const due = (await findQueuedRefreshes(db, opts.limit ?? 50)).filter((q) => !seen.has(`${q.listing_id}@${q.queued_at.getTime()}`));
    if (!due.length) return done;
    for (const q of due) {
      seen.add(`${q.listing_id}@${q.queued_at.getTime()}`);
      await refreshProposalsFor(db, q.listing_id, opts);
      await clearQueuedRefresh(db, q.listing_id, q.queued_at);
      done++;
    }
  }
}

/** Every open listing of both kinds as the engine sees them, analysed together. */
export async function loadOpenMatchListings(db: Db, today: string = japanToday()) {
  const inputs = await matchInputs(db);
  const openings = await openMatchListings(db, { kind: 'opening', today, ...inputs });
  const solutions = await openMatchListings(db, { kind: 'solution', today, ...inputs });
  return { openings, solutions };
}

/** Replaces the whole store; a pairing already stored keeps when it appeared (the digest does not announce it again). */
export async function storeAllProposals(db: Db, rows: ProposalRow[]) {
  await db.transaction().execute(async (trx) => {
    await upsertProposals(trx, rows);
    await deleteProposalsNotStoredNow(trx);
  });
  // The planner must know the new table at once: a whole store written in one go is not yet in its statistics.
  await analyzeProposals(db);
}

/**
 * Computes every open listing's pairings at once (the first fill, or after a change of the rules
 * or of the master): both sides' best PROPOSALS_PER_LISTING, replacing the whole store.
 */
export async function rebuildAllProposals(db: Db, opts: { today?: string; now?: Date } = {}) {
  const today = opts.today ?? japanToday();
  const { openings, solutions } = await loadOpenMatchListings(db, today);
  const rows = computeAllPairs(openings, solutions, contextFor(today, opts.now ?? new Date()));
  await storeAllProposals(db, rows);
  return { openings: openings.length, solutions: solutions.length, stored: rows.length };
}

/** The union of both sides' best pairings; `onListing` hears how long each listing's ranking took. */
export function computeAllPairs(
  openings: MatchListing[],
  solutions: MatchListing[],
  ctx: ScoreContext,
  opts: { perListing?: number; onListing?: (ms: number) => void } = {},
): ProposalRow[] {
  const perListing = opts.perListing ?? PROPOSALS_PER_LISTING;
  const out = new Map<string, ProposalRow>();
  const solutionIndex = new MatchIndex(solutions);
  const openingIndex = new MatchIndex(openings);
  const timed = <T>(f: () => T): T => {
    if (!opts.onListing) return f();
    const t0 = performance.now();
    const r = f();
    opts.onListing(performance.now() - t0);
    return r;
  };
  for (const o of openings) for (const r of timed(() => solutionIndex.rank(o, ctx, perListing))) out.set(`${o.id}/${r.listing.id}`, toRow(o, r));
  for (const s of solutions) for (const r of timed(() => openingIndex.rank(s, ctx, perListing))) out.set(`${r.listing.id}/${s.id}`, toRow(s, r));
  return [...out.values()];
}

export { contextFor as matchContext };

/* ---------- reads ---------- */

function toProposal(r: ProposalCardRow, today: string): Proposal {
  return {
    openingId: r.opening_id,
    solutionId: r.solution_id,
    forListing: { id: r.for_id, kind: r.for_kind, title: r.for_title },
    listing: toCard(r, today),
    score: r.score,
    types: r.proposal_types,
    reasons: typeof r.reasons === 'string' ? (JSON.parse(r.reasons) as string[]) : (r.reasons as unknown as string[]),
  };
}

/** The viewer's organisation's listing, or a ServiceError: 404 when the viewer may not see it, 403 when not theirs. */
async function ownListing(db: Db, viewer: SessionUser, listingId: number) {
  const row = Number.isSafeInteger(listingId) ? await findListingOwner(db, listingId) : undefined;
  if (!row) throw new ServiceError(404, '掲載が見つかりません。');
  if (row.organisation_id !== viewer.organisationId) {
    if (row.status === 'draft') throw new ServiceError(404, '掲載が見つかりません。');
    throw new ServiceError(403, 'マッチング提案を見られるのは掲載した団体の方だけです。');
  }
  return row;
}

/** The best eligible pairings for one of the viewer's listings, without those its organisation dismissed. */
export async function proposalsForListing(db: Db, args: { listingId: number; viewer: SessionUser; limit?: number; today?: string }): Promise<Proposal[]> {
  const today = args.today ?? japanToday();
  const row = await ownListing(db, args.viewer, args.listingId);
  const rows = await findProposals(db, { kind: row.kind, organisationId: args.viewer.organisationId, listingId: row.id, today, limit: args.limit ?? 10 });
  return rows.map((r) => toProposal(r, today));
}

const ownKindOf = (viewer: SessionUser): ListingKind | null =>
  viewer.role === 'municipality' ? 'opening' : viewer.role === 'company' || viewer.role === 'individual' ? 'solution' : null;

/** 「あなたへの提案」: the best pairings across the organisation's published listings. */
export async function proposalsForOrganisation(db: Db, args: { viewer: SessionUser; limit?: number; today?: string }): Promise<Proposal[]> {
  const kind = ownKindOf(args.viewer);
  if (!kind) throw new ServiceError(403, 'マッチング提案は自治体・企業・個人の方が利用できます。');
  const today = args.today ?? japanToday();
  const rows = await findProposals(db, { kind, organisationId: args.viewer.organisationId, today, limit: args.limit ?? 20 });
  return rows.map((r) => toProposal(r, today));
}

/** 「表示しない」: the pairing is not proposed to the viewer's organisation again. Either side's owner may dismiss. */
export async function dismissProposal(db: Db, args: { viewer: SessionUser; openingId: number; solutionId: number; today?: string }): Promise<{ dismissed: boolean }> {
  const { viewer } = args;
  const [opening, solution] = await Promise.all([
    Number.isSafeInteger(args.openingId) ? findListingOwner(db, args.openingId) : undefined,
    Number.isSafeInteger(args.solutionId) ? findListingOwner(db, args.solutionId) : undefined,
  ]);
  if (!opening || !solution || opening.kind !== 'opening' || solution.kind !== 'solution') throw new ServiceError(404, '提案が見つかりません。');
  if (opening.organisation_id !== viewer.organisationId && solution.organisation_id !== viewer.organisationId) {
    throw new ServiceError(403, 'この提案を非表示にできるのは、どちらかの掲載をした団体の方だけです。');
  }
  const dismissed = await db.transaction().execute(async (trx) => {
    const inserted = await insertDismissal(trx, { organisation_id: viewer.organisationId, opening_id: opening.id, solution_id: solution.id });
    if (inserted) {
      await insertProposalEvents(trx, [
        { kind: 'dismissed', opening_id: opening.id, solution_id: solution.id, organisation_id: viewer.organisationId, fiscal_year: fiscalYearOf(args.today ?? japanToday()) },
      ]);
    }
    return inserted;
  });
  return { dismissed };
}

export interface ProposalEvent {
  kind: ProposalEventKind;
  openingId: number;
  solutionId: number;
  organisationId: string;
  /** defaults to the fiscal year of today (Japan time) */
  fiscalYear?: number;
}

/** Counts proposals shown, dismissed or acted on (応募・スカウト from a proposal) for the monitoring. */
export async function recordProposalEvents(db: Db, rows: ProposalEvent[]): Promise<void> {
  if (!rows.length) return;
  const fy = fiscalYearOf(japanToday());
  await insertProposalEvents(
    db,
    rows.map((r) => ({ kind: r.kind, opening_id: r.openingId, solution_id: r.solutionId, organisation_id: r.organisationId, fiscal_year: r.fiscalYear ?? fy })),
  );
}

/**
 * Called after a listing write has committed: its pairings are computed now. A failure leaves the
 * listing in the queue (written in the write's transaction) for the hourly sweep, and never fails
 * the write that triggered it.
 */
export async function refreshQueuedProposals(db: Db, opts: { today?: string } = {}): Promise<void> {
  await drainProposalRefreshes(db, opts).catch(() => {
    // Kept in proposal_refresh_queue; the hourly sweep retries and logs the error.
  });
}

/**
 * The same pairings as 「あなたへの提案」 for an organisation known by id and kind (the alert run has no
 * signed-in viewer); with `appeared`, only those at or above `minScore` that appeared in (after, until].
 */
export async function proposalsForOrganisationId(
  db: Db,
  args: { organisationId: string; kind: ListingKind; limit?: number; today?: string; appeared?: { after: Date; until: Date; minScore: number } },
): Promise<Proposal[]> {
  const today = args.today ?? japanToday();
  const rows = await findProposals(db, { kind: args.kind, organisationId: args.organisationId, today, limit: args.limit ?? 20, appeared: args.appeared });
  return rows.map((r) => toProposal(r, today));
}
