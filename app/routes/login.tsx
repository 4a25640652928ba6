import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { ErrorSummary, Field, SubmitButton } from '../components/forms';
import { safeRedirect } from '../domain/accounts/redirect';
import { LOGIN_LABELS, LoginForm } from '../schemas/auth';
import { getOptionalUser } from '../services/auth.server';
import { logIn } from '../services/login.server';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

export const meta: MetaFunction = () => [{ title: 'ログイン｜起業人マッチ' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  // After a refused post the page is rendered with the form's problems, also for a visitor already
  // signed in: Remix runs this loader with the post's headers then, so a form body means "show the form".
  const afterPost = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(request.headers.get('content-type') ?? '');
  if (user && !afterPost) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo'), context.config.publicUrl));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseSubmission(await readFormData(request), LoginForm);
  if (!parsed.ok) return refused(parsed.reply());
  const outcome = await logIn(context, request, parsed.value, context.clientIp);
  if (!outcome.ok) return refused(parsed.reply({ formErrors: [outcome.message] }), outcome.status);
  const to = safeRedirect(parsed.value.redirectTo, context.config.publicUrl);
  const next = outcome.mfa
    ? `/login/totp?redirectTo=${encodeURIComponent(to)}`
    : outcome.totpSetup
      ? `/settings/totp?${outcome.totpSetup}=1&redirectTo=${encodeURIComponent(to)}`
      : to;
  return redirect(next, { headers: { 'set-cookie': outcome.cookie } });
}

export default function Login() {
  const result = useActionData<typeof action>()?.result;
  const [params] = useSearchParams();
  const [form, fields] = useForm({ id: 'field', lastResult: result, constraint: getZodConstraint(LoginForm.fields) });
  const redirectTo = fields.redirectTo.initialValue;
  return (
    <section aria-labelledby="login-title" className="mx-auto max-w-lg space-y-6">
      <h1 id="login-title" className="text-3xl font-bold">
        ログイン
      </h1>
      <ErrorSummary result={result} labels={LOGIN_LABELS} />
      <Form method="post" id={form.id} className="space-y-5" noValidate>
        <input type="hidden" name="redirectTo" value={typeof redirectTo === 'string' ? redirectTo : (params.get('redirectTo') ?? '')} />
        <Field field={fields.email} label={LOGIN_LABELS.email} required type="email" autoComplete="username" />
        <Field field={fields.password} label={LOGIN_LABELS.password} required type="password" autoComplete="current-password" />
        <SubmitButton className="btn-primary w-full">ログイン</SubmitButton>
      </Form>
      <ul className="space-y-2 text-sm">
        <li>
          <a href="/password/forgot">パスワードを忘れた場合</a>
        </li>
        <li>
          アカウントをお持ちでない方は <a href="/signup">新規登録</a>
        </li>
      </ul>
    </section>
  );
}
