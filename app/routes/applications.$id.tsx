import type { MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Conversation } from '../components/applications/conversation';
import { SlotsPanel } from '../components/applications/slots-panel';
import { InquiryBadge, Progress, StateBadge } from '../components/applications/state-badge';
import { StatePanel } from '../components/applications/state-panel';
import { isTerminal } from '../domain/applications/states';
import { KIND_LABELS } from '../domain/applications/parties';
import { PROGRAM_TYPE_LABELS } from '../domain/eligibility/types';
import { conversationAction, conversationLoader, type ActionFailure } from '../services/application-routes.server';

export const loader = conversationLoader;
export const action = conversationAction;

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
          <StateBadge state={a.state} />
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
      {data.done && DONE[data.done] ? (
        <p role="status" className="notice">
          {DONE[data.done]}
        </p>
      ) : null}
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
          <SlotsPanel applicationId={a.id} slots={data.slots} canPropose={data.canProposeSlots} values={failure?.intent === 'slots' ? failure.values : undefined} />
        </div>
      </div>
    </div>
  );
}
