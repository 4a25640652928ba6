import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { ErrorSummary, TextField } from '../components/accounts/fields';
import { fieldErrors, LoginSchema, safeRedirect } from '../domain/accounts/schemas';
import { getOptionalUser } from '../services/auth.server';
import { formValues, keepInput } from '../services/forms.server';
import { logIn } from '../services/login.server';

export const meta: MetaFunction = () => [{ title: 'ログイン｜起業人マッチ' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo'), context.config.publicUrl));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await formValues(request);
  const parsed = LoginSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values: keepInput(values) }, { status: 400 });
  const outcome = await logIn(context, request, parsed.data, context.clientIp);
  if (!outcome.ok) return json({ errors: { _form: [outcome.message] }, values: keepInput(values) }, { status: outcome.status });
  const to = safeRedirect(parsed.data.redirectTo, context.config.publicUrl);
  const next = outcome.mfa
    ? `/login/totp?redirectTo=${encodeURIComponent(to)}`
    : outcome.totpSetup
      ? `/settings/totp?${outcome.totpSetup}=1&redirectTo=${encodeURIComponent(to)}`
      : to;
  return redirect(next, { headers: { 'set-cookie': outcome.cookie } });
}

const LABELS = { email: 'メールアドレス', password: 'パスワード' };

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const values = (data?.values ?? {}) as Record<string, string>;
  return (
    <section aria-labelledby="login-title" className="mx-auto max-w-lg space-y-6">
      <h1 id="login-title" className="text-3xl font-bold">
        ログイン
      </h1>
      <ErrorSummary errors={data?.errors} labels={LABELS} />
      <Form method="post" className="space-y-5" noValidate>
        <input type="hidden" name="redirectTo" value={values.redirectTo ?? params.get('redirectTo') ?? ''} />
        <TextField name="email" label="メールアドレス" type="email" autoComplete="username" errors={data?.errors} defaultValue={values.email} />
        <TextField name="password" label="パスワード" type="password" autoComplete="current-password" errors={data?.errors} />
        <button type="submit" className="btn-primary w-full">
          ログイン
        </button>
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
