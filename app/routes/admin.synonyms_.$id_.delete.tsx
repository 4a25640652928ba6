import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requireCan } from '../services/auth.server';
import { formValues } from '../services/forms.server';
import { deleteSynonym, doneParams, synonymGroupOf, synonymIdOf, synonymNotFound } from '../services/synonyms.server';
import { formatDateTime } from '../utils/dates';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `同義語グループ No.${data?.group.id ?? ''} の削除｜起業人マッチ 管理` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.synonyms');
  return json(await synonymGroupOf(context, params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const operator = await requireCan(request, context, 'admin.synonyms');
  const id = synonymIdOf(params.id);
  const values = await formValues(request);
  const updatedAt = values.updatedAt?.slice(0, 40) || undefined;
  const result = await deleteSynonym(context, operator, id, updatedAt, context.clientIp);
  if (!result.ok) {
    if (result.status === 404) throw synonymNotFound();
    return json({ error: result.errors._form?.join(' ') ?? '削除できませんでした。' }, { status: result.status });
  }
  return redirect(`/admin/synonyms?${doneParams('deleted', result.sync)}`);
}

export default function DeleteSynonym() {
  const { group } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <p>
        <a href="/admin/synonyms">同義語辞書へ戻る</a>
      </p>
      <h1 className="text-3xl font-bold">同義語グループ No.{group.id} を削除しますか？</h1>
      {data?.error ? (
        <div role="alert" className="error-summary">
          {data.error}
        </div>
      ) : null}
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
        <button type="submit" className="btn-danger">
          削除する
        </button>
        <a href="/admin/synonyms">削除しないで戻る</a>
      </Form>
    </div>
  );
}
