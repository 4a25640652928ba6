import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Field, SubmitButton, TextareaField } from '../components/forms';
import { Notice } from '../components/notice';
import { can } from '../domain/policy';
import { INVITE_LABELS, InviteForm, ORGANISATION_PROFILE_LABELS, OrganisationProfileForm } from '../schemas/settings';
import { inviteColleague, organisationMembers, organisationProfile, updateOrganisationProfile } from '../services/accounts.server';
import { assertCan, requireUser, type SessionUser } from '../services/auth.server';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

/* /settings/organisation: the organisation's public profile and its members; the owner invites colleagues. */

export const meta: MetaFunction = () => [{ title: '組織の管理｜起業人マッチ' }];

const orgResource = (user: SessionUser) => ({ type: 'organisation' as const, id: user.organisationId, kind: user.role, status: user.organisation.status });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  assertCan(request, user, 'organisation.edit', orgResource(user));
  const profile = await organisationProfile(context.db, user.organisationId);
  return json({
    profile: { description: profile?.description ?? '', website: profile?.website ?? '', name: user.organisation.name },
    members: await organisationMembers(context.db, user.organisationId),
    canInvite: can(user, 'organisation.invite', orgResource(user)),
    sent: new URL(request.url).searchParams.get('sent'),
  });
}

type Intent = 'invite' | 'profile';

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  if (formData.get('intent') === 'invite') {
    // Permission before validation: a member who may not invite gets 403, never a form error.
    assertCan(request, user, 'organisation.invite', orgResource(user));
    const parsed = await parseSubmission(formData, InviteForm);
    if (!parsed.ok) return refused(parsed.reply(), 400, { intent: 'invite' as Intent });
    const result = await inviteColleague(context, user, parsed.value.email, context.clientIp);
    if (!result.ok) return refused(parsed.reply({ fieldErrors: result.errors }), 400, { intent: 'invite' as Intent });
    return redirect('/settings/organisation?sent=1');
  }
  assertCan(request, user, 'organisation.edit', orgResource(user));
  const parsed = await parseSubmission(formData, OrganisationProfileForm);
  if (!parsed.ok) return refused(parsed.reply(), 400, { intent: 'profile' as Intent });
  await updateOrganisationProfile(context, user, parsed.value, context.clientIp);
  return redirect('/settings/organisation');
}

export default function OrganisationSettings() {
  const { profile, members, canInvite, sent } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const resultFor = (intent: Intent) => (data?.intent === intent ? data.result : undefined);
  const [profileForm, fields] = useForm({
    id: 'profile',
    lastResult: resultFor('profile'),
    defaultValue: { description: profile.description, website: profile.website },
    constraint: getZodConstraint(OrganisationProfileForm.fields),
  });
  const [inviteForm, invite] = useForm({ id: 'invite', lastResult: resultFor('invite'), constraint: getZodConstraint(InviteForm.fields) });
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <h1 className="text-3xl font-bold">{profile.name} の管理</h1>
      <section aria-labelledby="profile-title" className="card space-y-4">
        <h2 id="profile-title" className="text-xl font-bold">
          公開プロフィール
        </h2>
        <Form method="post" id={profileForm.id} className="space-y-4" noValidate>
          <ErrorSummary result={resultFor('profile')} labels={ORGANISATION_PROFILE_LABELS} formId={profileForm.id} />
          <input type="hidden" name="intent" value="profile" />
          <TextareaField field={fields.description} label="紹介文" />
          <Field field={fields.website} label="ウェブサイト" type="url" />
          <SubmitButton className="btn-secondary">保存</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="members-title" className="card space-y-4">
        <h2 id="members-title" className="text-xl font-bold">
          メンバー
        </h2>
        <ul className="space-y-1">
          {members.map((m) => (
            <li key={m.id}>
              {m.name}（{m.email}）{m.org_role === 'owner' ? '・管理者' : ''}
            </li>
          ))}
        </ul>
        {canInvite ? (
          <>
            {sent ? <Notice tone="success">招待メールを送信しました。</Notice> : null}
            <Form method="post" id={inviteForm.id} className="space-y-4" noValidate>
              <ErrorSummary result={resultFor('invite')} labels={INVITE_LABELS} formId={inviteForm.id} />
              <input type="hidden" name="intent" value="invite" />
              <Field field={invite.email} label="招待する方のメールアドレス" required type="email" hint="同じ組織の方だけを招待してください。招待は7日間有効です。" />
              <SubmitButton>招待メールを送る</SubmitButton>
            </Form>
          </>
        ) : null}
      </section>
    </div>
  );
}
