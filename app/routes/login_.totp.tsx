import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { ErrorSummary, TextField } from '../components/accounts/fields';
import { fieldErrors, safeRedirect, TotpCodeSchema } from '../domain/accounts/schemas';
import { formValues } from '../services/forms.server';
import { completeMfa, pendingMfaUser } from '../services/login.server';

export const meta: MetaFunction = () => [{ title: '確認コード｜起業人マッチ' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!(await pendingMfaUser(context, request))) throw redirect('/login');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await formValues(request);
  const parsed = TotpCodeSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const outcome = await completeMfa(context, request, parsed.data.code, context.clientIp);
  if (!outcome.ok) return json({ errors: { code: [outcome.message] } }, { status: outcome.status });
  return redirect(safeRedirect(values.redirectTo, context.config.publicUrl), { headers: { 'set-cookie': outcome.cookie } });
}

export default function LoginTotp() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section aria-labelledby="totp-title" className="mx-auto max-w-lg space-y-6">
      <h1 id="totp-title" className="text-3xl font-bold">
        確認コードの入力
      </h1>
      <p>認証アプリに表示されている6桁の確認コードを入力してください。</p>
      <ErrorSummary errors={data?.errors} labels={{ code: '確認コード' }} />
      <Form method="post" className="space-y-5" noValidate>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <TextField name="code" label="確認コード" inputMode="numeric" autoComplete="one-time-code" maxLength={6} errors={data?.errors} />
        <button type="submit" className="btn-primary w-full">
          ログイン
        </button>
      </Form>
    </section>
  );
}
