import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Field, SubmitButton } from '../components/forms';
import { safeRedirect } from '../domain/accounts/redirect';
import { TOTP_LABELS, TotpSettingsForm } from '../schemas/auth';
import { forbidden, mustSetUpTotp, requireCan, sessionIdOf, type SessionUser } from '../services/auth.server';
import { beginTotpEnrolment, confirmTotpEnrolment, disableTotp, TOTP_ROLES } from '../services/login.server';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

export const meta: MetaFunction = () => [{ title: '二段階認証の設定｜起業人マッチ' }];

function requireTotpRole(user: SessionUser) {
  if (!(TOTP_ROLES as readonly string[]).includes(user.role)) throw forbidden('二段階認証は総務省・運営者のアカウントで利用できます。');
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCan(request, context, 'account.settings');
  requireTotpRole(user);
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), context.config.publicUrl);
  if (user.totpEnabled) return json({ enabled: true as const, secret: null, uri: null, required: false, offered: false, redirectTo });
  const enrolment = await beginTotpEnrolment(context, user);
  const required = mustSetUpTotp(user, context.config);
  return json({ enabled: false as const, secret: enrolment?.secret ?? null, uri: enrolment?.uri ?? null, required, offered: !required && url.searchParams.has('offered'), redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCan(request, context, 'account.settings');
  requireTotpRole(user);
  const parsed = await parseSubmission(await readFormData(request), TotpSettingsForm);
  if (!parsed.ok) return refused(parsed.reply());
  const { code, intent, redirectTo } = parsed.value;
  const ok =
    intent === 'disable'
      ? await disableTotp(context, user, code, context.clientIp)
      : await confirmTotpEnrolment(context, user, code, context.clientIp, (await sessionIdOf(request, context.config)) ?? undefined);
  if (!ok) return refused(parsed.reply({ fieldErrors: { code: ['確認コードが正しくありません。認証アプリの時刻設定も確認してください。'] } }));
  // Set up at sign-in: carry on where the visitor was going.
  const back = redirectTo ? safeRedirect(redirectTo, context.config.publicUrl) : null;
  return redirect(intent !== 'disable' && back && back !== '/' ? back : '/settings?saved=totp');
}

export default function TotpSettings() {
  const { enabled, secret, uri, required, offered, redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({ id: 'field', lastResult: result, constraint: getZodConstraint(TotpSettingsForm.fields) });
  return (
    <section aria-labelledby="totp-title" className="mx-auto max-w-2xl space-y-6">
      <h1 id="totp-title" className="text-3xl font-bold">
        二段階認証の設定
      </h1>
      {required ? (
        <p className="card" role="status">
          運営者のアカウントは、二段階認証を設定してから利用できます。設定すると、このアカウントのほかのログインはすべて終了します。
        </p>
      ) : offered ? (
        <p className="card" role="status">
          二段階認証を設定すると、パスワードが漏れてもログインされにくくなります。設定すると、このアカウントのほかのログインはすべて終了します。{' '}
          <a href={redirectTo}>今は設定しない</a>
        </p>
      ) : null}
      <ErrorSummary result={result} labels={TOTP_LABELS} />
      {enabled ? (
        <Form method="post" id={form.id} className="space-y-4" noValidate>
          <p>二段階認証は有効です。無効にするには、認証アプリの確認コードを入力してください。</p>
          <input type="hidden" name="intent" value="disable" />
          <Field field={fields.code} label={TOTP_LABELS.code} required inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          <SubmitButton className="btn-secondary">二段階認証を無効にする</SubmitButton>
        </Form>
      ) : (
        <Form method="post" id={form.id} className="space-y-4" noValidate>
          <ol className="list-decimal space-y-2 pl-5">
            <li>認証アプリ（Google Authenticator、Microsoft Authenticator など）で「セットアップキーを入力」を選びます。</li>
            <li>
              次のキーを入力します（時間ベース）：
              <code className="ml-2 break-all rounded bg-solid-gray-50 px-2 py-1 font-mono" data-testid="totp-secret">
                {secret}
              </code>
            </li>
            <li>アプリに表示された6桁のコードを下に入力します。</li>
          </ol>
          <p className="break-all text-sm text-solid-gray-700">
            設定用URI：<span data-testid="totp-uri">{uri}</span>
          </p>
          <input type="hidden" name="intent" value="enable" />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field field={fields.code} label={TOTP_LABELS.code} required inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          <SubmitButton>二段階認証を有効にする</SubmitButton>
        </Form>
      )}
      <p>
        <a href="/settings">アカウント設定へ戻る</a>
      </p>
    </section>
  );
}
