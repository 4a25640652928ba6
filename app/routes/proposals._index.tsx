import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { formSchema } from '../schemas/form';
import { DISMISSED_MESSAGE, ProposalList } from '../components/proposals/proposal-list';
import { KIND_PATHS } from '../domain/listings';
import { requireCan } from '../services/auth.server';
import { actOnProposal, dismissForViewer, organisationProposalsPage } from '../services/proposal-pages.server';
import { asErrorResponse, invariantResponse } from '../utils/errors';
import { NO_STORE, parseSubmission, readFormData } from '../utils/forms.server';
import { Notice } from '../components/notice';

export const meta: MetaFunction = () => [{ title: 'あなたへの提案｜起業人マッチ' }];

/** 「あなたへの提案」: the best eligible pairings across the organisation's open listings. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCan(request, context, 'proposal.view');
  const proposals = await organisationProposalsPage(context.db, user).catch(asErrorResponse);
  const done = new URL(request.url).searchParams.get('done');
  return json({ proposals, kind: user.role === 'municipality' ? ('opening' as const) : ('solution' as const), dismissed: done === 'dismissed' }, { headers: NO_STORE });
}

const ProposalForm = formSchema({
  intent: z.string().regex(/^(act|dismiss):\d+-\d+$/),
  openingId: z.coerce.number().int().positive(),
  solutionId: z.coerce.number().int().positive(),
  back: z.enum(['proposals', 'home', 'listing']).default('proposals'),
});

/** 応募 / スカウト (one step to the prefilled form) and 提案を非表示, posted from every list of proposals. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCan(request, context, 'proposal.view');
  // One-button forms: nothing typed to show again, so a malformed post is a plain 400.
  const parsed = await parseSubmission(await readFormData(request), ProposalForm);
  invariantResponse(parsed.ok, '送信内容が正しくありません。', { status: 400 });
  const { intent, openingId, solutionId, back } = parsed.value;
  invariantResponse(intent.endsWith(`:${openingId}-${solutionId}`), '送信内容が正しくありません。', { status: 400 });
  const pair = { openingId, solutionId };
  if (intent.startsWith('act:')) return redirect(await actOnProposal(context.db, user, pair).catch(asErrorResponse));
  const own = await dismissForViewer(context.db, user, pair).catch(asErrorResponse);
  if (back === 'listing') return redirect(`${KIND_PATHS[own.kind]}/${own.id}?done=dismissed#proposals-title`);
  return redirect(back === 'home' ? '/?done=dismissed' : '/proposals?done=dismissed');
}

export default function ProposalsPage() {
  const { proposals, kind, dismissed } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="page-title mb-2">あなたへの提案</h1>
      <p className="mb-6 max-w-3xl">
        あなたの団体の公開中の掲載それぞれに、制度の対象となる組み合わせだけを、合う順に提案しています。理由と、対象となる類型を添えています。
      </p>
      {dismissed ? (
        <Notice tone="success" as="p">
          {DISMISSED_MESSAGE}
        </Notice>
      ) : null}
      {proposals.length ? (
        <ProposalList proposals={proposals} back="proposals" showFor headingLevel={2} />
      ) : (
        <p className="rounded-lg bg-solid-gray-50 p-6">
          いまお出しできる提案はありません。{kind === 'opening' ? '起業人募集' : 'ソリューション'}を公開すると、制度の対象となる相手を提案します。
          <Link to="/my/listings">自分の掲載</Link>
        </p>
      )}
    </div>
  );
}
