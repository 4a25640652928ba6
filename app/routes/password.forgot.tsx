import { json, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { ErrorSummary, Notice, TextField } from '../components/accounts/fields';
import { fieldErrors, ForgotPasswordSchema } from '../domain/accounts/schemas';
import { formValues, keepInput } from '../services/forms.server';
import { requestPasswordReset } from '../services/login.server';

export const meta: MetaFunction = () => [{ title: 'パスワードの再設定｜起業人マッチ' }];

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await formValues(request);
  const parsed = ForgotPasswordSchema.safeParse(values);
  if (!parsed.success) return json({ sent: false, errors: fieldErrors(parsed.error), values: keepInput(values) }, { status: 400 });
  // The answer must not tell whether the address has an account, not even by its timing: the lookup,
  // the token and the mail happen after it is sent.
  void requestPasswordReset(context, parsed.data.email, context.clientIp).catch((err: unknown) => context.logger.warn({ err }, 'password reset mail not sent'));
  return json({ sent: true, errors: {} as Record<string, string[]>, values: {} as Record<string, string> });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
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
          <ErrorSummary errors={data?.errors} labels={{ email: 'メールアドレス' }} />
          <Form method="post" className="space-y-5" noValidate>
            <TextField name="email" label="メールアドレス" type="email" autoComplete="email" errors={data?.errors} defaultValue={(data?.values as Record<string, string> | undefined)?.email} />
            <button type="submit" className="btn-primary">
              再設定用のリンクを送る
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
