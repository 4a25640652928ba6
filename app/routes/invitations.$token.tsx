import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Field, SubmitButton } from '../components/forms';
import { Notice } from '../components/notice';
import { ACCEPT_INVITATION_LABELS, AcceptInvitationForm, passwordRules } from '../schemas/settings';
import { acceptInvitation, findInvitation } from '../services/accounts.server';
import { startSession } from '../services/auth.server';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

/* /invitations/:token: a colleague invited by the organisation's owner registers as a member. */

export const meta: MetaFunction = () => [{ title: '招待の受諾｜起業人マッチ' }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return json({ invitation: await findInvitation(context.db, params.token ?? '') });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const invitation = await findInvitation(context.db, params.token ?? '');
  const parsed = await parseSubmission(formData, AcceptInvitationForm, [passwordRules(invitation?.email)]);
  if (!parsed.ok) return refused(parsed.reply());
  const result = await acceptInvitation(context, params.token ?? '', parsed.value, context.clientIp);
  if (!result.ok) {
    const { _form: formErrors, ...fieldErrors } = result.errors;
    return refused(parsed.reply({ fieldErrors, formErrors }));
  }
  const cookie = await startSession(context, request, result.userId, { ip: context.clientIp });
  return redirect('/settings', { headers: { 'set-cookie': cookie } });
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({ id: 'field', lastResult: result, constraint: getZodConstraint(AcceptInvitationForm.fields) });
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
          <Form method="post" id={form.id} className="space-y-5" noValidate>
            <ErrorSummary result={result} labels={ACCEPT_INVITATION_LABELS} />
            <Field field={fields.name} label="氏名" required autoComplete="name" />
            <Field field={fields.password} label="パスワード" required type="password" autoComplete="new-password" hint="10文字以上。" />
            <SubmitButton>登録する</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
