import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { SubmitButton } from '../components/forms';
import { requireUser } from '../services/auth.server';
import { listNotifications, markAllNotificationsRead } from '../services/notifications.server';
import { formatDateTime } from '../utils/dates';

/* /notifications: the signed-in user's お知らせ, newest first; one button marks them all read. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ notifications: await listNotifications(context.db, user) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  await markAllNotificationsRead(context.db, user);
  return redirect('/notifications');
}

export const meta: MetaFunction = () => [{ title: 'お知らせ｜起業人マッチ' }];


export default function NotificationsPage() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <div className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">お知らせ</h1>
        <a href="/settings/notifications">通知の設定</a>
      </div>
      {unread > 0 ? (
        <Form method="post">
          <SubmitButton className="btn-secondary btn-small">すべて既読にする（{unread}件）</SubmitButton>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p>お知らせはまだありません。</p> : null}
      <ul className="space-y-2">
        {notifications.map((n) => (
          <li key={n.id} className={`card ${n.read ? '' : 'border-blue-600'}`} data-testid="notification">
            <p className="text-xs text-solid-gray-700">
              {formatDateTime(n.createdAt)}
              {n.read ? '' : <span className="badge badge-blue ml-2">未読</span>}
            </p>
            <p className="font-bold">{n.url ? <a href={n.url}>{n.title}</a> : n.title}</p>
            {n.body ? <p className="whitespace-pre-wrap text-sm">{n.body}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
