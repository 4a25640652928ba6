import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { ErrorSummary, Field, SubmitButton } from '../components/forms';
import { Notice } from '../components/notice';
import { FORGOT_PASSWORD_LABELS, ForgotPasswordForm } from '../schemas/auth';
import { requestPasswordReset } from '../services/login.server';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

export const meta: MetaFunction = () => [{ title: 'パスワードの再設定｜起業人マッチ' }];

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseSubmission(await readFormData(request), ForgotPasswordForm);
  if (!parsed.ok) return refused(parsed.reply(), 400, { sent: false });
  // The answer must not tell whether the address has an account, not even by its timing: the lookup,
  // the token and the mail happen after it is sent.
  void requestPasswordReset(context, parsed.value.email, context.clientIp).catch((err: unknown) => context.logger.warn({ err }, 'password reset mail not sent'));
  return json({ sent: true, result: null });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const result = data?.result;
  const [form, fields] = useForm({ id: 'field', lastResult: result, constraint: getZodConstraint(ForgotPasswordForm.fields) });
  return (
    <section aria-labelledby="forgot-title" className="mx-auto max-w-lg space-y-6">
      <h1 id="forgot-title" className="text-3xl font-bold">
        パスワードの再設定
      </h1>
      {data?.sent ? (
        <Notice tone="success">
          <p>登録されているメールアドレスであれば、パスワード再設定用のリンクを送信しました。リンクの有効期限は30分です。</p>
        </Notice>
      ) : (
        <>
          <p>登録したメールアドレスを入力してください。再設定用のリンクをお送りします。</p>
          <ErrorSummary result={result} labels={FORGOT_PASSWORD_LABELS} />
          <Form method="post" id={form.id} className="space-y-5" noValidate>
            <Field field={fields.email} label={FORGOT_PASSWORD_LABELS.email} required type="email" autoComplete="email" />
            <SubmitButton>再設定用のリンクを送る</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
