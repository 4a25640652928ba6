import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { SubmitButton } from '../components/forms';
import { userOfUnsubscribeToken } from '../services/alerts.server';
import { activeAlertCount, unsubscribeAlerts, type ActiveAlerts } from '../services/saved-searches.server';
import { textResponse } from '../utils/errors';
import { NO_STORE } from '../utils/forms.server';
import { Notice } from '../components/notice';

/*
 * /alerts/unsubscribe/:token, the link in every alert digest: no log-in. GET asks for confirmation
 * (link checkers and mail scanners open links); POST stops the alerts of every saved search and the
 * マッチング提案 digest, from the button here or from a mail client's RFC 8058 one-click request (body
 * List-Unsubscribe=One-Click), and says what it stopped. A forged token is 404.
 */

/** 「保存した検索条件2件の新着のお知らせ」と「マッチング提案のお知らせ」 */
function describe(a: ActiveAlerts): string {
  const parts = [a.searches ? `保存した検索条件${a.searches}件の新着のお知らせ` : null, a.proposals ? 'マッチング提案のお知らせ' : null].filter(Boolean);
  return parts.join('と');
}

function userOf(context: LoaderFunctionArgs['context'], token: string | undefined): string {
  const userId = userOfUnsubscribeToken(context.config.sessionSecret, token ?? '');
  if (!userId) throw textResponse('配信停止のリンクが正しくありません。メールに記載されたリンクをそのまま開いてください。', 404, NO_STORE);
  return userId;
}

export const meta: MetaFunction = () => [{ title: 'お知らせメールの配信停止｜起業人マッチ' }, { name: 'robots', content: 'noindex' }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const userId = userOf(context, params.token);
  return json({ active: await activeAlertCount(context.db, userId) }, { headers: NO_STORE });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const userId = userOf(context, params.token);
  const stopped = await unsubscribeAlerts(context.db, userId, context.clientIp);
  return json({ done: true, stopped }, { headers: NO_STORE });
}

export const headers = () => NO_STORE;

export default function Unsubscribe() {
  const { active } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const nothing = !active.searches && !active.proposals;
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="page-title">お知らせメールの配信停止</h1>
      {done ? (
        <Notice tone="success" className="space-y-2">
          {done.stopped.searches || done.stopped.proposals ? <p>{describe(done.stopped)}（メールと「お知らせ」）を停止しました。</p> : <p>お知らせはすでに停止しています。</p>}
          <p>
            保存した検索条件そのものは残っています。再開するときはログインして、検索条件は「保存した検索条件」で、マッチング提案は「通知の設定」で頻度を選んでください。
          </p>
        </Notice>
      ) : nothing ? (
        <p>配信中のお知らせはありません（すでに停止しています）。</p>
      ) : (
        <>
          <p>{describe(active)}（メールと「お知らせ」）を停止します。保存した検索条件そのものは残ります。</p>
          <Form method="post">
            <SubmitButton>配信を停止する</SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
