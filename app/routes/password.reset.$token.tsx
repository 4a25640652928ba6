import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Notice, TextField } from '../components/accounts/fields';
import { fieldErrors, ResetPasswordSchema } from '../domain/accounts/schemas';
import { formValues } from '../services/forms.server';
import { isUsableResetToken, resetPassword } from '../services/login.server';

export const meta: MetaFunction = () => [{ title: '新しいパスワードの設定｜起業人マッチ' }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return json({ usable: await isUsableResetToken(context.db, params.token ?? '') });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const parsed = ResetPasswordSchema.safeParse(await formValues(request));
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const ok = await resetPassword(context, params.token ?? '', parsed.data.password, context.clientIp);
  if (!ok) return json({ errors: { _form: ['このリンクは無効か、有効期限（30分）が切れています。もう一度再設定を申し込んでください。'] } }, { status: 400 });
  return redirect('/login?reset=1');
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (!usable && !data) {
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
      <ErrorSummary errors={data?.errors} labels={{ password: '新しいパスワード' }} />
      <Form method="post" className="space-y-5" noValidate>
        <TextField name="password" label="新しいパスワード" type="password" autoComplete="new-password" errors={data?.errors} hint="10文字以上。設定すると、ほかの端末のログインはすべて終了します。" />
        <button type="submit" className="btn-primary">
          パスワードを設定する
        </button>
      </Form>
    </section>
  );
}
