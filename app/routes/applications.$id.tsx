import { randomUUID } from 'node:crypto';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Conversation } from '../components/applications/conversation';
import { SlotsPanel } from '../components/applications/slots-panel';
import { InquiryBadge, Progress, StateBadge } from '../components/applications/state-badge';
import { StatePanel } from '../components/applications/state-panel';
import { parseJapanLocal, type SlotInput } from '../domain/applications';
import { isTerminal } from '../domain/applications/states';
import { KIND_LABELS } from '../domain/applications/parties';
import { PROGRAM_TYPE_LABELS } from '../domain/eligibility/types';
import { ATTACHMENT_RULES } from '../domain/listings';
import { AcceptSlotFormSchema, fieldErrors, MessageFormSchema, SlotsFormSchema, StateFormSchema, type FieldErrors } from '../schemas/chat';
import { acceptInterviewSlot, changeApplicationState, conversationOf, getConversationPage, proposeSlots } from '../services/applications.server';
import { requireUser } from '../services/auth.server';
import { markRead, postMessage, type UploadedFile } from '../services/chat.server';
import { asErrorResponse, refusalOf } from '../utils/errors';
import { answerOnce, newSubmissionKey, NUL_MESSAGE, readMultipartFormData } from '../utils/forms.server';
import { idParam } from '../utils/params';
import { DoneNotice } from '../components/notice';

/*
 * /applications/:id: the conversation of an application or scout between its two parties, with its
 * state and the interview slots. Every form works as a plain post; with JavaScript the conversation
 * also runs over socket.io (app/chat/use-chat.ts). The ministry and operators are not parties: 404.
 */

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await getConversationPage(context.db, user, idParam(params.id, '応募')).catch(asErrorResponse);
  // Opening the page is reading it: the other side sees 既読.
  const last = page.messages.at(-1)?.seq ?? 0;
  if (last > 0) await markRead(context.db, user, page.conversationId, last, { hub: context.chat });
  return json({ ...page, clientKey: randomUUID(), submissionKey: newSubmissionKey(), done: new URL(request.url).searchParams.get('done') }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export type ActionFailure = { intent: string; formError?: string; errors?: FieldErrors; values?: Record<string, string> };

async function filesOf(form: FormData): Promise<UploadedFile[]> {
  const out: UploadedFile[] = [];
  for (const v of form.getAll('files')) {
    if (typeof v === 'string' || v.size === 0) continue;
    out.push({ name: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
  }
  return out;
}

/** The proposed slots as typed (rows left blank dropped) and as instants (Japan time). */
function slotsFrom(form: FormData): { slots: SlotInput[]; raw: { start: string; end: string }[] } {
  const starts = form.getAll('slotStart').map(String);
  const ends = form.getAll('slotEnd').map(String);
  const raw = starts.map((start, i) => ({ start, end: ends[i] ?? '' })).filter((s) => s.start.trim() !== '' || s.end.trim() !== '');
  const slots = raw.map((s) => ({ startsAt: parseJapanLocal(s.start) ?? new Date(NaN), endsAt: parseJapanLocal(s.end) ?? new Date(NaN) }));
  return { slots, raw };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.id, '応募');
  const { formData, tooLarge } = await readMultipartFormData(request, ATTACHMENT_RULES.maxBytes);
  // A form sent twice (a double click on 候補日時を送る or 承諾する) is worked on once; both get the first answer.
  return answerOnce(context, formData, `application:${id}:${user.id}`, () => act(context, user, id, formData, tooLarge));
}

async function act(context: ActionFunctionArgs['context'], user: Awaited<ReturnType<typeof requireUser>>, id: number, formData: FormData, tooLarge: boolean) {
  const intent = String(formData.get('intent') ?? 'message');
  const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const fail = (formError: string, status = 400, errors?: FieldErrors) => json<ActionFailure>({ intent, formError, errors, values }, { status });
  // PostgreSQL text cannot store NUL: a field error on the field that holds it, the input kept.
  const nul = Object.keys(values).filter((k) => values[k].includes('\u0000'));
  if (nul.length) return fail(NUL_MESSAGE, 400, Object.fromEntries(nul.map((k) => [k, [NUL_MESSAGE]])));
  if (tooLarge) return fail(`ファイルは${Math.round(ATTACHMENT_RULES.maxBytes / 1024 / 1024)}MB以下にしてください。`, 413);
  const opts = { ip: context.clientIp, publicUrl: context.config.publicUrl, hub: context.chat };
  try {
    if (intent === 'message') {
      const parsed = MessageFormSchema.safeParse(values);
      if (!parsed.success) return fail('メッセージを送信できませんでした。', 400, fieldErrors(parsed.error));
      // Only the conversation id is needed to post: the history is not loaded.
      const conversationId = await conversationOf(context.db, user, id);
      await postMessage(context.db, user, { conversationId, clientKey: parsed.data.clientKey, body: parsed.data.body ?? '', files: await filesOf(formData) }, { limits: context.chatLimits, dataDir: context.config.dataDir, hub: opts.hub });
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
      const { slots, raw } = slotsFrom(formData);
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.application.listingTitle}｜やりとり｜起業人マッチ` : '起業人マッチ' }];

const DONE: Record<string, string> = {
  sent: '送信しました。相手からの返信をお待ちください。',
  inquiry: '問い合わせとして送信しました。',
  exists: 'この掲載にはすでに送信済みです。こちらでやりとりを続けてください。',
  state: '状態を変更しました。相手にも通知されます。',
  slots: '候補日時を提案しました。',
  accepted: '面談日時を承諾しました。カレンダーに追加できます。',
};

export default function ConversationPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const a = data.application;
  const listingPath = `${a.listingKind === 'opening' ? '/openings' : '/solutions'}/${a.listingId}`;
  return (
    <div className="space-y-6">
      <nav aria-label="パンくずリスト" className="text-sm">
        <a href="/applications">応募・スカウト</a> <span aria-hidden="true">›</span> {a.listingTitle}
      </nav>
      <header className="space-y-2">
        <h1 className="page-title">{a.listingTitle}</h1>
        <p className="flex flex-wrap items-center gap-2">
          <StateBadge state={a.state} kind={a.kind} />
          {a.inquiry ? <InquiryBadge /> : null}
          <span className="text-sm text-solid-gray-800">
            {KIND_LABELS[a.kind]}・{PROGRAM_TYPE_LABELS[a.programType]}・{a.applicantName} → {a.ownerName}
          </span>
        </p>
        <Progress state={a.state} />
        <p className="flex flex-wrap gap-4 text-sm">
          <a href={listingPath}>掲載を見る</a>
          {a.state === 'agreed' || a.state === 'preparing' || a.state === 'concluded' ? (
            <a href={`/applications/${a.id}/agreement`} className="font-bold" data-testid="agreement-link">
              {a.programType === 'dispatch' ? '協定書' : '契約書'}の作成・確認へ
            </a>
          ) : null}
        </p>
        {a.inquiry ? (
          <div className="warning-box text-sm">
            <p className="font-bold">制度の対象外の組み合わせとして送られた問い合わせです（合意には進めません）。</p>
            <ul className="mt-1 list-disc pl-6">
              {a.eligibility.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </header>
      <DoneNotice done={data.done} messages={DONE} />
      {failure?.formError ? (
        <div role="alert" className="error-summary" tabIndex={-1}>
          <p>{failure.formError}</p>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Conversation
          applicationId={a.id}
          conversationId={data.conversationId}
          messages={data.messages}
          reads={data.reads}
          me={data.me}
          other={data.other}
          clientKey={data.clientKey}
          closed={isTerminal(a.state)}
          bodyError={failure?.intent === 'message' ? failure.errors?.body : undefined}
          values={failure?.intent === 'message' ? failure.values : undefined}
        />
        <div className="min-w-0 space-y-6">
          <StatePanel moves={data.moves} state={a.state} stateReason={a.stateReason} values={failure?.intent === 'state' ? failure.values : undefined} />
          <SlotsPanel applicationId={a.id} slots={data.slots} canPropose={data.canProposeSlots} submissionKey={data.submissionKey} values={failure?.intent === 'slots' ? failure.values : undefined} />
        </div>
      </div>
    </div>
  );
}
