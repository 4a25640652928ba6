import { randomUUID } from 'node:crypto';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import { parseJapanLocal, type SlotInput } from '../domain/applications';
import { ATTACHMENT_RULES } from '../domain/listings';
import { AcceptSlotFormSchema, fieldErrors, MessageFormSchema, SlotsFormSchema, StateFormSchema, type FieldErrors } from '../schemas/chat';
import {
  acceptInterviewSlot,
  changeApplicationState,
  getConversationPage,
  listApplications,
  proposeSlots,
  slotCalendar,
} from './applications.server';
import { can } from '../domain/policy';
import { forbidden, requireUser } from './auth.server';
import { chatAttachmentResponse, markRead, postMessage, type UploadedFile } from './chat.server';
import { asErrorResponse, refusalOf } from '../utils/errors';
import { readMultipartFormData } from '../utils/forms.server';
import { idParam as intParam } from '../utils/params';

/*
 * Loaders and actions of the application and conversation pages. Every page works as plain form
 * posts; with JavaScript the conversation also runs over socket.io (app/chat/use-chat.ts).
 */

export type ActionFailure = { intent: string; formError?: string; errors?: FieldErrors; values?: Record<string, string> };

const idParam = (value: string | undefined, what = '応募') => intParam(value, what);

const writeOptions = (context: AppLoadContext) => ({ ip: context.clientIp, publicUrl: context.config.publicUrl, hub: context.chat });

// ——— /applications ———

export async function applicationsLoader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  // Applications belong to the organisations that post listings (approved municipalities, companies, individuals).
  const party = can(user, 'listing.create', { type: 'listing', listingKind: 'opening' }) || can(user, 'listing.create', { type: 'listing', listingKind: 'solution' });
  if (!party) throw forbidden(user.organisation.status === 'approved' ? '応募・スカウトは自治体・企業・個人の方のページです。' : 'アカウントの審査が完了するまで、この操作はできません。');
  return json({ applications: await listApplications(context.db, user), role: user.role });
}

// ——— /applications/:id ———

export async function conversationLoader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.id);
  const page = await getConversationPage(context.db, user, id).catch(asErrorResponse);
  // Opening the page is reading it: the other side sees 既読.
  const last = page.messages.at(-1)?.seq ?? 0;
  if (last > 0) await markRead(context.db, user, page.conversationId, last, { hub: context.chat });
  const url = new URL(request.url);
  return json(
    { ...page, clientKey: randomUUID(), done: url.searchParams.get('done') },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

async function readForm(request: Request): Promise<{ form: FormData; tooLarge: boolean }> {
  const { formData, tooLarge } = await readMultipartFormData(request, ATTACHMENT_RULES.maxBytes);
  return { form: formData, tooLarge };
}

async function filesOf(form: FormData): Promise<UploadedFile[]> {
  const out: UploadedFile[] = [];
  for (const v of form.getAll('files')) {
    if (typeof v === 'string' || v.size === 0) continue;
    out.push({ name: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
  }
  return out;
}

function slotsFrom(form: FormData): { slots: SlotInput[]; raw: { start: string; end: string }[] } {
  const starts = form.getAll('slotStart').map(String);
  const ends = form.getAll('slotEnd').map(String);
  const raw = starts.map((start, i) => ({ start, end: ends[i] ?? '' })).filter((s) => s.start.trim() !== '' || s.end.trim() !== '');
  const slots = raw.map((s) => ({ startsAt: parseJapanLocal(s.start) ?? new Date(NaN), endsAt: parseJapanLocal(s.end) ?? new Date(NaN) }));
  return { slots, raw };
}

export async function conversationAction({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.id);
  const { form, tooLarge } = await readForm(request);
  const intent = String(form.get('intent') ?? 'message');
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const fail = (formError: string, status = 400, errors?: FieldErrors) => json<ActionFailure>({ intent, formError, errors, values }, { status });
  // PostgreSQL text cannot store NUL: refuse it instead of failing on insert.
  if (Object.values(values).some((v) => v.includes('\u0000'))) return fail('使用できない文字（NUL）が含まれています。');
  if (tooLarge) return fail(`ファイルは${Math.round(ATTACHMENT_RULES.maxBytes / 1024 / 1024)}MB以下にしてください。`, 413);
  const opts = writeOptions(context);
  try {
    if (intent === 'message') {
      const parsed = MessageFormSchema.safeParse(values);
      if (!parsed.success) return fail('メッセージを送信できませんでした。', 400, fieldErrors(parsed.error));
      const page = await getConversationPage(context.db, user, id);
      await postMessage(context.db, user, { conversationId: page.conversationId, clientKey: parsed.data.clientKey, body: parsed.data.body ?? '', files: await filesOf(form) }, { dataDir: context.config.dataDir, hub: opts.hub });
      return redirect(`/applications/${id}#latest`);
    }
    if (intent === 'state') {
      const parsed = StateFormSchema.safeParse(values);
      if (!parsed.success) return fail(parsed.error.issues[0]!.message);
      const result = await changeApplicationState(context.db, user, id, parsed.data.to, { ...opts, reason: parsed.data.reason });
      if (!result.ok) return fail(result.message, result.status);
      return redirect(`/applications/${id}?done=state`);
    }
    if (intent === 'slots') {
      const { slots, raw } = slotsFrom(form);
      const parsed = SlotsFormSchema.safeParse({ intent, slots: raw, location: values.location });
      if (!parsed.success) return fail(parsed.error.issues[0]!.message);
      await proposeSlots(context.db, user, id, { slots, location: parsed.data.location }, opts);
      return redirect(`/applications/${id}?done=slots#slots`);
    }
    if (intent === 'accept') {
      const parsed = AcceptSlotFormSchema.safeParse(values);
      if (!parsed.success) return fail('候補日時を選んでください。');
      await acceptInterviewSlot(context.db, user, id, parsed.data.slotId, opts);
      return redirect(`/applications/${id}?done=accepted#slots`);
    }
    return fail('操作を選んでください。');
  } catch (error) {
    const refusal = refusalOf(error);
    return fail(refusal.message, refusal.status);
  }
}

export async function attachmentLoader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.id);
  const page = await getConversationPage(context.db, user, id).catch(asErrorResponse);
  return chatAttachmentResponse(context.db, user, page.conversationId, params.fileId ?? '', { dataDir: context.config.dataDir }).catch(asErrorResponse);
}

export async function icsLoader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.id);
  const slotId = idParam(params.slotId, '面談日時');
  const ics = await slotCalendar(context.db, user, id, slotId, context.config.publicUrl).catch(asErrorResponse);
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="interview-${slotId}.ics"`,
      'Cache-Control': 'private, no-store',
    },
  });
}

