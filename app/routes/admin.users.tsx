import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorList, Field, SubmitButton, TextareaField } from '../components/forms';
import { Notice } from '../components/notice';
import { UserListQuerySchema, USERS_PAGE_SIZE } from '../domain/accounts/suspension';
import { ROLE_LABELS, type Role } from '../domain/accounts/types';
import { UserSuspensionForm } from '../schemas/settings';
import { listUsers, reactivateUser, suspendUser } from '../services/admin-users.server';
import { requireCan } from '../services/auth.server';
import { formatDateTime } from '../utils/dates';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

/* /admin/users: operators find accounts and suspend (with a reason mailed to the user) or reactivate them. */

export const meta: MetaFunction = () => [{ title: '利用者の管理｜起業人マッチ 管理' }];

/** The list's query string (search and page) without the notice, for links and the redirect after a change. */
function listSearch(url: URL, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  const q = url.searchParams.get('q');
  const page = url.searchParams.get('page');
  if (q) params.set('q', q);
  if (page && page !== '1') params.set('page', page);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const operator = await requireCan(request, context, 'admin.users');
  const url = new URL(request.url);
  const parsed = UserListQuerySchema.safeParse({ q: url.searchParams.get('q') ?? undefined, page: url.searchParams.get('page') ?? undefined });
  const query = parsed.success ? parsed.data : { q: '', page: 1 };
  const list = await listUsers(context, query);
  const done = url.searchParams.get('done');
  return json({
    ...list,
    query,
    queryError: parsed.success ? null : (parsed.error.issues[0]?.message ?? null),
    me: operator.id,
    done: done === 'suspend' || done === 'reactivate' ? done : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const operator = await requireCan(request, context, 'admin.users');
  const formData = await readFormData(request);
  const parsed = await parseSubmission(formData, UserSuspensionForm);
  // Each row is its own form: the answer names the row it belongs to.
  const row = { userId: String(formData.get('userId') ?? '') };
  if (!parsed.ok) return refused(parsed.reply(), 400, row);
  const { intent, userId, reason } = parsed.value;
  const result = intent === 'suspend' ? await suspendUser(context, operator, { userId, reason }, context.clientIp) : await reactivateUser(context, operator, { userId }, context.clientIp);
  if (!result.ok) return refused(parsed.reply({ formErrors: [result.message] }), result.status, row);
  return redirect(`/admin/users${listSearch(new URL(request.url), { done: intent })}`);
}

export default function AdminUsers() {
  const { rows, total, pages, query, queryError, me, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const first = total === 0 ? 0 : (query.page - 1) * USERS_PAGE_SIZE + 1;
  const last = Math.min(total, query.page * USERS_PAGE_SIZE);
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (page > 1) params.set('page', String(page));
    const s = params.toString();
    return `/admin/users${s ? `?${s}` : ''}`;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">利用者の管理</h1>
      <p>
        <a href="/admin">管理メニュー</a>
        {' ／ '}
        <a href="/admin/audit">監査ログ</a>
      </p>
      {done ? (
        <Notice tone="success">{done === 'suspend' ? '利用を停止し、ログイン中のセッションをすべて終了しました。' : '利用を再開しました。'}利用者にメールで通知しました。</Notice>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <Field name="q" formId="users" type="search" label="氏名・メールアドレス・組織名で検索" className="space-y-1" defaultValue={query.q} maxLength={100} errors={queryError ? [queryError] : undefined} />
        <SubmitButton className="btn-secondary">検索</SubmitButton>
      </Form>
      <p aria-live="polite">
        {total === 0 ? '該当する利用者はいません。' : `${total}人中 ${first}〜${last}人目`}
        {query.q ? `（「${query.q}」で検索）` : ''}
      </p>
      {rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b-2 border-solid-gray-700">
                <th scope="col" className="p-2">氏名</th>
                <th scope="col" className="p-2">メールアドレス</th>
                <th scope="col" className="p-2">種別</th>
                <th scope="col" className="p-2">組織</th>
                <th scope="col" className="p-2">状態</th>
                <th scope="col" className="p-2">最終ログイン</th>
                <th scope="col" className="p-2">操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => {
                const mine = data?.userId === u.id;
                const errors = mine ? data?.result.error : undefined;
                const formId = `user-${u.id}`;
                const messages = [...(errors?.[''] ?? []), ...(errors?.userId ?? []), ...(errors?.intent ?? [])];
                const errorId = `${formId}-error`;
                const suspended = u.disabled_at !== null;
                return (
                  <tr key={u.id} className="border-b border-solid-gray-300 align-top" data-testid="admin-user" data-user-id={u.id}>
                    <td className="p-2">{u.name}</td>
                    <td className="break-all p-2">{u.email}</td>
                    <td className="p-2">{ROLE_LABELS[u.kind as Role] ?? u.kind}</td>
                    <td className="p-2">{u.organisation_name}</td>
                    <td className="p-2">
                      {suspended ? (
                        <span className="font-bold text-red-800">停止中</span>
                      ) : (
                        '有効'
                      )}
                      {suspended ? <span className="block text-sm">（{formatDateTime(u.disabled_at!)}〜）</span> : null}
                    </td>
                    <td className="p-2">{u.last_login_at ? formatDateTime(u.last_login_at) : '記録なし'}</td>
                    <td className="p-2">
                      {u.id === me ? <p className="mb-2 text-sm">ご自身のアカウントです（利用停止はできません）。</p> : null}
                      {suspended ? (
                        <Form method="post" id={formId} noValidate className="space-y-2" aria-describedby={messages.length ? errorId : undefined}>
                          <input type="hidden" name="userId" value={u.id} />
                          <ErrorList id={errorId} errors={messages} />
                          <SubmitButton name="intent" value="reactivate" className="btn-secondary">
                            利用を再開する
                          </SubmitButton>
                        </Form>
                      ) : (
                        <Form method="post" id={formId} noValidate className="space-y-2" aria-describedby={messages.length ? errorId : undefined}>
                          <input type="hidden" name="userId" value={u.id} />
                          <ErrorList id={errorId} errors={messages} />
                          <TextareaField
                            name="reason"
                            formId={formId}
                            label="理由"
                            required
                            rows={2}
                            errors={errors?.reason ?? undefined}
                            defaultValue={mine ? (data?.result.initialValue?.reason as string | undefined) : undefined}
                          />
                          <SubmitButton name="intent" value="suspend" className="btn-secondary">
                            利用を停止する
                          </SubmitButton>
                        </Form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="ページ送り" className="flex flex-wrap items-center gap-4">
          {query.page > 1 ? <a href={pageLink(query.page - 1)}>前の{USERS_PAGE_SIZE}人</a> : null}
          <span>
            {query.page} / {pages} ページ
          </span>
          {query.page < pages ? <a href={pageLink(query.page + 1)}>次の{USERS_PAGE_SIZE}人</a> : null}
        </nav>
      ) : null}
    </div>
  );
}
