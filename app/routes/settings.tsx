import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, Notice, TextField } from '../components/accounts/fields';
import { COMPANY_CLASS_LABELS } from '../domain/accounts/company-class';
import { ChangePasswordSchema, fieldErrors, ProfileSchema } from '../domain/accounts/schemas';
import { INDIVIDUAL_TRACK_LABELS, ORGANISATION_STATUS_LABELS, ROLE_LABELS } from '../domain/accounts/types';
import { can } from '../domain/policy';
import { requireCan } from '../services/auth.server';
import { formValues } from '../services/forms.server';
import { changePassword, logOutEverywhere, TOTP_ROLES, updateName } from '../services/login.server';

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

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCan(request, context, 'account.settings');
  const values = await formValues(request);
  const ip = context.clientIp;
  switch (values.intent) {
    case 'profile': {
      const p = ProfileSchema.safeParse(values);
      if (!p.success) return json({ intent: 'profile', errors: fieldErrors(p.error) }, { status: 400 });
      await updateName(context, user, p.data.name, ip);
      return redirect('/settings?saved=profile');
    }
    case 'password': {
      const p = ChangePasswordSchema.safeParse({ ...values, email: user.email });
      if (!p.success) return json({ intent: 'password', errors: fieldErrors(p.error) }, { status: 400 });
      if (!(await changePassword(context, request, user, p.data.currentPassword, p.data.password, ip))) {
        return json({ intent: 'password', errors: { currentPassword: ['現在のパスワードが正しくありません。'] } }, { status: 400 });
      }
      return redirect('/settings?saved=password');
    }
    case 'logout-everywhere': {
      const cookie = await logOutEverywhere(context, request, user, ip);
      return redirect('/login', { headers: { 'set-cookie': cookie } });
    }
    default:
      return json({ intent: '', errors: { _form: ['操作が正しくありません。'] } }, { status: 400 });
  }
}

const SAVED: Record<string, string> = { profile: '氏名を変更しました。', password: 'パスワードを変更しました。ほかの端末のログインは終了しました。', totp: '二段階認証の設定を変更しました。' };

export default function Settings() {
  const { user, canManageOrganisation, totpAvailable, saved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errorsFor = (intent: string) => (data?.intent === intent ? data.errors : undefined);
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
          <p className="rounded-lg border-2 border-yellow-700 bg-yellow-50 p-3" data-testid="freelance-notice">
            フリーランス・自営業の方は副業型の対象になりません。ソリューションの掲載はできます。
          </p>
        ) : null}
        <p className="flex flex-wrap gap-4">
          {canManageOrganisation ? <a href="/settings/organisation">組織の紹介文とメンバーの管理</a> : null}
          <a href="/settings/notifications">通知の設定</a>
        </p>
      </section>

      <section aria-labelledby="name-title" className="card space-y-4">
        <h2 id="name-title" className="text-xl font-bold">
          氏名の変更
        </h2>
        <ErrorSummary errors={errorsFor('profile')} labels={{ name: '氏名' }} />
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <TextField name="name" label="氏名" autoComplete="name" defaultValue={user.name} errors={errorsFor('profile')} />
          <button type="submit" className="btn-secondary">
            氏名を保存
          </button>
        </Form>
      </section>

      <section aria-labelledby="password-title" className="card space-y-4">
        <h2 id="password-title" className="text-xl font-bold">
          パスワードの変更
        </h2>
        <ErrorSummary errors={errorsFor('password')} labels={{ currentPassword: '現在のパスワード', password: '新しいパスワード' }} />
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="password" />
          <input type="text" name="username" autoComplete="username" defaultValue={user.email} hidden readOnly />
          <TextField name="currentPassword" label="現在のパスワード" type="password" autoComplete="current-password" errors={errorsFor('password')} />
          <TextField name="password" label="新しいパスワード" type="password" autoComplete="new-password" errors={errorsFor('password')} hint="10文字以上。変更すると、ほかの端末のログインは終了します。" />
          <button type="submit" className="btn-secondary">
            パスワードを変更
          </button>
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
          <input type="hidden" name="intent" value="logout-everywhere" />
          <button type="submit" className="btn-secondary">
            すべての端末からログアウト
          </button>
        </Form>
      </section>
    </div>
  );
}
