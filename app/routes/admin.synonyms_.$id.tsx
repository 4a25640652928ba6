import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { SynonymForm } from '../components/search/synonym-form';
import { joinTerms } from '../domain/search/synonyms';
import { SynonymGroupForm } from '../schemas/synonyms';
import { requireCan } from '../services/auth.server';
import { doneParams, synonymGroupOf, synonymIdOf, synonymNotFound, updateSynonym } from '../services/synonyms.server';
import { formatDateTime } from '../utils/dates';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';
import { Notice } from '../components/notice';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `同義語グループ No.${data?.group.id ?? ''} の編集｜起業人マッチ 管理` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.synonyms');
  return json(await synonymGroupOf(context, params.id));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const operator = await requireCan(request, context, 'admin.synonyms');
  const id = synonymIdOf(params.id);
  const parsed = await parseSubmission(await readFormData(request), SynonymGroupForm);
  if (!parsed.ok) return refused(parsed.reply(), 400, { conflict: false });
  const result = await updateSynonym(context, operator, id, parsed.value, context.clientIp);
  if (!result.ok) {
    if (result.status === 404) throw synonymNotFound();
    // 409: someone else saved first. The input stays; the page (loaded again after this action) shows
    // what is stored now, and the next save is based on it.
    const { _form: formErrors, ...fieldErrors } = result.errors;
    return refused(parsed.reply({ fieldErrors, formErrors }), result.status, { conflict: result.status === 409 });
  }
  return redirect(`/admin/synonyms?${doneParams(result.changed ? 'updated' : 'unchanged', result.sync)}#synonym-${result.id}`);
}

export default function EditSynonym() {
  const { group } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <p>
        <a href="/admin/synonyms">同義語辞書へ戻る</a>
      </p>
      <h1 className="text-3xl font-bold">同義語グループ No.{group.id} の編集</h1>
      {data?.conflict ? (
        <Notice tone="warning" role="none" className="space-y-2" testId="synonym-conflict">
          <p className="font-bold">現在保存されている内容（{formatDateTime(group.updatedAt)} 更新）</p>
          <p>{group.terms.join('、')}</p>
          {group.note ? <p>メモ：{group.note}</p> : null}
        </Notice>
      ) : null}
      <div className="card">
        <SynonymForm
          action={`/admin/synonyms/${group.id}`}
          result={data?.result}
          defaultValue={{ terms: joinTerms(group.terms), note: group.note ?? '' }}
          updatedAt={group.updatedAt}
          submitLabel="保存する"
        />
      </div>
      <p>
        <a href={`/admin/synonyms/${group.id}/delete`}>このグループを削除する</a>
      </p>
    </div>
  );
}
