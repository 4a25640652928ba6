import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Field, SubmitButton } from '../components/forms';
import { Notice } from '../components/notice';
import { COMPANY_CLASS_LABELS } from '../domain/accounts/company-class';
import { INDIVIDUAL_TRACK_LABELS, ORGANISATION_STATUS_LABELS, ROLE_LABELS } from '../domain/accounts/types';
import { can } from '../domain/policy';
import { CHANGE_PASSWORD_LABELS, ChangePasswordForm, passwordRules, PROFILE_LABELS, ProfileForm } from '../schemas/settings';
import { requireCan } from '../services/auth.server';
import { changePassword, logOutEverywhere, TOTP_ROLES, updateName } from '../services/login.server';
import { invariantResponse } from '../utils/errors';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

/* /settings: the signed-in account (name, password, two-step verification, sessions). */

export const meta: MetaFunction = () => [{ title: 'アカウント設定｜起業人マッチ' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCan(request, context, 'account.settings');
  const org = { type: 'organisation' as const, id: user.organisationId, kind: user.role, status: user.organisation.status };
  return json({
    user,
    canManageOrganisation: can(user, 'organisation.edit', org),
    totpAvailable: (TOTP_ROLES as readonly string[]).includes(user.role),
    saved: new URL(request.url).searchParams.get('saved'),
  });
}

type Intent = 'profile' | 'password';

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCan(request, context, 'account.settings');
  const formData = await readFormData(request);
  const intent = formData.get('intent');
  const ip = context.clientIp;
  if (intent === 'profile') {
    const parsed = await parseSubmission(formData, ProfileForm);
    if (!parsed.ok) return refused(parsed.reply(), 400, { intent: intent as Intent });
    await updateName(context, user, parsed.value.name, ip);
    return redirect('/settings?saved=profile');
  }
  if (intent === 'password') {
    const parsed = await parseSubmission(formData, ChangePasswordForm, [passwordRules(user.email)]);
    if (!parsed.ok) return refused(parsed.reply(), 400, { intent: intent as Intent });
    if (!(await changePassword(context, request, user, parsed.value.currentPassword, parsed.value.password, ip))) {
      return refused(parsed.reply({ fieldErrors: { currentPassword: ['現在のパスワードが正しくありません。'] } }), 400, { intent: intent as Intent });
    }
    return redirect('/settings?saved=password');
  }
  invariantResponse(intent === 'logout-everywhere', '操作が正しくありません。');
  const cookie = await logOutEverywhere(context, request, user, ip);
  return redirect('/login', { headers: { 'set-cookie': cookie } });
}

const SAVED: Record<string, string> = { profile: '氏名を変更しました。', password: 'パスワードを変更しました。ほかの端末のログインは終了しました。', totp: '二段階認証の設定を変更しました。' };

export default function Settings() {
  const { user, canManageOrganisation, totpAvailable, saved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const resultFor = (intent: Intent) => (data?.intent === intent ? data.result : undefined);
  const [profileForm, profile] = useForm({ id: 'profile', lastResult: resultFor('profile'), defaultValue: { name: user.name }, constraint: getZodConstraint(ProfileForm.fields) });
  const [passwordForm, password] = useForm({ id: 'password', lastResult: resultFor('password'), constraint: getZodConstraint(ChangePasswordForm.fields) });
  const o = user.organisation;
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <h1 className="text-3xl font-bold">アカウント設定</h1>
      {saved && SAVED[saved] ? <Notice tone="success">{SAVED[saved]}</Notice> : null}
      {o.status === 'pending' ? (
        <Notice tone="warning">所属の登録は運営者が審査中です。承認されるまで、掲載や応募などの操作はできません。結果はメールでお知らせします。</Notice>
      ) : null}
      {o.status === 'rejected' || o.status === 'suspended' ? <Notice tone="warning">所属の登録は{ORGANISATION_STATUS_LABELS[o.status]}です。運営者にお問い合わせください。</Notice> : null}
      <section aria-labelledby="account-title" className="card space-y-3">
        <h2 id="account-title" className="text-xl font-bold">
          登録情報
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
          <dt className="font-bold">メールアドレス</dt>
          <dd>{user.email}</dd>
          <dt className="font-bold">立場</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt className="font-bold">所属</dt>
          <dd>
            <a href={`/orgs/${o.id}`}>{o.name}</a>（{ORGANISATION_STATUS_LABELS[o.status]}）
          </dd>
          {o.companyClass && user.role !== 'individual' ? (
            <>
              <dt className="font-bold">制度上の区分</dt>
              <dd>{COMPANY_CLASS_LABELS[o.companyClass]}</dd>
            </>
          ) : null}
          {user.employment ? (
            <>
              <dt className="font-bold">働き方</dt>
              <dd>
                {INDIVIDUAL_TRACK_LABELS[user.employment.track]}
                {user.employment.employerName ? `／${user.employment.employerName}` : ''}
                {user.employment.employerClass ? `（勤務先：${COMPANY_CLASS_LABELS[user.employment.employerClass]}）` : ''}
              </dd>
            </>
          ) : null}
        </dl>
        {user.employment?.track === 'freelance' ? (
          <Notice tone="warning" role="none" as="p" testId="freelance-notice">
            フリーランス・自営業の方は副業型の対象になりません。ソリューションの掲載はできます。
          </Notice>
        ) : null}
        <p className="flex flex-wrap gap-4">
          {canManageOrganisation ? <a href="/settings/organisation">組織の紹介文とメンバーの管理</a> : null}
          {user.role === 'individual' ? <a href="/settings/profile">プロフィール（経歴・スキル・写真）の編集</a> : null}
          <a href="/settings/notifications">通知の設定</a>
          <a href="/settings/searches">保存した検索条件</a>
        </p>
      </section>

      <section aria-labelledby="name-title" className="card space-y-4">
        <h2 id="name-title" className="text-xl font-bold">
          氏名の変更
        </h2>
        <Form method="post" id={profileForm.id} className="space-y-4" noValidate>
          <ErrorSummary result={resultFor('profile')} labels={PROFILE_LABELS} formId={profileForm.id} />
          <Field field={profile.name} label="氏名" required autoComplete="name" />
          <SubmitButton name="intent" value="profile" className="btn-secondary">
            氏名を保存
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="password-title" className="card space-y-4">
        <h2 id="password-title" className="text-xl font-bold">
          パスワードの変更
        </h2>
        <Form method="post" id={passwordForm.id} className="space-y-4" noValidate>
          <ErrorSummary result={resultFor('password')} labels={CHANGE_PASSWORD_LABELS} formId={passwordForm.id} />
          <input type="text" name="username" autoComplete="username" defaultValue={user.email} hidden readOnly />
          <Field field={password.currentPassword} label="現在のパスワード" required type="password" autoComplete="current-password" />
          <Field field={password.password} label="新しいパスワード" required type="password" autoComplete="new-password" hint="10文字以上。変更すると、ほかの端末のログインは終了します。" />
          <SubmitButton name="intent" value="password" className="btn-secondary">
            パスワードを変更
          </SubmitButton>
        </Form>
      </section>

      {totpAvailable ? (
        <section aria-labelledby="totp-title" className="card space-y-3">
          <h2 id="totp-title" className="text-xl font-bold">
            二段階認証
          </h2>
          <p>{user.totpEnabled ? '有効です。ログイン時に認証アプリの確認コードが必要です。' : '無効です。総務省・運営者のアカウントでは有効にすることをおすすめします。'}</p>
          <a href="/settings/totp">二段階認証の設定</a>
        </section>
      ) : null}

      <section aria-labelledby="sessions-title" className="card space-y-3">
        <h2 id="sessions-title" className="text-xl font-bold">
          ログイン中の端末
        </h2>
        <p>端末を紛失した場合などは、すべての端末からログアウトできます（この端末も含みます）。</p>
        <Form method="post">
          <SubmitButton name="intent" value="logout-everywhere" className="btn-secondary">
            すべての端末からログアウト
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
