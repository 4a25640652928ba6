import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorSummary, SubmitButton } from '../components/forms';
import { SynonymDeleteForm } from '../schemas/synonyms';
import { requireCan } from '../services/auth.server';
import { deleteSynonym, doneParams, synonymGroupOf, synonymIdOf, synonymNotFound } from '../services/synonyms.server';
import { formatDateTime } from '../utils/dates';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `同義語グループ No.${data?.group.id ?? ''} の削除｜起業人マッチ 管理` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.synonyms');
  return json(await synonymGroupOf(context, params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const operator = await requireCan(request, context, 'admin.synonyms');
  const id = synonymIdOf(params.id);
  const parsed = await parseSubmission(await readFormData(request), SynonymDeleteForm);
  // A version that cannot be one (too long, NUL) is stale: the service answers 409 for it.
  const updatedAt = parsed.ok ? parsed.value.updatedAt || undefined : 'invalid';
  const result = await deleteSynonym(context, operator, id, updatedAt, context.clientIp);
  if (!result.ok) {
    if (result.status === 404) throw synonymNotFound();
    return refused(parsed.reply({ formErrors: result.errors._form ?? ['削除できませんでした。'] }), result.status);
  }
  return redirect(`/admin/synonyms?${doneParams('deleted', result.sync)}`);
}

export default function DeleteSynonym() {
  const { group } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  return (
    <div className="space-y-6">
      <p>
        <a href="/admin/synonyms">同義語辞書へ戻る</a>
      </p>
      <h1 className="text-3xl font-bold">同義語グループ No.{group.id} を削除しますか？</h1>
      <ErrorSummary result={result} labels={{}} />
      <dl className="dl-grid card">
        <dt>語</dt>
        <dd>{group.terms.join('、')}</dd>
        <dt>メモ</dt>
        <dd className="whitespace-pre-wrap">{group.note ?? '―'}</dd>
        <dt>最終更新</dt>
        <dd>{formatDateTime(group.updatedAt)}</dd>
      </dl>
      <p>削除すると、これらの語は検索で互いに言い換えられなくなります。削除の記録は監査ログに残ります。</p>
      <Form method="post" action={`/admin/synonyms/${group.id}/delete`} className="flex flex-wrap items-center gap-4">
        <input type="hidden" name="updatedAt" value={group.updatedAt} />
        <SubmitButton className="btn-danger">削除する</SubmitButton>
        <a href="/admin/synonyms">削除しないで戻る</a>
      </Form>
    </div>
  );
}
