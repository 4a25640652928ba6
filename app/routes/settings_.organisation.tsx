import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Notice, TextAreaField, TextField } from '../components/accounts/fields';
import { fieldErrors, InviteSchema, OrganisationProfileSchema } from '../domain/accounts/schemas';
import { can } from '../domain/policy';
import { inviteColleague, organisationMembers, organisationProfile, updateOrganisationProfile } from '../services/accounts.server';
import { assertCan, requireUser, type SessionUser } from '../services/auth.server';
import { formValues, keepInput } from '../services/forms.server';

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

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const values = await formValues(request);
  if (values.intent === 'invite') {
    assertCan(request, user, 'organisation.invite', orgResource(user));
    const p = InviteSchema.safeParse(values);
    if (!p.success) return json({ intent: 'invite', errors: fieldErrors(p.error), values: keepInput(values) }, { status: 400 });
    const result = await inviteColleague(context, user, p.data.email, context.clientIp);
    if (!result.ok) return json({ intent: 'invite', errors: result.errors, values: keepInput(values) }, { status: 400 });
    return redirect('/settings/organisation?sent=1');
  }
  assertCan(request, user, 'organisation.edit', orgResource(user));
  const p = OrganisationProfileSchema.safeParse(values);
  if (!p.success) return json({ intent: 'profile', errors: fieldErrors(p.error), values: keepInput(values) }, { status: 400 });
  await updateOrganisationProfile(context, user, p.data, context.clientIp);
  return redirect('/settings/organisation');
}

export default function OrganisationSettings() {
  const { profile, members, canInvite, sent } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errorsFor = (intent: string) => (data?.intent === intent ? data.errors : undefined);
  const v = (data?.values ?? {}) as Record<string, string>;
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <h1 className="text-3xl font-bold">{profile.name} の管理</h1>
      <section aria-labelledby="profile-title" className="card space-y-4">
        <h2 id="profile-title" className="text-xl font-bold">
          公開プロフィール
        </h2>
        <ErrorSummary errors={errorsFor('profile')} labels={{ description: '紹介文', website: 'ウェブサイト' }} />
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <TextAreaField name="description" label="紹介文" required={false} defaultValue={v.description ?? profile.description} errors={errorsFor('profile')} />
          <TextField name="website" label="ウェブサイト" type="url" required={false} defaultValue={v.website ?? profile.website} errors={errorsFor('profile')} />
          <button type="submit" className="btn-secondary">
            保存
          </button>
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
            <ErrorSummary errors={errorsFor('invite')} labels={{ email: 'メールアドレス' }} />
            <Form method="post" className="space-y-4" noValidate>
              <input type="hidden" name="intent" value="invite" />
              <TextField name="email" label="招待する方のメールアドレス" type="email" defaultValue={v.email} errors={errorsFor('invite')} hint="同じ組織の方だけを招待してください。招待は7日間有効です。" />
              <button type="submit" className="btn-primary">
                招待メールを送る
              </button>
            </Form>
          </>
        ) : null}
      </section>
    </div>
  );
}
