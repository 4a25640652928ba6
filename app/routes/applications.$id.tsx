import { randomUUID } from 'node:crypto';
import type { SubmissionResult } from '@conform-to/react';
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
import { AcceptSlotForm, MESSAGE_LABELS, MessageForm, SLOTS_LABELS, SlotsForm, STATE_LABELS, StateForm } from '../schemas/chat';
import { formSchema } from '../schemas/form';
import { acceptInterviewSlot, changeApplicationState, conversationOf, getConversationPage, proposeSlots } from '../services/applications.server';
import { requireUser } from '../services/auth.server';
import { markRead, postMessage, type UploadedFile } from '../services/chat.server';
import { asErrorResponse, refusalOf } from '../utils/errors';
import { answerOnce, newSubmissionKey, parseSubmission, readMultipartFormData, refused, type Parsed } from '../utils/forms.server';
import { idParam } from '../utils/params';
import { DoneNotice, Notice } from '../components/notice';
import { ErrorSummary } from '../components/forms';

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

async function filesOf(form: FormData): Promise<UploadedFile[]> {
  const out: UploadedFile[] = [];
  for (const v of form.getAll('files')) {
    if (typeof v === 'string' || v.size === 0) continue;
    out.push({ name: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
  }
  return out;
}

/** The proposed slots as instants (Japan time), rows left blank dropped. */
function slotsFrom(form: FormData): SlotInput[] {
  const starts = form.getAll('slotStart').map(String);
  const ends = form.getAll('slotEnd').map(String);
  return starts
    .map((start, i) => ({ start, end: ends[i] ?? '' }))
    .filter((s) => s.start.trim() !== '' || s.end.trim() !== '')
    .map((s) => ({ startsAt: parseJapanLocal(s.start) ?? new Date(NaN), endsAt: parseJapanLocal(s.end) ?? new Date(NaN) }));
}

/** The page's forms, by the `intent` each posts; a refused one comes back under its own form id. */
const FORMS = { message: MessageForm, state: StateForm, slots: SlotsForm, accept: AcceptSlotForm } as const;
type Intent = keyof typeof FORMS;
const isIntent = (v: unknown): v is Intent => typeof v === 'string' && Object.hasOwn(FORMS, v);
const NO_FIELDS = formSchema({});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params.id, '応募');
  const { formData, tooLarge } = await readMultipartFormData(request, ATTACHMENT_RULES.maxBytes);
  // A form sent twice (a double click on 候補日時を送る or 承諾する) is worked on once; both get the first answer.
  return answerOnce(context, formData, `application:${id}:${user.id}`, () => act(context, user, id, formData, tooLarge));
}

async function act(context: ActionFunctionArgs['context'], user: Awaited<ReturnType<typeof requireUser>>, id: number, formData: FormData, tooLarge: boolean) {
  const posted = formData.get('intent') ?? 'message';
  if (!isIntent(posted)) return refused((await parseSubmission(formData, NO_FIELDS)).reply({ formErrors: ['操作を選んでください。'] }), 400, { intent: 'message' as Intent });
  const intent = posted;
  const opts = { ip: context.clientIp, publicUrl: context.config.publicUrl, hub: context.chat };
  const refuse = (result: SubmissionResult<string[]>, status = 400) => refused(result, status, { intent });
  /** The work of an accepted form; a service's refusal (409, 400…) comes back above the form, everything typed kept. */
  const attempt = async (parsed: Parsed<unknown>, work: () => Promise<Response>) => {
    try {
      return await work();
    } catch (error) {
      const refusal = refusalOf(error);
      return refuse(parsed.reply({ formErrors: [refusal.message] }), refusal.status);
    }
  };
  if (intent === 'message') {
    const parsed = await parseSubmission(formData, MessageForm);
    if (tooLarge) return refuse(parsed.reply({ formErrors: [`ファイルは${Math.round(ATTACHMENT_RULES.maxBytes / 1024 / 1024)}MB以下にしてください。`] }), 413);
    if (!parsed.ok) return refuse(parsed.reply({ formErrors: ['メッセージを送信できませんでした。'] }));
    const { clientKey, body } = parsed.value;
    return attempt(parsed, async () => {
      // Only the conversation id is needed to post: the history is not loaded.
      const conversationId = await conversationOf(context.db, user, id);
      await postMessage(context.db, user, { conversationId, clientKey, body, files: await filesOf(formData) }, { limits: context.chatLimits, dataDir: context.config.dataDir, hub: opts.hub });
      return redirect(`/applications/${id}#latest`);
    });
  }
  if (intent === 'state') {
    const parsed = await parseSubmission(formData, StateForm);
    if (!parsed.ok) return refuse(parsed.reply());
    const { to, reason } = parsed.value;
    return attempt(parsed, async () => {
      const result = await changeApplicationState(context.db, user, id, to, { ...opts, reason });
      if (!result.ok) return refuse(parsed.reply({ formErrors: [result.message] }), result.status);
      return redirect(`/applications/${id}?done=state`);
    });
  }
  if (intent === 'slots') {
    const parsed = await parseSubmission(formData, SlotsForm);
    if (!parsed.ok) return refuse(parsed.reply());
    const { location } = parsed.value;
    return attempt(parsed, async () => {
      await proposeSlots(context.db, user, id, { slots: slotsFrom(formData), location }, opts);
      return redirect(`/applications/${id}?done=slots#slots`);
    });
  }
  const parsed = await parseSubmission(formData, AcceptSlotForm);
  if (!parsed.ok) return refuse(parsed.reply());
  const { slotId } = parsed.value;
  return attempt(parsed, async () => {
    await acceptInterviewSlot(context.db, user, id, slotId, opts);
    return redirect(`/applications/${id}?done=accepted#slots`);
  });
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

/** What the action answers when it refuses a form (the kit's SubmissionResult and which form it was). */
type Refused = { result: SubmissionResult<string[]>; intent: Intent };

const LABELS: Record<Intent, Record<string, string>> = { message: MESSAGE_LABELS, state: STATE_LABELS, slots: SLOTS_LABELS, accept: {} };

export default function ConversationPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<Refused>();
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
          <Notice tone="warning" role="none" className="text-sm">
            <p className="font-bold">制度の対象外の組み合わせとして送られた問い合わせです（合意には進めません）。</p>
            <ul className="mt-1 list-disc pl-6">
              {a.eligibility.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
      </header>
      <DoneNotice done={data.done} messages={DONE} />
      {failure ? <ErrorSummary result={failure.result} labels={LABELS[failure.intent]} formId={failure.intent} /> : null}
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
          result={failure?.intent === 'message' ? failure.result : undefined}
        />
        <div className="min-w-0 space-y-6">
          <StatePanel moves={data.moves} state={a.state} stateReason={a.stateReason} result={failure?.intent === 'state' ? failure.result : undefined} />
          <SlotsPanel
            applicationId={a.id}
            slots={data.slots}
            canPropose={data.canProposeSlots}
            submissionKey={data.submissionKey}
            result={failure?.intent === 'slots' ? failure.result : undefined}
            acceptResult={failure?.intent === 'accept' ? failure.result : undefined}
          />
        </div>
      </div>
    </div>
  );
}
