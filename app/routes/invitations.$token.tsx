import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Notice, TextField } from '../components/accounts/fields';
import { AcceptInvitationSchema, fieldErrors } from '../domain/accounts/schemas';
import { acceptInvitation, findInvitation } from '../services/accounts.server';
import { startSession } from '../services/auth.server';
import { formValues, keepInput } from '../services/forms.server';

export const meta: MetaFunction = () => [{ title: '招待の受諾｜起業人マッチ' }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return json({ invitation: await findInvitation(context.db, params.token ?? '') });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const values = await formValues(request);
  const invitation = await findInvitation(context.db, params.token ?? '');
  const parsed = AcceptInvitationSchema.safeParse({ ...values, email: invitation?.email });
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), values: keepInput(values) }, { status: 400 });
  const result = await acceptInvitation(context, params.token ?? '', parsed.data, context.clientIp);
  if (!result.ok) return json({ errors: result.errors, values: keepInput(values) }, { status: 400 });
  const cookie = await startSession(context, request, result.userId, { ip: context.clientIp });
  return redirect('/settings', { headers: { 'set-cookie': cookie } });
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <section aria-labelledby="invite-title" className="mx-auto max-w-lg space-y-6">
      <h1 id="invite-title" className="text-3xl font-bold">
        招待の受諾
      </h1>
      {!invitation ? (
        <Notice tone="warning">
          <p>この招待リンクは無効か、有効期限が切れています。招待した方に再送を依頼してください。</p>
        </Notice>
      ) : (
        <>
          <p>
            <strong>{invitation.organisation.name}</strong> のメンバーとして登録します（{invitation.email}）。
          </p>
          <ErrorSummary errors={data?.errors} labels={{ name: '氏名', password: 'パスワード' }} />
          <Form method="post" className="space-y-5" noValidate>
            <TextField name="name" label="氏名" autoComplete="name" errors={data?.errors} defaultValue={(data?.values as Record<string, string> | undefined)?.name} />
            <TextField name="password" label="パスワード" type="password" autoComplete="new-password" errors={data?.errors} hint="10文字以上。" />
            <button type="submit" className="btn-primary">
              登録する
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
