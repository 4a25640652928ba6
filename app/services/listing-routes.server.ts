import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import { TYPES_BY_ORG_KIND, ATTACHMENT_RULES, KIND_PATHS, type ListingKind } from '../domain/listings';
import { can } from '../domain/policy';
import { CloseSchema, ListingFilterSchema, OpeningSchema, parseForm, SolutionSchema, type FieldErrors, type FormValues } from '../schemas/listings';
import { getOptionalUser, requireCan, requireUser } from './auth.server';
import { addAttachment, attachmentResponse, removeAttachment } from './listing-attachments.server';
import {
  changeListingStatus,
  createListing,
  getListingForEdit,
  getListingPage,
  listPublished,
  ListingAccessError,
  updateListing,
} from './listings.server';

/*
 * Loaders and actions of the listing pages, written once for both kinds; the route modules under
 * app/routes bind them to 'opening' or 'solution'. Every one starts with the policy check.
 */

export type FormFailure = { errors?: FieldErrors; values?: FormValues; formError?: string; attachmentError?: string };

const schemaFor = (kind: ListingKind) => (kind === 'opening' ? OpeningSchema : SolutionSchema);

function idParam(params: LoaderFunctionArgs['params']): number {
  const id = Number(params.id);
  if (!/^\d{1,9}$/.test(params.id ?? '') || !Number.isSafeInteger(id)) throw new Response('掲載が見つかりません。', { status: 404 });
  return id;
}

/** Turns a refusal from the service into the HTTP answer the error boundary shows. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ListingAccessError) throw new Response(error.message, { status: error.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    throw error;
  }
}

export const indexLoader =
  (kind: ListingKind) =>
  async ({ request, context }: LoaderFunctionArgs) => {
    const user = await getOptionalUser(request, context);
    const url = new URL(request.url);
    const filters = ListingFilterSchema.parse(Object.fromEntries(url.searchParams));
    const result = await listPublished(context.db, kind, { category: filters.category, type: filters.type, prefCode: filters.pref, remoteOk: filters.remote, page: filters.page });
    return json({ kind, filters, ...result, canCreate: can(user, 'listing.create', { type: 'listing', listingKind: kind }) });
  };

export const newLoader =
  (kind: ListingKind) =>
  async ({ request, context }: LoaderFunctionArgs) => {
    const user = await requireCan(request, context, 'listing.create', { type: 'listing', listingKind: kind });
    const values: FormValues = { contactName: user.name, contactEmail: user.email, termMinMonths: '6', termMaxMonths: '12', headcount: '1' };
    return json({ kind, values, allowedTypes: TYPES_BY_ORG_KIND[user.role] ?? [], organisationName: user.organisation.name });
  };

export const newAction =
  (kind: ListingKind) =>
  async ({ request, context }: ActionFunctionArgs) => {
    const user = await requireCan(request, context, 'listing.create', { type: 'listing', listingKind: kind });
    const formData = await request.formData();
    const parsed = parseForm(schemaFor(kind), formData);
    if (!parsed.ok) return json<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const publish = formData.get('intent') === 'publish';
    const result = await guarded(() => createListing(context.db, user, kind, parsed.data, { publish, ip: context.clientIp }));
    if (!result.ok) return json<FormFailure>({ errors: result.errors, values: parsed.values }, { status: 400 });
    return redirect(`${KIND_PATHS[kind]}/${result.id}?done=${publish ? 'published' : 'saved'}`);
  };

export const detailLoader =
  (kind: ListingKind) =>
  async ({ request, context, params }: LoaderFunctionArgs) => {
    const id = idParam(params);
    const user = await getOptionalUser(request, context);
    const page = await guarded(() => getListingPage(context.db, user, kind, id));
    const done = new URL(request.url).searchParams.get('done');
    return json({ kind, ...page, done, signedIn: user !== null });
  };

/** Lifecycle buttons on the detail page: publish, close (filled / withdrawn), reopen. */
export const detailAction =
  (kind: ListingKind) =>
  async ({ request, context, params }: ActionFunctionArgs) => {
    const id = idParam(params);
    const user = await requireUser(request, context);
    // Permission before validation: someone else's listing answers 403/404, never a form error.
    await guarded(() => getListingForEdit(context.db, user, kind, id));
    const formData = await request.formData();
    const intent = String(formData.get('intent') ?? '');
    if (intent !== 'publish' && intent !== 'close' && intent !== 'reopen') return json<FormFailure>({ formError: '操作を選んでください。' }, { status: 400 });
    let reason: 'filled' | 'withdrawn' | undefined;
    if (intent === 'close') {
      const parsed = CloseSchema.safeParse({ reason: formData.get('reason') ?? undefined });
      if (!parsed.success) return json<FormFailure>({ formError: parsed.error.issues[0]!.message }, { status: 400 });
      reason = parsed.data.reason;
    }
    const result = await guarded(() => changeListingStatus(context.db, user, id, intent, { reason, ip: context.clientIp }));
    if (!result.ok) return json<FormFailure>({ formError: result.message }, { status: 409 });
    return redirect(`${KIND_PATHS[kind]}/${id}?done=${intent === 'close' ? 'closed' : 'published'}`);
  };

export const editLoader =
  (kind: ListingKind) =>
  async ({ request, context, params }: LoaderFunctionArgs) => {
    const id = idParam(params);
    const user = await requireUser(request, context);
    const listing = await guarded(() => getListingForEdit(context.db, user, kind, id));
    const done = new URL(request.url).searchParams.get('done');
    return json({ ...listing, allowedTypes: TYPES_BY_ORG_KIND[user.role] ?? [], done, maxBytes: ATTACHMENT_RULES.maxBytes, maxFiles: ATTACHMENT_RULES.maxPerListing });
  };

/** Saves the form, or adds/removes an attachment (a separate multipart form on the same page). */
export const editAction =
  (kind: ListingKind) =>
  async ({ request, context, params }: ActionFunctionArgs) => {
    const id = idParam(params);
    const user = await requireUser(request, context);
    await guarded(() => getListingForEdit(context.db, user, kind, id));
    const back = `${KIND_PATHS[kind]}/${id}/edit`;
    if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
      let formData: FormData;
      try {
        formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: ATTACHMENT_RULES.maxBytes }));
      } catch (error) {
        if (error instanceof MaxPartSizeExceededError) return json<FormFailure>({ attachmentError: `ファイルは${ATTACHMENT_RULES.maxBytes / 1024 / 1024}MB以下にしてください。` }, { status: 413 });
        throw error;
      }
      const file = formData.get('file');
      if (!(file instanceof File) || file.size === 0) return json<FormFailure>({ attachmentError: 'ファイルを選んでください。' }, { status: 400 });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await guarded(() => addAttachment(context.db, user, { kind, id }, { name: file.name, bytes }, { dataDir: context.config.dataDir, ip: context.clientIp }));
      if (!result.ok) return json<FormFailure>({ attachmentError: result.message }, { status: 400 });
      return redirect(`${back}?done=attached`);
    }
    const formData = await request.formData();
    if (formData.get('intent') === 'delete-attachment') {
      await guarded(() => removeAttachment(context.db, user, { kind, id }, String(formData.get('attachmentId') ?? ''), { dataDir: context.config.dataDir }));
      return redirect(`${back}?done=detached`);
    }
    const parsed = parseForm(schemaFor(kind), formData);
    if (!parsed.ok) return json<FormFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await guarded(() => updateListing(context.db, user, id, parsed.data, { ip: context.clientIp }));
    if (!result.ok) return json<FormFailure>({ errors: result.errors, values: parsed.values }, { status: 400 });
    return redirect(`${KIND_PATHS[kind]}/${id}?done=updated`);
  };

export const attachmentLoader =
  (kind: ListingKind) =>
  async ({ request, context, params }: LoaderFunctionArgs) => {
    const id = idParam(params);
    const user = await getOptionalUser(request, context);
    return guarded(() => attachmentResponse(context.db, user, { kind, id }, params.attachmentId ?? '', { dataDir: context.config.dataDir }));
  };
