import type { Kysely, Transaction } from 'kysely';
import {
  acceptSlot,
  findApplicationById,
  findApplicationEvents,
  findApplicationsForOrganisation,
  findOpenApplication,
  findOrganisationName,
  findSlot,
  findSlots,
  insertApplication,
  insertApplicationEvent,
  insertSlots,
  lockApplication,
  lockSlot,
  updateApplicationState,
  type ApplicationRecord,
} from '../../db/queries/applications';
import { insertConversation } from '../../db/queries/chat';
import { findListingById } from '../../db/queries/listings';
import { insertProposalEvents, wasProposed } from '../../db/queries/proposals';
import type { Database } from '../../db/database';
import type { ChatHub, ChatMessage } from '../chat/events';
import type { SessionUser } from '../domain/accounts/types';
import {
  allowedMoves,
  buildIcs,
  decideAccept,
  decideMove,
  decideSend,
  isTerminal,
  kindForListing,
  KIND_LABELS,
  moveLabel,
  otherSide,
  sideOf,
  slotAcceptedLine,
  slotsProposedLine,
  snapshotFor,
  stateChangeLine,
  STATE_LABELS,
  validateSlots,
  type ApplicationState,
  type EligibilitySnapshot,
  type Side,
  type SlotInput,
} from '../domain/applications';
import type { ListingKind } from '../domain/listings';
import { can } from '../domain/policy';
import { fiscalYearOf } from '../domain/rules/fiscal-year';
import type { ApplyFormInput } from '../schemas/chat';
import { ServiceError } from '../utils/errors';
import { audit } from './audit.server';
import { appendMessage, latestMessages, readMarks, toChatMessage } from './chat.server';
import { getListingForApply } from './listings.server';
import { notifyOrganisation } from './notifications.server';
import { formatTimeRange, japanToday } from '../utils/dates';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** The apply / scout form; `fromProposal` only when it was opened from a matching proposal. */
export type ApplyInput = Omit<ApplyFormInput, 'fromProposal'> & { fromProposal?: number | null };

export type WriteOptions = { ip: string; publicUrl: string; hub?: ChatHub };

const NOT_FOUND = '応募が見つかりません。';

const resourceOf = (a: Pick<ApplicationRecord, 'applicant_organisation_id' | 'owner_organisation_id'>) => ({
  type: 'application' as const,
  applicantOrganisationId: a.applicant_organisation_id,
  listingOwnerOrganisationId: a.owner_organisation_id,
});

const partiesOf = (a: Pick<ApplicationRecord, 'applicant_organisation_id' | 'owner_organisation_id'>) => ({
  applicantOrganisationId: a.applicant_organisation_id,
  ownerOrganisationId: a.owner_organisation_id,
});

/** The application and the viewer's side, if the viewer is one of its parties; 404 for everyone else. */
async function requireParty(db: Db | Trx, user: SessionUser | null, id: number): Promise<{ app: ApplicationRecord; side: Side }> {
  const app = Number.isSafeInteger(id) ? await findApplicationById(db, id) : undefined;
  if (!app || !user || !can(user, 'application.view', resourceOf(app))) throw new ServiceError(404, NOT_FOUND);
  return { app, side: sideOf(user.organisationId, partiesOf(app))! };
}

const inTransaction = <T>(db: Db | Trx, fn: (trx: Trx) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db as Trx) : (db as Db).transaction().execute(fn);

// ——— applying ———

/** What the apply/scout form shows: the listing, the eligibility verdicts and whether the viewer may send. */
export async function getApplyPage(db: Db, viewer: SessionUser, kind: ListingKind, listingId: number) {
  const page = await getListingForApply(db, viewer, kind, listingId);
  const existing = page.canApply ? await findOpenApplication(db, listingId, viewer.organisationId) : undefined;
  const offered = page.verdicts.length ? page.verdicts.map((v) => v.type) : page.listing.types;
  return {
    listing: { id: page.listing.id, kind, title: page.listing.title, types: page.listing.types },
    owner: page.owner,
    place: page.place,
    verdicts: page.verdicts,
    programTypes: offered,
    canApply: page.canApply,
    existingId: existing?.id ?? null,
    kind: kindForListing(kind),
  };
}

/**
 * Sends an application (opening) or a scout (solution). The verdict is computed again here, not
 * taken from the form: an ineligible pairing goes only as a marked inquiry.
 */
export async function applyToListing(db: Db, actor: SessionUser, kind: ListingKind, listingId: number, input: ApplyInput, opts: WriteOptions): Promise<{ id: number; conversationId: number; inquiry: boolean }> {
  const page = await getApplyPage(db, actor, kind, listingId);
  if (!page.canApply) throw new ServiceError(403, kind === 'opening' ? 'この募集には応募できません。' : 'このソリューションにはスカウトを送れません。');
  if (page.existingId) throw new ServiceError(409, 'この掲載にはすでに送信済みです。', 'already_sent', { existingId: page.existingId });
  const snapshot: EligibilitySnapshot = snapshotFor(page.verdicts, input.programType);
  const decision = decideSend(snapshot, input.asInquiry);
  if (!decision.ok) throw new ServiceError(400, decision.message);
  const ownerId = page.owner.id;
  const appKind = kindForListing(kind);
  const result = await db.transaction().execute(async (trx) => {
    const id = await insertApplication(trx, {
      listing_id: listingId,
      listing_kind: kind,
      kind: appKind,
      applicant_organisation_id: actor.organisationId,
      owner_organisation_id: ownerId,
      applicant_user_id: actor.id,
      program_type: input.programType,
      is_inquiry: decision.inquiry,
      eligibility: JSON.stringify(snapshot),
      message: input.message,
      proposal: input.proposal,
      state_reason: null,
      first_reply_at: null,
    });
    const conversationId = await insertConversation(trx, { application_id: id, applicant_organisation_id: actor.organisationId, owner_organisation_id: ownerId });
    await insertApplicationEvent(trx, { application_id: id, from_state: null, to_state: 'applied', actor_user_id: actor.id, actor_organisation_id: actor.organisationId, reason: null });
    await appendMessage(trx, conversationId, {
      kind: 'system',
      body: `${actor.organisation.name} が${decision.inquiry ? '問い合わせ（制度の対象外の組み合わせ）' : KIND_LABELS[appKind]}を送信しました`,
      meta: { event: 'created', inquiry: decision.inquiry },
      clientKey: `created:${id}`,
      sender: { userId: actor.id, organisationId: actor.organisationId },
    });
    const text = input.proposal ? `${input.message}\n\n【提案する人材・プラン】\n${input.proposal}` : input.message;
    await appendMessage(trx, conversationId, { kind: 'text', body: text, clientKey: `application:${id}`, sender: { userId: actor.id, organisationId: actor.organisationId } });
    await recordActedFromProposal(trx, actor, kind, listingId, input.fromProposal ?? null);
    await audit(trx, {
      actor,
      action: appKind === 'scout' ? 'application.scout' : 'application.create',
      targetType: 'application',
      targetId: id,
      ip: opts.ip,
      details: { listingId, programType: input.programType, inquiry: decision.inquiry, eligible: snapshot.eligible },
    });
    await notifyOrganisation(trx, {
      organisationId: ownerId,
      kind: 'application',
      applicationId: id,
      title: `${actor.organisation.name} から${decision.inquiry ? '問い合わせ' : KIND_LABELS[appKind]}が届きました`,
      body: `掲載「${page.listing.title}」`,
      url: `/applications/${id}`,
      publicUrl: opts.publicUrl,
    });
    return { id, conversationId, inquiry: decision.inquiry };
  });
  return result;
}

/**
 * The form was opened from a matching proposal (`fromProposal`: the sender's own listing): the
 * pairing counts as acted on now that it is sent, in the send's transaction. An id that is not the
 * sender's listing of the other kind, or a pairing never proposed to it, records nothing.
 */
async function recordActedFromProposal(trx: Trx, actor: SessionUser, kind: ListingKind, listingId: number, ownListingId: number | null) {
  if (ownListingId === null) return;
  const own = await findListingById(trx, ownListingId);
  if (!own || own.organisation_id !== actor.organisationId || own.kind === kind) return;
  const pair = kind === 'opening' ? { openingId: listingId, solutionId: own.id } : { openingId: own.id, solutionId: listingId };
  if (!(await wasProposed(trx, { ...pair, organisationId: actor.organisationId }))) return;
  await insertProposalEvents(trx, [{ kind: 'acted', opening_id: pair.openingId, solution_id: pair.solutionId, organisation_id: actor.organisationId, fiscal_year: fiscalYearOf(japanToday()) }]);
}

// ——— state changes ———

export type MoveResult = { ok: true; from: ApplicationState; to: ApplicationState; message: ChatMessage } | { ok: false; status: 403 | 404 | 409 | 400; message: string };

/**
 * Moves an application to `to` if the actor's side may: locks the row, checks the move, writes
 * the state, the event, a system line in the conversation, the audit entry and the other side's
 * notification together. Given a Transaction it runs inside it (agreements move agreed →
 * preparing → concluded with their own writes); the broadcast then waits for nobody.
 */
export async function changeApplicationState(
  db: Db | Trx,
  actor: SessionUser,
  applicationId: number,
  to: ApplicationState,
  opts: WriteOptions & { reason?: string | null; viaAgreement?: boolean },
): Promise<MoveResult> {
  let party: { app: ApplicationRecord; side: Side };
  try {
    party = await requireParty(db, actor, applicationId);
  } catch (error) {
    if (error instanceof ServiceError) return { ok: false, status: 404, message: error.message };
    throw error;
  }
  const reason = opts.reason?.trim() || null;
  const result = await inTransaction(db, async (trx): Promise<MoveResult> => {
    const row = await lockApplication(trx, applicationId);
    if (!row) return { ok: false, status: 404, message: NOT_FOUND };
    const from = row.state as ApplicationState;
    const decision = decideMove(party.side, from, to, { inquiry: row.is_inquiry, viaAgreement: opts.viaAgreement, reason });
    if (!decision.ok) return { ok: false, status: decision.code === 'reason_required' ? 400 : decision.code === 'wrong_side' ? 403 : 409, message: decision.message };
    const storedReason = to === 'withdrawn' || to === 'declined' ? reason : null;
    await updateApplicationState(trx, applicationId, to, storedReason);
    await insertApplicationEvent(trx, { application_id: applicationId, from_state: from, to_state: to, actor_user_id: actor.id, actor_organisation_id: actor.organisationId, reason: storedReason });
    const { record } = await appendMessage(trx, party.app.conversation_id, {
      kind: 'system',
      body: stateChangeLine({ actorOrganisationName: actor.organisation.name, from, to, reason: storedReason }),
      meta: { event: 'state', from, to },
      clientKey: `state:${applicationId}:${from}:${to}:${Date.now()}`,
      sender: { userId: actor.id, organisationId: actor.organisationId },
    });
    await audit(trx, { actor, action: 'application.state', targetType: 'application', targetId: applicationId, ip: opts.ip, details: { from, to, reason: storedReason } });
    const other = party.side === 'applicant' ? party.app.owner_organisation_id : party.app.applicant_organisation_id;
    await notifyOrganisation(trx, {
      organisationId: other,
      kind: 'state_change',
      applicationId,
      title: `「${party.app.listing_title}」の状態が「${STATE_LABELS[to]}」になりました`,
      body: stateChangeLine({ actorOrganisationName: actor.organisation.name, from, to, reason: storedReason }),
      url: `/applications/${applicationId}`,
      publicUrl: opts.publicUrl,
    });
    return { ok: true, from, to, message: toChatMessage(record) };
  });
  if (result.ok && opts.hub) {
    const audience = { organisationIds: [party.app.applicant_organisation_id, party.app.owner_organisation_id], applicationId };
    opts.hub.message(result.message, audience);
    opts.hub.state({ conversationId: party.app.conversation_id, applicationId, state: result.to });
  }
  return result;
}

// ——— interview slots ———

export async function proposeSlots(db: Db, actor: SessionUser, applicationId: number, input: { slots: SlotInput[]; location: string }, opts: WriteOptions & { now?: Date }) {
  const { app, side } = await requireParty(db, actor, applicationId);
  const now = opts.now ?? new Date();
  const state = app.state as ApplicationState;
  if (state !== 'in_dialogue' && state !== 'interview') throw new ServiceError(409, '面談の候補日時は「対話中」または「面談調整中」のときに提案できます。');
  const problems = validateSlots(input.slots, now);
  if (problems.length) throw new ServiceError(400, problems.join(' '));
  const messages: ChatMessage[] = [];
  await db.transaction().execute(async (trx) => {
    const locked = await lockApplication(trx, applicationId);
    if (locked!.state === 'in_dialogue') {
      await updateApplicationState(trx, applicationId, 'interview', null);
      await insertApplicationEvent(trx, { application_id: applicationId, from_state: 'in_dialogue', to_state: 'interview', actor_user_id: actor.id, actor_organisation_id: actor.organisationId, reason: null });
      await audit(trx, { actor, action: 'application.state', targetType: 'application', targetId: applicationId, ip: opts.ip, details: { from: 'in_dialogue', to: 'interview', via: 'slots' } });
      const r = await appendMessage(trx, app.conversation_id, {
        kind: 'system',
        body: stateChangeLine({ actorOrganisationName: actor.organisation.name, from: 'in_dialogue', to: 'interview' }),
        meta: { event: 'state', from: 'in_dialogue', to: 'interview' },
        clientKey: `state:${applicationId}:in_dialogue:interview:${Date.now()}`,
        sender: { userId: actor.id, organisationId: actor.organisationId },
      });
      messages.push(toChatMessage(r.record));
    }
    const slots = await insertSlots(
      trx,
      input.slots.map((s) => ({
        application_id: applicationId,
        message_id: null,
        proposed_by_user_id: actor.id,
        proposed_by_organisation_id: actor.organisationId,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        location: input.location,
      })),
    );
    const r = await appendMessage(trx, app.conversation_id, {
      kind: 'slots',
      body: `${slotsProposedLine({ actorOrganisationName: actor.organisation.name, count: slots.length })}\n${slots.map((s) => `・${formatTimeRange(new Date(s.starts_at), new Date(s.ends_at))}`).join('\n')}`,
      meta: { slotIds: slots.map((s) => s.id), location: input.location },
      clientKey: `slots:${slots[0].id}`,
      sender: { userId: actor.id, organisationId: actor.organisationId },
    });
    messages.push(toChatMessage(r.record));
    await audit(trx, { actor, action: 'application.slots', targetType: 'application', targetId: applicationId, ip: opts.ip, details: { slots: slots.map((s) => s.id) } });
    await notifyOrganisation(trx, {
      organisationId: side === 'applicant' ? app.owner_organisation_id : app.applicant_organisation_id,
      kind: 'interview',
      applicationId,
      title: `「${app.listing_title}」で面談の候補日時が提案されました`,
      body: slots.map((s) => formatTimeRange(new Date(s.starts_at), new Date(s.ends_at))).join('\n'),
      url: `/applications/${applicationId}#slots`,
      publicUrl: opts.publicUrl,
    });
  });
  broadcast(opts.hub, app, messages);
  if (app.state === 'in_dialogue') opts.hub?.state({ conversationId: app.conversation_id, applicationId, state: 'interview' });
}

export async function acceptInterviewSlot(db: Db, actor: SessionUser, applicationId: number, slotId: number, opts: WriteOptions & { now?: Date }) {
  const { app, side } = await requireParty(db, actor, applicationId);
  const now = opts.now ?? new Date();
  if (isTerminal(app.state as ApplicationState)) throw new ServiceError(409, 'この応募は終了しています。');
  const message = await db.transaction().execute(async (trx) => {
    const slot = await lockSlot(trx, applicationId, slotId);
    if (!slot) throw new ServiceError(404, '候補日時が見つかりません。');
    const decision = decideAccept({ status: slot.status, proposedByOrganisationId: slot.proposed_by_organisation_id, actorOrganisationId: actor.organisationId, startsAt: new Date(slot.starts_at), now });
    if (!decision.ok) throw new ServiceError(409, decision.message);
    await acceptSlot(trx, applicationId, slotId, actor.id);
    const when = formatTimeRange(new Date(slot.starts_at), new Date(slot.ends_at));
    const r = await appendMessage(trx, app.conversation_id, {
      kind: 'system',
      body: slotAcceptedLine({ actorOrganisationName: actor.organisation.name, when }),
      meta: { event: 'slot_accepted', slotId },
      clientKey: `slot-accepted:${slotId}`,
      sender: { userId: actor.id, organisationId: actor.organisationId },
    });
    await audit(trx, { actor, action: 'application.slot_accept', targetType: 'application', targetId: applicationId, ip: opts.ip, details: { slotId } });
    await notifyOrganisation(trx, {
      organisationId: side === 'applicant' ? app.owner_organisation_id : app.applicant_organisation_id,
      kind: 'interview',
      applicationId,
      title: `「${app.listing_title}」の面談日時が決まりました`,
      body: when,
      url: `/applications/${applicationId}#slots`,
      publicUrl: opts.publicUrl,
      // The same calendar entry as the slot's .ics download on the application page.
      attachments: [{ filename: slotCalendarFileName(slot.id), contentType: 'text/calendar', content: interviewCalendar(app, slot, opts.publicUrl, now) }],
    });
    return toChatMessage(r.record);
  });
  broadcast(opts.hub, app, [message]);
}

function broadcast(hub: ChatHub | undefined, app: ApplicationRecord, messages: ChatMessage[]) {
  if (!hub) return;
  for (const m of messages) hub.message(m, { organisationIds: [app.applicant_organisation_id, app.owner_organisation_id], applicationId: app.id });
}

/** The .ics file of an accepted slot, for the parties only. */
export async function slotCalendar(db: Db, viewer: SessionUser | null, applicationId: number, slotId: number, publicUrl: string, now = new Date()) {
  const { app } = await requireParty(db, viewer, applicationId);
  const slot = await findSlot(db, applicationId, slotId);
  if (!slot || slot.status !== 'accepted') throw new ServiceError(404, '承諾済みの面談日時が見つかりません。');
  return interviewCalendar(app, slot, publicUrl, now);
}

/** The download name of an accepted slot's calendar file (the route and the mail use it). */
export const slotCalendarFileName = (slotId: number) => `interview-${slotId}.ics`;

/** The calendar entry (.ics) of an accepted interview slot. */
function interviewCalendar(
  app: Pick<ApplicationRecord, 'id' | 'listing_title' | 'applicant_name' | 'owner_name'>,
  slot: { id: number; starts_at: Date | string; ends_at: Date | string; location: string },
  publicUrl: string,
  now: Date,
): string {
  const host = new URL(publicUrl).hostname;
  return buildIcs({
    uid: `interview-${slot.id}@${host}`,
    startsAt: new Date(slot.starts_at),
    endsAt: new Date(slot.ends_at),
    summary: `面談：${app.listing_title}（${app.applicant_name}・${app.owner_name}）`,
    description: `起業人マッチでの面談\n${publicUrl}/applications/${app.id}`,
    location: slot.location,
    url: `${publicUrl}/applications/${app.id}`,
    now,
  });
}

// ——— reading ———

export async function listApplications(db: Db, user: SessionUser) {
  const rows = await findApplicationsForOrganisation(db, user.organisationId, user.id);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    side: sideOf(user.organisationId, partiesOf(r))!,
    listingTitle: r.listing_title,
    listingKind: r.listing_kind,
    otherName: r.applicant_organisation_id === user.organisationId ? r.owner_name : r.applicant_name,
    state: r.state as ApplicationState,
    inquiry: r.is_inquiry,
    unread: r.unread ?? 0,
    lastActivityAt: new Date(r.last_message_at ?? r.updated_at).toISOString(),
  }));
}

/** The conversation of an application, for one of its parties (404 for everyone else): what a post or a download needs, without the history. */
export async function conversationOf(db: Db, user: SessionUser, applicationId: number): Promise<number> {
  return (await requireParty(db, user, applicationId)).app.conversation_id;
}

/** Everything the conversation page shows. The ministry and operators are not parties and get 404. */
export async function getConversationPage(db: Db, user: SessionUser, applicationId: number) {
  const { app, side } = await requireParty(db, user, applicationId);
  const [messages, reads, slots, events] = await Promise.all([
    latestMessages(db, app.conversation_id),
    readMarks(db, app.conversation_id),
    findSlots(db, applicationId),
    findApplicationEvents(db, applicationId),
  ]);
  const state = app.state as ApplicationState;
  const otherOrganisationId = side === 'applicant' ? app.owner_organisation_id : app.applicant_organisation_id;
  const other = await findOrganisationName(db, otherOrganisationId);
  return {
    application: {
      id: app.id,
      kind: app.kind,
      listingId: app.listing_id,
      listingKind: app.listing_kind,
      listingTitle: app.listing_title,
      applicantName: app.applicant_name,
      ownerName: app.owner_name,
      programType: app.program_type,
      inquiry: app.is_inquiry,
      eligibility: app.eligibility as unknown as EligibilitySnapshot,
      state,
      stateReason: app.state_reason,
      createdAt: new Date(app.created_at).toISOString(),
    },
    conversationId: app.conversation_id,
    side,
    otherSide: otherSide(side),
    me: { userId: user.id, organisationId: user.organisationId },
    other: { organisationId: otherOrganisationId, name: other?.name ?? '' },
    moves: allowedMoves(side, state, { inquiry: app.is_inquiry }).map((to) => ({ to, label: moveLabel(state, to), needsReason: to === 'withdrawn' || to === 'declined' })),
    messages,
    reads,
    slots: slots.map((s) => ({
      id: s.id,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: new Date(s.ends_at).toISOString(),
      label: formatTimeRange(new Date(s.starts_at), new Date(s.ends_at)),
      location: s.location,
      status: s.status,
      mine: s.proposed_by_organisation_id === user.organisationId,
    })),
    canProposeSlots: state === 'in_dialogue' || state === 'interview',
    events: events.map((e) => ({ from: e.from_state, to: e.to_state, at: new Date(e.created_at).toISOString(), reason: e.reason })),
  };
}
