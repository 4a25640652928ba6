import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database';
import {
  findAttachments,
  findExpiredListingIds,
  findListingById,
  findListingForUpdate,
  findMunicipalitiesByCodes,
  findOrganisationForListing,
  findOrganisationListings,
  findPublishedListings,
  findRecommendedListings,
  findRevisions,
  insertListing,
  insertRevision,
  toListing,
  updateListingRow,
  type ListingCardRow,
  type PublicFilter,
} from '../../db/queries/listings';
import { enqueueProposalRefresh } from '../../db/queries/proposals';
import type { ListingRow, NewListingRow } from '../../db/types/listings';
import { indexDocument } from '../../search/index';
import type { SessionUser } from '../domain/accounts/types';
import {
  categoryLabel,
  decide,
  effectiveStatus,
  isOwner,
  listingVerdicts,
  nextState,
  toSearchDocument,
  type CloseReason,
  type LifecycleAction,
  type Listing,
  type ListingKind,
  type Party,
  type Verdict,
} from '../domain/listings';
import { listingRuleProblems, type ListingRuleValues } from '../domain/listings/form-rules';
import { can } from '../domain/policy';
import { fiscalYearOf } from '../domain/rules/fiscal-year';
import type { FieldErrors } from '../schemas/form';
import type { OpeningInput, SolutionInput } from '../schemas/listings';
import { markdownToText, renderMarkdown } from '../utils/markdown';
import { japanToday } from '../utils/dates';
import { ServiceError } from '../utils/errors';
import { audit } from './audit.server';
import { municipalitiesByCode } from './municipalities.server';
import { refreshQueuedProposals } from './proposals.server';
import { readDirectly, type SharedRead } from './shared-reads.server';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
export type ListingInput = OpeningInput | SolutionInput;
export type WriteResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

const resourceOf = (row: Pick<ListingRow, 'kind' | 'organisation_id' | 'status'>) => ({
  type: 'listing' as const,
  listingKind: row.kind,
  ownerOrganisationId: row.organisation_id,
  published: row.status !== 'draft',
});

/** The columns a form writes, for either kind; the kind's unused columns are emptied. */
function rowFromInput(kind: ListingKind, input: ListingInput): Omit<NewListingRow, 'kind' | 'organisation_id'> {
  const common = {
    title: input.title,
    summary: input.summary,
    body: input.body,
    skills: input.skills,
    conditions: input.conditions,
    categories: input.categories,
    types: input.types,
    term_min_months: input.termMinMonths,
    term_max_months: input.termMaxMonths,
    start_from: input.startFrom,
    remote_ok: input.remoteOk,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
  };
  if (kind === 'opening') {
    const o = input as OpeningInput;
    return {
      ...common,
      duties: o.duties,
      track_record: '',
      deadline: o.deadline,
      days_on_site: o.daysOnSite ?? null,
      budget_min_yen: o.budgetMin === undefined ? null : o.budgetMin * 10_000,
      budget_max_yen: o.budgetMax === undefined ? null : o.budgetMax * 10_000,
      headcount: null,
      region_pref_codes: [],
      region_anywhere: false,
    };
  }
  const s = input as SolutionInput;
  return {
    ...common,
    duties: '',
    track_record: s.trackRecord,
    deadline: null,
    days_on_site: null,
    budget_min_yen: null,
    budget_max_yen: null,
    headcount: s.headcount,
    region_pref_codes: s.regionAnywhere ? [] : [...new Set(s.regionPrefCodes)].sort(),
    region_anywhere: s.regionAnywhere,
  };
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** Writes the revision and the search document for the row as it now stands, inside `trx`. */
async function recordAndIndex(trx: Trx, id: number, action: 'create' | 'update' | 'publish' | 'close' | 'reopen' | 'expire', actor: SessionUser | null, changed: string[]) {
  const row = (await findListingById(trx, id))!;
  await insertRevision(trx, { listing_id: id, revision: row.revision, action, user_id: actor?.id ?? null, changed, snapshot: toListing(row) });
  await indexListing(trx, row);
  await enqueueProposalRefresh(trx, id);
  return row;
}

/** Hands search the listing as it now stands; inside the caller's transaction, so both commit together. */
export async function indexListing(trx: Kysely<Database> | Trx, row: ListingRow) {
  const [m] = await findMunicipalitiesByCodes(trx, row.lg_code ? [row.lg_code] : []);
  const muni = m ? { name: m.name, prefName: m.pref_name, eligible1433: m.eligible_1433, eligible1375: m.eligible_1375 } : null;
  await indexDocument(trx, toSearchDocument(toListing(row), muni));
}

export type WriteContext = { ip?: string; today?: string };

/** Creates a listing as a draft, or published at once when `publish` is set. */
export async function createListing(
  db: Db,
  actor: SessionUser,
  kind: ListingKind,
  input: ListingInput,
  opts: WriteContext & { publish?: boolean } = {},
): Promise<WriteResult> {
  if (!can(actor, 'listing.create', { type: 'listing', listingKind: kind })) throw new ServiceError(403, 'この種類の掲載を作成する権限がありません。');
  const today = opts.today ?? japanToday();
  const errors = listingRuleProblems(input as ListingRuleValues, { kind, role: actor.role, today, publish: opts.publish });
  if (Object.keys(errors).length) return { ok: false, errors };
  const org = actor.organisation;
  const basePref = (kind === 'opening' ? org.lgCode : org.headOfficeLgCode)?.slice(0, 2) ?? null;
  const id = await db.transaction().execute(async (trx) => {
    const newId = await insertListing(trx, {
      ...rowFromInput(kind, input),
      kind,
      organisation_id: actor.organisationId,
      lg_code: kind === 'opening' ? org.lgCode : null,
      pref_code: basePref,
      status: opts.publish ? 'published' : 'draft',
      close_reason: null,
      published_at: opts.publish ? new Date() : null,
      closed_at: null,
    });
    await recordAndIndex(trx, newId, 'create', actor, []);
    await audit(trx, { actor, action: opts.publish ? 'listing.publish' : 'listing.create', targetType: 'listing', targetId: newId, ip: opts.ip ?? '', details: { kind } });
    return newId;
  });
  await refreshQueuedProposals(db);
  return { ok: true, id };
}

/** Loads and locks a listing the actor may change; refuses with the right status otherwise. */
async function lockOwned(trx: Trx, actor: SessionUser, id: number, action: 'listing.edit' | 'listing.publish') {
  const row = await findListingForUpdate(trx, id);
  if (!row || !can(actor, 'listing.view', resourceOf(row))) throw new ServiceError(404, '掲載が見つかりません。');
  if (!can(actor, action, resourceOf(row))) throw new ServiceError(403, 'この掲載を変更できるのは掲載した団体の方だけです。');
  return row;
}

export async function updateListing(db: Db, actor: SessionUser, id: number, input: ListingInput, opts: WriteContext = {}): Promise<WriteResult> {
  const today = opts.today ?? japanToday();
  const result = await db.transaction().execute(async (trx) => {
    const row = await lockOwned(trx, actor, id, 'listing.edit');
    const decision = decide(toListing(row), 'edit', today);
    if (!decision.ok) throw new ServiceError(409, decision.message);
    const errors = listingRuleProblems(input as ListingRuleValues, { kind: row.kind, role: actor.role, today, stored: { status: row.status, startFrom: toListing(row).startFrom } });
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const patch = rowFromInput(row.kind, input);
    const changed = changedFields(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
    if (changed.length === 0) return { ok: true as const, id };
    await updateListingRow(trx, id, { ...patch, revision: row.revision + 1 });
    await recordAndIndex(trx, id, 'update', actor, changed);
    await audit(trx, { actor, action: 'listing.edit', targetType: 'listing', targetId: id, ip: opts.ip ?? '', details: { changed } });
    return { ok: true as const, id };
  });
  if (result.ok) await refreshQueuedProposals(db);
  return result;
}

/** publish, reopen or close: one lifecycle step, decided by the domain, recorded and re-indexed. */
export async function changeListingStatus(
  db: Db,
  actor: SessionUser,
  id: number,
  action: Exclude<LifecycleAction, 'edit' | 'expire'>,
  opts: WriteContext & { reason?: CloseReason } = {},
): Promise<{ ok: true } | { ok: false; message: string }> {
  const today = opts.today ?? japanToday();
  const result = await db.transaction().execute(async (trx) => {
    const row = await lockOwned(trx, actor, id, action === 'close' ? 'listing.edit' : 'listing.publish');
    const decision = decide(toListing(row), action, today, opts.reason);
    if (!decision.ok) return { ok: false as const, message: decision.message };
    const next = nextState(action, opts.reason);
    await updateListingRow(trx, id, {
      status: next.status,
      close_reason: next.closeReason,
      revision: row.revision + 1,
      ...(next.status === 'published' ? { published_at: new Date(), closed_at: null } : { closed_at: new Date() }),
    });
    await recordAndIndex(trx, id, action, actor, ['status']);
    await audit(trx, { actor, action: action === 'close' ? 'listing.close' : 'listing.publish', targetType: 'listing', targetId: id, ip: opts.ip ?? '', details: { action, reason: next.closeReason } });
    return { ok: true as const };
  });
  if (result.ok) await refreshQueuedProposals(db);
  return result;
}

/** Closes every published listing past its deadline; safe to run from several processes at once. */
export async function expireListings(db: Db, today: string = japanToday()): Promise<number> {
  const n = await db.transaction().execute(async (trx) => {
    const ids = await findExpiredListingIds(trx, today);
    for (const { id } of ids) {
      const row = (await findListingById(trx, id))!;
      await updateListingRow(trx, id, { status: 'closed', close_reason: 'expired', closed_at: new Date(), revision: row.revision + 1 });
      await recordAndIndex(trx, id, 'expire', null, ['status']);
    }
    return ids.length;
  });
  if (n > 0) await refreshQueuedProposals(db, { today });
  return n;
}

/* ---------- reads ---------- */

export type ListingCard = ReturnType<typeof toCard>;

export function toCard(row: ListingCardRow, today: string) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    categories: row.categories,
    types: row.types,
    termMinMonths: row.term_min_months,
    termMaxMonths: row.term_max_months,
    remoteOk: row.remote_ok,
    prefCode: row.pref_code,
    regionPrefCodes: row.region_pref_codes,
    regionAnywhere: row.region_anywhere,
    headcount: row.headcount,
    deadline: row.deadline,
    startFrom: row.start_from,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind,
    place: row.municipality_name ? `${row.municipality_pref_name}${row.municipality_name}` : null,
    status: effectiveStatus({ status: row.status, deadline: row.deadline }, today),
  };
}

export const PAGE_SIZE = 20;
/** cards of each kind on the home page */
const HOME_CARDS = 6;

export async function listPublished(db: Db, kind: ListingKind, filters: Omit<PublicFilter, 'kind' | 'today'> & { page?: number }, today = japanToday()) {
  const page = filters.page ?? 1;
  const { rows, total } = await findPublishedListings(db, { ...filters, kind, today, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return { cards: rows.map((r) => toCard(r, today)), total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/**
 * The home page's picks: the other side's listings ranked for the reader (shared categories with
 * their own listings, their region, what their company class may be sent to); newest for visitors.
 */
export async function homeListings(db: Db, user: SessionUser | null, today = japanToday(), shared: SharedRead = readDirectly) {
  // The six newest of each kind with how many are open (alike for every reader: a shared read), and
  // the reader's picks: all at once.
  const newestOf = async (kind: ListingKind) => {
    const { rows, total } = await findPublishedListings(db, { kind, today, limit: HOME_CARDS, offset: 0 });
    return { total, cards: rows.map((r) => toCard(r, today)) };
  };
  const newest = shared(`home-newest:${today}`, () => Promise.all([newestOf('opening'), newestOf('solution')]));
  const [[openings, solutions], recommended] = await Promise.all([newest, recommendedFor(db, user, today, shared)]);
  return {
    counts: { openings: openings.total, solutions: solutions.total },
    newest: { openings: openings.cards, solutions: solutions.cards },
    recommended,
  };
}

async function recommendedFor(db: Db, user: SessionUser | null, today: string, shared: SharedRead) {
  if (!user || !['municipality', 'company', 'individual'].includes(user.role)) return null;
  // The picks follow from the organisation's own listings and its public facts alone (every one in the
  // key), all of them changes a page can show: kept as a shared read per organisation.
  const { role, organisationId } = user;
  const { companyClass, headOfficeLgCode, lgCode } = user.organisation;
  const key = `home-picks:${today}:${organisationId}:${role}:${companyClass ?? ''}:${headOfficeLgCode ?? ''}:${lgCode ?? ''}`;
  return shared(key, () => picksFor(db, user, today));
}

async function picksFor(db: Db, user: SessionUser, today: string) {
  const wanted: ListingKind = user.role === 'municipality' ? 'solution' : 'opening';
  const own = await findOrganisationListings(db, user.organisationId, { includeDrafts: true });
  const categories = [...new Set(own.flatMap((l) => l.categories))];
  const cls = user.organisation.companyClass;
  const hqPref = user.organisation.headOfficeLgCode?.slice(0, 2) ?? null;
  const regionPref = (user.role === 'municipality' ? user.organisation.lgCode : user.organisation.headOfficeLgCode)?.slice(0, 2) ?? null;
  const rows = await findRecommendedListings(db, {
    kind: wanted,
    today,
    categories,
    regionPref,
    organisationId: user.organisationId,
    eligibleList: wanted === 'opening' ? (cls === 'A' ? '1433' : cls === 'B' ? '1375' : undefined) : undefined,
    excludePref: wanted === 'opening' && cls === 'B' ? hqPref : null,
    limit: HOME_CARDS,
  });
  return { kind: wanted, basedOn: categories.map(categoryLabel), cards: rows.map((r) => toCard(r, today)) };
}

export async function myListings(db: Db, user: SessionUser, today = japanToday()) {
  const rows = await findOrganisationListings(db, user.organisationId, { includeDrafts: true });
  return rows.map((r) => {
    const l = toListing(r);
    return { id: l.id, kind: l.kind, title: l.title, status: effectiveStatus(l, today), closeReason: l.closeReason, deadline: l.deadline, updatedAt: l.updatedAt.toISOString(), revision: l.revision };
  });
}

/** An organisation's public listings (its members also see their drafts), newest first. */
export async function organisationListings(db: Db, viewer: SessionUser | null, organisationId: string, today = japanToday()) {
  const includeDrafts = viewer !== null && isOwner({ userId: viewer.id, organisationId: viewer.organisationId, organisationKind: viewer.role }, { organisationId });
  const rows = await findOrganisationListings(db, organisationId, { includeDrafts });
  return rows.map((r) => {
    const l = toListing(r);
    return { id: l.id, kind: l.kind, title: l.title, summary: l.summary, status: effectiveStatus(l, today), deadline: l.deadline, categories: l.categories, types: l.types };
  });
}

/** The eligibility verdicts for this reader on this listing; empty when the pairing does not apply. */
async function verdictsFor(db: Db, viewer: SessionUser | null, listing: Listing, owner: { kind: string; head_office_lg_code: string | null; company_class: string | null; individual_track: string | null }, today: string): Promise<Verdict[]> {
  if (!viewer) return [];
  let municipalityCode: string | null = null;
  let sender: Party | null = null;
  let hqCode: string | null = null;
  if (listing.kind === 'opening' && (viewer.role === 'company' || viewer.role === 'individual')) {
    municipalityCode = listing.lgCode;
    hqCode = viewer.role === 'company' ? viewer.organisation.headOfficeLgCode : (viewer.employment?.employerHeadOfficeLgCode ?? viewer.organisation.headOfficeLgCode);
    sender = viewer.role === 'company' ? { kind: 'company', companyClass: viewer.organisation.companyClass, hq: null } : { kind: 'individual', track: viewer.employment?.track ?? null, employerHq: null };
  } else if (listing.kind === 'solution' && viewer.role === 'municipality') {
    municipalityCode = viewer.organisation.lgCode;
    hqCode = owner.head_office_lg_code;
    sender = owner.kind === 'company' ? { kind: 'company', companyClass: owner.company_class, hq: null } : { kind: 'individual', track: (owner.individual_track as 'side_job') ?? null, employerHq: null };
  }
  if (!municipalityCode || !sender) return [];
  const munis = await municipalitiesByCode(db, [municipalityCode, ...(hqCode ? [hqCode] : [])]);
  const municipality = munis.get(municipalityCode);
  if (!municipality) return [];
  const hq = (hqCode && munis.get(hqCode)) || null;
  const party: Party = sender.kind === 'company' ? { ...sender, hq } : { ...sender, employerHq: hq };
  return listingVerdicts({ listingKind: listing.kind, listingTypes: listing.types, municipality, sender: party, fiscalYear: fiscalYearOf(today) });
}

/**
 * Everything the detail page shows, or a ServiceError: a draft is not found for anyone but
 * its organisation, and a listing is found only under its own kind's URL.
 */
export async function getListingPage(db: Db, viewer: SessionUser | null, kind: ListingKind, id: number, today = japanToday()) {
  const row = Number.isSafeInteger(id) ? await findListingById(db, id) : undefined;
  if (!row || row.kind !== kind || !can(viewer, 'listing.view', resourceOf(row))) throw new ServiceError(404, '掲載が見つかりません。');
  const listing = toListing(row);
  const owner = (await findOrganisationForListing(db, row.organisation_id))!;
  const [muni] = await findMunicipalitiesByCodes(db, row.lg_code ? [row.lg_code] : []);
  const canEdit = can(viewer, 'listing.edit', resourceOf(row));
  const [attachments, revisions, verdicts] = await Promise.all([
    findAttachments(db, id),
    canEdit ? findRevisions(db, id) : Promise.resolve([]),
    verdictsFor(db, viewer, listing, owner, today),
  ]);
  return {
    listing: {
      ...listing,
      // The contact address and phone are for signed-in accounts only: never in an anonymous visitor's page data.
      contactEmail: viewer ? listing.contactEmail : null,
      contactPhone: viewer ? listing.contactPhone : null,
      publishedAt: listing.publishedAt?.toISOString() ?? null,
      closedAt: listing.closedAt?.toISOString() ?? null,
      createdAt: listing.createdAt.toISOString(),
      updatedAt: listing.updatedAt.toISOString(),
    },
    status: effectiveStatus(listing, today),
    html: {
      body: renderMarkdown(listing.body),
      duties: renderMarkdown(listing.duties),
      skills: renderMarkdown(listing.skills),
      trackRecord: renderMarkdown(listing.trackRecord),
      conditions: renderMarkdown(listing.conditions),
    },
    description: markdownToText(listing.summary || listing.body),
    owner: { id: owner.id, name: owner.name, kind: owner.kind, status: owner.status, description: markdownToText(owner.description, 200) },
    place: muni ? `${muni.pref_name}${muni.name}` : null,
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.file_name, mime: a.mime, sizeBytes: a.size_bytes })),
    revisions: revisions.map((r) => ({ revision: r.revision, action: r.action, changed: r.changed, userName: r.user_name, createdAt: new Date(r.created_at).toISOString() })),
    verdicts,
    canEdit,
    canApply: can(viewer, 'application.create', resourceOf(row)) && effectiveStatus(listing, today) === 'published',
  };
}

/**
 * What applying to (or scouting) a listing needs: the listing's title and types, its owner, the place,
 * the eligibility verdicts and whether the viewer may send. No Markdown, attachments or revisions:
 * the apply form and the send read only these.
 */
export async function getListingForApply(db: Db, viewer: SessionUser, kind: ListingKind, id: number, today = japanToday()) {
  const row = Number.isSafeInteger(id) ? await findListingById(db, id) : undefined;
  if (!row || row.kind !== kind || !can(viewer, 'listing.view', resourceOf(row))) throw new ServiceError(404, '掲載が見つかりません。');
  const listing = toListing(row);
  const owner = (await findOrganisationForListing(db, row.organisation_id))!;
  const [[muni], verdicts] = await Promise.all([findMunicipalitiesByCodes(db, row.lg_code ? [row.lg_code] : []), verdictsFor(db, viewer, listing, owner, today)]);
  return {
    listing: { id: listing.id, title: listing.title, types: listing.types },
    owner: { id: owner.id, name: owner.name, kind: owner.kind },
    place: muni ? `${muni.pref_name}${muni.name}` : null,
    verdicts,
    canApply: can(viewer, 'application.create', resourceOf(row)) && effectiveStatus(listing, today) === 'published',
  };
}

/** The stored values of a listing as form values, for its edit page. */
export async function getListingForEdit(db: Db, actor: SessionUser, kind: ListingKind, id: number) {
  const row = Number.isSafeInteger(id) ? await findListingById(db, id) : undefined;
  if (!row || row.kind !== kind || !can(actor, 'listing.view', resourceOf(row))) throw new ServiceError(404, '掲載が見つかりません。');
  if (!can(actor, 'listing.edit', resourceOf(row))) throw new ServiceError(403, 'この掲載を編集できるのは掲載した団体の方だけです。');
  const l = toListing(row);
  const values: Record<string, string | string[]> = {
    title: l.title,
    summary: l.summary,
    body: l.body,
    duties: l.duties,
    skills: l.skills,
    trackRecord: l.trackRecord,
    conditions: l.conditions,
    categories: l.categories,
    types: l.types,
    termMinMonths: String(l.termMinMonths),
    termMaxMonths: String(l.termMaxMonths),
    startFrom: l.startFrom ?? '',
    deadline: l.deadline ?? '',
    daysOnSite: l.daysOnSite === null ? '' : String(l.daysOnSite),
    remoteOk: l.remoteOk ? 'on' : '',
    budgetMin: l.budgetMinYen === null ? '' : String(l.budgetMinYen / 10_000),
    budgetMax: l.budgetMaxYen === null ? '' : String(l.budgetMaxYen / 10_000),
    headcount: l.headcount === null ? '' : String(l.headcount),
    regionAnywhere: l.regionAnywhere ? 'on' : '',
    regionPrefCodes: l.regionPrefCodes,
    contactName: l.contactName,
    contactEmail: l.contactEmail,
    contactPhone: l.contactPhone,
  };
  const attachments = await findAttachments(db, id);
  return {
    id,
    kind,
    title: l.title,
    status: effectiveStatus(l, japanToday()),
    closeReason: l.closeReason,
    values,
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.file_name, mime: a.mime, sizeBytes: a.size_bytes })),
  };
}
