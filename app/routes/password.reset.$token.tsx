import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Field, SubmitButton } from '../components/forms';
import { Notice } from '../components/notice';
import { RESET_PASSWORD_LABELS, ResetPasswordForm } from '../schemas/auth';
import { isUsableResetToken, resetPassword } from '../services/login.server';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

export const meta: MetaFunction = () => [{ title: '新しいパスワードの設定｜起業人マッチ' }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return json({ usable: await isUsableResetToken(context.db, params.token ?? '') });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const parsed = await parseSubmission(await readFormData(request), ResetPasswordForm);
  if (!parsed.ok) return refused(parsed.reply());
  const ok = await resetPassword(context, params.token ?? '', parsed.value.password, context.clientIp);
  if (!ok) return refused(parsed.reply({ formErrors: ['このリンクは無効か、有効期限（30分）が切れています。もう一度再設定を申し込んでください。'] }));
  return redirect('/login?reset=1');
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({ id: 'field', lastResult: result, constraint: getZodConstraint(ResetPasswordForm.fields) });
  if (!usable && !result) {
    return (
      <section aria-labelledby="reset-title" className="mx-auto max-w-lg space-y-6">
        <h1 id="reset-title" className="text-3xl font-bold">
          新しいパスワードの設定
        </h1>
        <Notice tone="warning">
          <p>
            このリンクは無効か、有効期限（30分）が切れています。<a href="/password/forgot">もう一度再設定を申し込んでください</a>。
          </p>
        </Notice>
      </section>
    );
  }
  return (
    <section aria-labelledby="reset-title" className="mx-auto max-w-lg space-y-6">
      <h1 id="reset-title" className="text-3xl font-bold">
        新しいパスワードの設定
      </h1>
      <ErrorSummary result={result} labels={RESET_PASSWORD_LABELS} />
      <Form method="post" id={form.id} className="space-y-5" noValidate>
        <Field field={fields.password} label={RESET_PASSWORD_LABELS.password} required type="password" autoComplete="new-password" hint="10文字以上。設定すると、ほかの端末のログインはすべて終了します。" />
        <SubmitButton>パスワードを設定する</SubmitButton>
      </Form>
    </section>
  );
}
