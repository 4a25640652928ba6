import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Checkbox, ChoiceGroup, ErrorSummary, SubmitButton } from '../components/forms';
import { PROPOSAL_DIGEST_FREQUENCIES, PROPOSAL_DIGEST_FREQUENCY_HINTS, PROPOSAL_DIGEST_FREQUENCY_LABELS } from '../domain/alerts/proposal-digest';
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS, type Preferences } from '../domain/applications/notifications';
import { PreferencesForm } from '../schemas/settings';
import { requireUser } from '../services/auth.server';
import { getPreferences, savePreferences } from '../services/notifications.server';
import { NO_STORE, parseSubmission, readFormData, refused } from '../utils/forms.server';
import { Notice } from '../components/notice';

/*
 * /settings/notifications: per kind of notification, in the お知らせ list and/or by e-mail, and how
 * often the マッチング提案 digest comes (毎日・毎週・なし). Only the signed-in user's own settings: the
 * user comes from the session, never from the form.
 */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const saved = new URL(request.url).searchParams.has('saved');
  return json({ preferences: await getPreferences(context.db, user), saved }, { headers: NO_STORE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = await parseSubmission(await readFormData(request), PreferencesForm);
  if (!parsed.ok) return refused(parsed.reply());
  await savePreferences(context.db, user, parsed.value);
  return redirect('/settings/notifications?saved');
}

export const meta: MetaFunction = () => [{ title: '通知の設定｜起業人マッチ' }];

const LABELS: Record<string, string> = {
  ...Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, NOTIFICATION_LABELS[k].label])),
  'proposal.frequency': `${NOTIFICATION_LABELS.proposal.label}のお知らせの頻度`,
};

/** What a refused form showed, as sent (nothing ticked or chosen is lost). */
function submitted(value: unknown): Preferences {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, Record<string, unknown> | undefined>;
  const pick = (k: string) => ({ inApp: v[k]?.inApp === 'on', email: v[k]?.email === 'on' });
  const frequency = v.proposal?.frequency;
  return {
    ...(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, pick(k)])) as Record<(typeof NOTIFICATION_KINDS)[number], { inApp: boolean; email: boolean }>),
    proposal: { ...pick('proposal'), frequency: (PROPOSAL_DIGEST_FREQUENCIES as readonly unknown[]).includes(frequency) ? (frequency as Preferences['proposal']['frequency']) : ('' as never) },
  };
}

export default function NotificationSettings() {
  const loaded = useLoaderData<typeof loader>();
  const { saved } = loaded;
  const result = useActionData<typeof action>()?.result;
  const preferences: Preferences = result ? submitted(result.initialValue) : loaded.preferences;
  const frequencyErrors = result?.error?.['proposal.frequency'] ?? undefined;
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
        <ErrorSummary result={result} labels={LABELS} />
        {NOTIFICATION_KINDS.map((k) => (
          <fieldset key={k} className="card space-y-2" data-testid={`notification-${k}`}>
            <legend className="font-bold">{NOTIFICATION_LABELS[k].label}</legend>
            <p className="field-hint">{NOTIFICATION_LABELS[k].hint}</p>
            {k === 'proposal' ? (
              <ChoiceGroup
                type="radio"
                name="proposal.frequency"
                legend="お知らせの頻度"
                required
                columns={3}
                hint={PROPOSAL_DIGEST_FREQUENCIES.map((f) => `${PROPOSAL_DIGEST_FREQUENCY_LABELS[f]}：${PROPOSAL_DIGEST_FREQUENCY_HINTS[f]}`).join(' ')}
                options={PROPOSAL_DIGEST_FREQUENCIES.map((f) => ({ value: f, label: PROPOSAL_DIGEST_FREQUENCY_LABELS[f] }))}
                values={[preferences.proposal.frequency]}
                errors={frequencyErrors}
              />
            ) : null}
            {k !== 'message' ? <Checkbox name={`${k}.inApp`} label="お知らせ一覧に表示する" checked={preferences[k].inApp} /> : null}
            <Checkbox name={`${k}.email`} label="メールで受け取る" checked={preferences[k].email} />
          </fieldset>
        ))}
        <SubmitButton>保存する</SubmitButton>
      </Form>
    </div>
  );
}
