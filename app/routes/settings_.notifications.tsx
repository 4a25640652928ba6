import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationKind, type Preference } from '../domain/applications/notifications';
import { requireUser } from '../services/auth.server';
import { getPreferences, savePreferences } from '../services/notifications.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const saved = new URL(request.url).searchParams.has('saved');
  return json({ preferences: await getPreferences(context.db, user), saved });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  const prefs = Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, { inApp: form.get(`${k}.inApp`) === 'on', email: form.get(`${k}.email`) === 'on' }]),
  ) as Record<NotificationKind, Preference>;
  await savePreferences(context.db, user, prefs);
  return redirect('/settings/notifications?saved');
}

export const meta: MetaFunction = () => [{ title: '通知の設定｜起業人マッチ' }];

export default function NotificationSettings() {
  const { preferences, saved } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label="パンくずリスト" className="text-sm">
        <a href="/settings">設定</a> <span aria-hidden="true">›</span> 通知
      </nav>
      <h1 className="page-title">通知の設定</h1>
      {saved ? (
        <p role="status" className="notice">
          保存しました。
        </p>
      ) : null}
      <Form method="post" className="space-y-4">
        {NOTIFICATION_KINDS.map((k) => (
          <fieldset key={k} className="card space-y-2">
            <legend className="font-bold">{NOTIFICATION_LABELS[k].label}</legend>
            <p className="field-hint">{NOTIFICATION_LABELS[k].hint}</p>
            {k !== 'message' ? (
              <label className="checkbox-row">
                <input type="checkbox" name={`${k}.inApp`} defaultChecked={preferences[k].inApp} className="checkbox" />
                お知らせ一覧に表示する
              </label>
            ) : null}
            <label className="checkbox-row">
              <input type="checkbox" name={`${k}.email`} defaultChecked={preferences[k].email} className="checkbox" />
              メールで受け取る
            </label>
          </fieldset>
        ))}
        <button type="submit" className="btn-primary">
          保存する
        </button>
      </Form>
    </div>
  );
}
