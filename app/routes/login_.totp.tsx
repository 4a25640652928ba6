import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { ErrorSummary, Field, SubmitButton } from '../components/forms';
import { safeRedirect } from '../domain/accounts/redirect';
import { TOTP_LABELS, TotpCodeForm } from '../schemas/auth';
import { completeMfa, pendingMfaUser } from '../services/login.server';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

export const meta: MetaFunction = () => [{ title: '確認コード｜起業人マッチ' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!(await pendingMfaUser(context, request))) throw redirect('/login');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseSubmission(await readFormData(request), TotpCodeForm);
  if (!parsed.ok) return refused(parsed.reply());
  const outcome = await completeMfa(context, request, parsed.value.code, context.clientIp);
  if (!outcome.ok) return refused(parsed.reply({ fieldErrors: { code: [outcome.message] } }), outcome.status);
  return redirect(safeRedirect(parsed.value.redirectTo, context.config.publicUrl), { headers: { 'set-cookie': outcome.cookie } });
}

export default function LoginTotp() {
  const result = useActionData<typeof action>()?.result;
  const [params] = useSearchParams();
  const [form, fields] = useForm({ id: 'field', lastResult: result, constraint: getZodConstraint(TotpCodeForm.fields) });
  return (
    <section aria-labelledby="totp-title" className="mx-auto max-w-lg space-y-6">
      <h1 id="totp-title" className="text-3xl font-bold">
        確認コードの入力
      </h1>
      <p>認証アプリに表示されている6桁の確認コードを入力してください。</p>
      <ErrorSummary result={result} labels={TOTP_LABELS} />
      <Form method="post" id={form.id} className="space-y-5" noValidate>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field field={fields.code} label={TOTP_LABELS.code} required inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        <SubmitButton className="btn-primary w-full">ログイン</SubmitButton>
      </Form>
    </section>
  );
}
