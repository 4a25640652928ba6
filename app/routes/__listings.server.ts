import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node';
import { ATTACHMENT_RULES, KIND_PATHS, TYPES_BY_ORG_KIND, type ListingKind } from '../domain/listings';
import { listingRuleProblems, type ListingRuleContext, type ListingRuleValues } from '../domain/listings/form-rules';
import { can } from '../domain/policy';
import { japanToday } from '../utils/dates';
import { LifecycleForm, ListingFilterSchema, OpeningForm, SolutionForm } from '../schemas/listings';
import { formSchema } from '../schemas/form';
import { getOptionalUser, requireCan, requireUser } from '../services/auth.server';
import type { OrganisationStatus, Role } from '../domain/accounts/types';
import { favouritePanel } from '../services/favourites.server';
import { profileFor } from '../services/profiles.server';
import { listingProposalsSection } from '../services/proposal-pages.server';
import { addAttachment, attachmentResponse, removeAttachment } from '../services/listing-attachments.server';
import { changeListingStatus, createListing, getListingForEdit, getListingPage, listPublished, updateListing } from '../services/listings.server';
import { asErrorResponse, invariantResponse, refusalOf } from '../utils/errors';
import { answerOnce, NO_STORE, newSubmissionKey, parseSubmission, readFormData, readMultipartFormData, refused } from '../utils/forms.server';
import { idParam } from '../utils/params';
import { z } from 'zod';

/*
 * The server side of the 起業人募集 and ソリューション pages, written once for both kinds: plain
 * functions taking the kind, called from each route module's own loader and action
 * (app/routes/openings.*.tsx, app/routes/solutions.*.tsx). Each starts with the policy check.
 */

const listingId = (params: LoaderFunctionArgs['params']) => idParam(params.id, '掲載');
/**
 * The listing form with the rules that need the poster and today's date (a past start or deadline,
 * a 類型 the organisation may not offer), so one answer lists every problem.
 */
const parseListing = (kind: ListingKind, formData: FormData, ctx: Omit<ListingRuleContext, 'kind' | 'today'>) => {
  const rules = (v: ListingRuleValues, report: (field: never, message: string) => void) => {
    for (const [field, messages] of Object.entries(listingRuleProblems(v, { ...ctx, kind, today: japanToday() }))) for (const m of messages) report(field as never, m);
  };
  return kind === 'opening' ? parseSubmission(formData, OpeningForm, [rules]) : parseSubmission(formData, SolutionForm, [rules]);
};
const doneOf = (request: Request) => new URL(request.url).searchParams.get('done');

// ——— /openings, /solutions ———

export async function listingIndex(kind: ListingKind, { request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  const filters = ListingFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listPublished(context.db, kind, { category: filters.category, type: filters.type, prefCode: filters.pref, remoteOk: filters.remote, page: filters.page });
  return json({ kind, filters, ...result, canCreate: can(user, 'listing.create', { type: 'listing', listingKind: kind }) });
}
export type ListingIndexData = SerializeFrom<typeof listingIndex>;

// ——— /openings/new, /solutions/new ———

export async function newListingPage(kind: ListingKind, { request, context }: LoaderFunctionArgs) {
  const user = await requireCan(request, context, 'listing.create', { type: 'listing', listingKind: kind });
  const values = { contactName: user.name, contactEmail: user.email, termMinMonths: '6', termMaxMonths: '12', headcount: '1' };
  return json(
    { kind, values, allowedTypes: TYPES_BY_ORG_KIND[user.role] ?? [], organisationName: user.organisation.name, submissionKey: newSubmissionKey() },
    { headers: NO_STORE },
  );
}
export type NewListingData = SerializeFrom<typeof newListingPage>;

export async function createListingAction(kind: ListingKind, { request, context }: ActionFunctionArgs) {
  const user = await requireCan(request, context, 'listing.create', { type: 'listing', listingKind: kind });
  const formData = await readFormData(request);
  // The same form sent twice (a double click) creates one listing and answers both with its page.
  return answerOnce(context, formData, `listing.create:${kind}:${user.id}`, async () => {
    const intent = formData.get('intent');
    const publish = intent === 'publish';
    const parsed = await parseListing(kind, formData, { role: user.role, publish });
    if (!parsed.ok) return refused(parsed.reply());
    const result = await createListing(context.db, user, kind, parsed.value, { publish, ip: context.clientIp }).catch(asErrorResponse);
    if (!result.ok) return refused(parsed.reply({ fieldErrors: result.errors }));
    // 「プレビュー」 saves a draft and shows it as others will see it, with the button that publishes it.
    if (intent === 'preview') return redirect(`${KIND_PATHS[kind]}/${result.id}/preview`);
    return redirect(`${KIND_PATHS[kind]}/${result.id}?done=${publish ? 'published' : 'saved'}`);
  });
}

// ——— /openings/:id, /solutions/:id ———

export async function listingDetail(kind: ListingKind, { request, context, params }: LoaderFunctionArgs) {
  const id = listingId(params);
  const user = await getOptionalUser(request, context);
  const page = await getListingPage(context.db, user, kind, id).catch(asErrorResponse);
  const [favourites, proposals, ownerProfile] = await Promise.all([
    favouritePanel(context.db, user, { id, kind, ownerOrganisationId: page.owner.id, draft: page.status === 'draft' }),
    listingProposalsSection(context.db, user, { id, canEdit: page.canEdit, published: page.status === 'published' }),
    // An individual's profile beside their solution, for those who may read it (municipalities deciding on a scout).
    profileFor(context.db, user, { id: page.owner.id, kind: page.owner.kind as Role, status: page.owner.status as OrganisationStatus }),
  ]);
  return json({ kind, ...page, favourites, proposals, ownerProfile, done: doneOf(request), signedIn: user !== null });
}
export type ListingDetailData = SerializeFrom<typeof listingDetail>;

// ——— /openings/:id/preview, /solutions/:id/preview ———

/** The page as others will see it, for the organisation that writes it: only its editors may look. */
export async function listingPreview(kind: ListingKind, { request, context, params }: LoaderFunctionArgs) {
  const id = listingId(params);
  const user = await requireUser(request, context);
  const page = await getListingPage(context.db, user, kind, id).catch(asErrorResponse);
  invariantResponse(page.canEdit, '掲載が見つかりません。', { status: 404 });
  return json({ kind, ...page, favourites: { mine: null, owner: null }, proposals: null, ownerProfile: null, done: null, signedIn: true });
}

/** The lifecycle buttons of the detail page: publish, close (filled / withdrawn), reopen. */
export async function listingLifecycleAction(kind: ListingKind, { request, context, params }: ActionFunctionArgs) {
  const id = listingId(params);
  const user = await requireUser(request, context);
  // Permission before validation: someone else's listing answers 403/404, never a form error.
  await getListingForEdit(context.db, user, kind, id).catch(asErrorResponse);
  const parsed = await parseSubmission(await readFormData(request), LifecycleForm);
  if (!parsed.ok) return refused(parsed.reply());
  const { intent, reason } = parsed.value;
  const result = await changeListingStatus(context.db, user, id, intent, { reason, ip: context.clientIp }).catch(asErrorResponse);
  if (!result.ok) return refused(parsed.reply({ formErrors: [result.message] }), 409);
  return redirect(`${KIND_PATHS[kind]}/${id}?done=${intent === 'close' ? 'closed' : 'published'}`);
}

// ——— /openings/:id/edit, /solutions/:id/edit ———

export async function editListingPage(kind: ListingKind, { request, context, params }: LoaderFunctionArgs) {
  const id = listingId(params);
  const user = await requireUser(request, context);
  const listing = await getListingForEdit(context.db, user, kind, id).catch(asErrorResponse);
  return json({ ...listing, allowedTypes: TYPES_BY_ORG_KIND[user.role] ?? [], done: doneOf(request), maxBytes: ATTACHMENT_RULES.maxBytes, maxFiles: ATTACHMENT_RULES.maxPerListing });
}
export type EditListingData = SerializeFrom<typeof editListingPage>;

/** Which of the edit page's forms an answer belongs to. */
export type EditForm = 'listing' | 'attachment';

const RemoveAttachmentForm = formSchema({ attachmentId: z.string().uuid('添付ファイルが見つかりません。') });
const UploadForm = formSchema({ intent: z.string().optional() });
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}MB`;

/** Saves the form, or adds/removes an attachment (a separate multipart form on the same page). */
export async function editListingAction(kind: ListingKind, { request, context, params }: ActionFunctionArgs) {
  const id = listingId(params);
  const user = await requireUser(request, context);
  const stored = await getListingForEdit(context.db, user, kind, id).catch(asErrorResponse);
  const back = `${KIND_PATHS[kind]}/${id}/edit`;
  const opts = { dataDir: context.config.dataDir, ip: context.clientIp };
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const { formData, tooLarge } = await readMultipartFormData(request, ATTACHMENT_RULES.maxBytes);
    const parsed = await parseSubmission(formData, UploadForm);
    if (tooLarge) return refused(parsed.reply({ fieldErrors: { file: [`ファイルは${mb(ATTACHMENT_RULES.maxBytes)}以下にしてください。`] } }), 413, { form: 'attachment' as EditForm });
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0) return refused(parsed.reply({ fieldErrors: { file: ['ファイルを選んでください。'] } }), 400, { form: 'attachment' as EditForm });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await addAttachment(context.db, user, { kind, id }, { name: file.name, bytes }, opts).catch(asErrorResponse);
    if (!result.ok) return refused(parsed.reply({ fieldErrors: { file: [result.message] } }), 400, { form: 'attachment' as EditForm });
    return redirect(`${back}?done=attached`);
  }
  const formData = await readFormData(request);
  if (formData.get('intent') === 'delete-attachment') {
    const parsed = await parseSubmission(formData, RemoveAttachmentForm);
    if (!parsed.ok) return refused(parsed.reply(), 400, { form: 'attachment' as EditForm });
    await removeAttachment(context.db, user, { kind, id }, parsed.value.attachmentId, opts).catch(asErrorResponse);
    return redirect(`${back}?done=detached`);
  }
  const parsed = await parseListing(kind, formData, { role: user.role, stored: { status: stored.status, startFrom: typeof stored.values.startFrom === 'string' && stored.values.startFrom ? stored.values.startFrom : null } });
  if (!parsed.ok) return refused(parsed.reply(), 400, { form: 'listing' as EditForm });
  try {
    const result = await updateListing(context.db, user, id, parsed.value, { ip: context.clientIp });
    if (!result.ok) return refused(parsed.reply({ fieldErrors: result.errors }), 400, { form: 'listing' as EditForm });
  } catch (error) {
    // A listing closed meanwhile (409) is explained above the form, with the input kept.
    const refusal = refusalOf(error);
    return refused(parsed.reply({ formErrors: [refusal.message] }), refusal.status, { form: 'listing' as EditForm });
  }
  if (formData.get('intent') === 'preview') return redirect(`${KIND_PATHS[kind]}/${id}/preview`);
  return redirect(`${KIND_PATHS[kind]}/${id}?done=updated`);
}

// ——— attachments ———

export async function listingAttachment(kind: ListingKind, { request, context, params }: LoaderFunctionArgs) {
  const id = listingId(params);
  const user = await getOptionalUser(request, context);
  return attachmentResponse(context.db, user, { kind, id }, params.attachmentId ?? '', { dataDir: context.config.dataDir }).catch(asErrorResponse);
}
