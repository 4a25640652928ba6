import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Checkbox, ErrorSummary, SubmitButton } from '../components/forms';
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS } from '../domain/applications/notifications';
import { PreferencesForm } from '../schemas/settings';
import { requireUser } from '../services/auth.server';
import { getPreferences, savePreferences } from '../services/notifications.server';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';
import { Notice } from '../components/notice';

/* /settings/notifications: per kind of notification, in the お知らせ list and/or by e-mail. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const saved = new URL(request.url).searchParams.has('saved');
  return json({ preferences: await getPreferences(context.db, user), saved });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = await parseSubmission(await readFormData(request), PreferencesForm);
  if (!parsed.ok) return refused(parsed.reply());
  await savePreferences(context.db, user, parsed.value);
  return redirect('/settings/notifications?saved');
}

export const meta: MetaFunction = () => [{ title: '通知の設定｜起業人マッチ' }];

export default function NotificationSettings() {
  const { preferences, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label="パンくずリスト" className="text-sm">
        <a href="/settings">設定</a> <span aria-hidden="true">›</span> 通知
      </nav>
      <h1 className="page-title">通知の設定</h1>
      {saved ? (
        <Notice tone="success" as="p">
          保存しました。
        </Notice>
      ) : null}
      <Form method="post" id="field" className="space-y-4">
        <ErrorSummary result={result} labels={Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, NOTIFICATION_LABELS[k].label]))} />
        {NOTIFICATION_KINDS.map((k) => (
          <fieldset key={k} className="card space-y-2">
            <legend className="font-bold">{NOTIFICATION_LABELS[k].label}</legend>
            <p className="field-hint">{NOTIFICATION_LABELS[k].hint}</p>
            {k !== 'message' ? <Checkbox name={`${k}.inApp`} label="お知らせ一覧に表示する" checked={preferences[k].inApp} /> : null}
            <Checkbox name={`${k}.email`} label="メールで受け取る" checked={preferences[k].email} />
          </fieldset>
        ))}
        <SubmitButton>保存する</SubmitButton>
      </Form>
    </div>
  );
}
