import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, SubmitButton, TextareaField } from '../components/forms';
import { Notice } from '../components/notice';
import { COMPANY_CLASS_LABELS } from '../domain/accounts/company-class';
import { ROLE_LABELS, type CompanyClass, type Role } from '../domain/accounts/types';
import { REVIEW_LABELS, ReviewForm } from '../schemas/settings';
import { pendingApprovals, reviewOrganisation } from '../services/accounts.server';
import { requireCan } from '../services/auth.server';
import { formatDateTime } from '../utils/dates';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

/* /admin/approvals: operators approve or reject the organisations waiting for review (oldest first). */

export const meta: MetaFunction = () => [{ title: '登録審査｜起業人マッチ 管理' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.approve');
  return json({ pending: await pendingApprovals(context.db), done: new URL(request.url).searchParams.get('done') });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const operator = await requireCan(request, context, 'admin.approve');
  const formData = await readFormData(request);
  // Each application is its own form: the answer names the one it belongs to.
  const row = { organisationId: String(formData.get('organisationId') ?? '') };
  const parsed = await parseSubmission(formData, ReviewForm);
  if (!parsed.ok) return refused(parsed.reply(), 400, row);
  const result = await reviewOrganisation(context, operator, parsed.value, context.clientIp);
  if (!result.ok) {
    const { _form: formErrors, ...fieldErrors } = result.errors;
    return refused(parsed.reply({ fieldErrors, formErrors }), 409, row);
  }
  return redirect(`/admin/approvals?done=${parsed.value.decision}`);
}

export default function Approvals() {
  const { pending, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">登録審査</h1>
      <p>
        <a href="/admin/audit">監査ログ</a>
        {' ／ '}
        <a href="/admin/templates">協定書・契約書のひな形</a>
      </p>
      {done ? <Notice tone="success">{done === 'approve' ? '承認しました。' : '却下しました。'}申請者にメールで通知しました。</Notice> : null}
      {pending.length === 0 ? <p>審査待ちの申請はありません。</p> : <p>審査待ち：{pending.length}件（古い順）</p>}
      <ul className="space-y-6">
        {pending.map((o) => {
          const mine = data?.organisationId === o.id;
          const formId = `review-${o.id}`;
          return (
            <li key={o.id} className="card space-y-4" data-testid="pending-organisation">
              <h2 className="text-xl font-bold">
                {o.name}
                <span className="ml-2 text-base font-normal">（{ROLE_LABELS[o.kind as Role]}）</span>
              </h2>
              <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[10rem_1fr]">
                <dt className="font-bold">申請者</dt>
                <dd>
                  {o.applicant_name}（{o.applicant_email}）{Number(o.verified_members) > 0 ? '' : '・メール未確認'}
                </dd>
                {o.municipality_name ? (
                  <>
                    <dt className="font-bold">自治体</dt>
                    <dd>
                      {o.municipality_pref}
                      {o.municipality_name}（{o.lg_code}）
                    </dd>
                  </>
                ) : null}
                {o.corporate_number ? (
                  <>
                    <dt className="font-bold">法人番号</dt>
                    <dd>
                      {o.corporate_number}（<a href={`https://www.houjin-bangou.nta.go.jp/henkorireki-johoto.html?selHouzinNo=${o.corporate_number}`}>国税庁法人番号公表サイトで確認</a>）
                    </dd>
                    <dt className="font-bold">本社所在地</dt>
                    <dd>
                      {o.head_office_pref}
                      {o.head_office_name}（{o.company_class ? COMPANY_CLASS_LABELS[o.company_class as CompanyClass] : '―'}）
                    </dd>
                  </>
                ) : null}
                <dt className="font-bold">担当部署</dt>
                <dd>{o.department ?? '―'}</dd>
                <dt className="font-bold">電話番号</dt>
                <dd>{o.phone ?? '―'}</dd>
                {o.website ? (
                  <>
                    <dt className="font-bold">ウェブサイト</dt>
                    <dd className="break-all">{o.website}</dd>
                  </>
                ) : null}
                <dt className="font-bold">確認資料</dt>
                <dd className="whitespace-pre-wrap break-words">{o.evidence}</dd>
                <dt className="font-bold">申請日時</dt>
                <dd>{formatDateTime(o.created_at)}</dd>
              </dl>
              <Form method="post" id={formId} className="space-y-3" noValidate>
                {mine ? <ErrorSummary result={data?.result} labels={REVIEW_LABELS} formId={formId} /> : null}
                <input type="hidden" name="organisationId" value={o.id} />
                <TextareaField
                  name="reason"
                  formId={formId}
                  label="理由・コメント"
                  rows={3}
                  errors={mine ? (data?.result.error?.reason ?? undefined) : undefined}
                  defaultValue={mine ? (data?.result.initialValue?.reason as string | undefined) : undefined}
                  hint="却下する場合は必須です。申請者へのメールに記載されます。"
                />
                <div className="flex flex-wrap gap-3">
                  <SubmitButton name="decision" value="approve">
                    承認する
                  </SubmitButton>
                  <SubmitButton name="decision" value="reject" className="btn-secondary">
                    却下する
                  </SubmitButton>
                </div>
              </Form>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
