import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { SynonymForm } from '../components/search/synonym-form';
import { SynonymGroupForm } from '../schemas/synonyms';
import { requireCan } from '../services/auth.server';
import { createSynonym, doneParams, listSynonyms, SynonymSearchSchema } from '../services/synonyms.server';
import { formatDateTime } from '../utils/dates';
import { parseSubmission, readFormData, refused } from '../utils/forms.server';
import { Notice } from '../components/notice';

export const meta: MetaFunction = () => [{ title: '同義語辞書｜起業人マッチ 管理' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.synonyms');
  const params = new URL(request.url).searchParams;
  const q = SynonymSearchSchema.parse(params.get('q') ?? '');
  const groups = await listSynonyms(context, q);
  return json({
    q,
    groups: groups.map((g) => ({ ...g, updated_at: new Date(g.updated_at).toISOString() })),
    done: params.get('done'),
    meiliFailed: params.get('meili') === 'failed',
    embeddedFailed: params.get('embedded') === 'failed',
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const operator = await requireCan(request, context, 'admin.synonyms');
  const parsed = await parseSubmission(await readFormData(request), SynonymGroupForm);
  if (!parsed.ok) return refused(parsed.reply());
  const result = await createSynonym(context, operator, parsed.value, context.clientIp);
  if (!result.ok) {
    const { _form: formErrors, ...fieldErrors } = result.errors;
    return refused(parsed.reply({ fieldErrors, formErrors }), result.status);
  }
  return redirect(`/admin/synonyms?${doneParams('created', result.sync)}#synonym-${result.id}`);
}

const DONE: Record<string, string> = {
  created: '同義語グループを追加しました。',
  updated: '同義語グループを変更しました。',
  deleted: '同義語グループを削除しました。',
  unchanged: '変更はありませんでした。',
};

export default function Synonyms() {
  const { q, groups, done, meiliFailed, embeddedFailed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  // A new page (after an addition) starts an empty form; a refused post keeps what was typed.
  const formKey = useLocation().key;
  const changed = done === 'created' || done === 'updated' || done === 'deleted';
  return (
    <div className="space-y-8">
      <p>
        <a href="/admin">管理メニュー</a>
      </p>
      <h1 className="text-3xl font-bold">同義語辞書</h1>
      <p>
        検索で同じ意味として扱う語のグループです。たとえば「空き家、空家」のグループがあれば、「空家」で検索しても「空き家」を含む募集が見つかります。
        変更はすぐに検索へ反映されます（複数台のサーバーで動かしている場合、ほかのサーバーでは1分以内に反映されます）。
      </p>

      {done && DONE[done] ? (
        <Notice tone="success">
          {DONE[done]}
          {changed && !meiliFailed && !embeddedFailed ? '検索に反映しました。' : ''}
        </Notice>
      ) : null}
      {changed && meiliFailed ? (
        <Notice tone="warning" role="alert" testId="meili-failed">
          <p className="font-bold">Meilisearch に同義語を反映できませんでした（接続できないか、設定の更新に失敗しました）。</p>
          <p>
            変更は保存済みで、内蔵の検索エンジンには反映されています。Meilisearch には次回の起動時、または <code>npm run search:reindex</code>{' '}
            の実行時に反映されます。それまで Meilisearch で検索した結果には古い同義語が使われます。
          </p>
        </Notice>
      ) : null}
      {changed && embeddedFailed ? (
        <Notice tone="warning" role="alert">
          変更は保存しましたが、検索用の辞書を読み直せませんでした。次の検索のときに読み直します。
        </Notice>
      ) : null}

      <section aria-labelledby="add-title" className="card space-y-4">
        <h2 id="add-title" className="section-title">
          グループを追加
        </h2>
        <SynonymForm key={formKey} action="/admin/synonyms" result={result} submitLabel="追加する" />
      </section>

      <section aria-labelledby="list-title" className="space-y-4">
        <h2 id="list-title" className="section-title">
          登録済みのグループ
        </h2>
        <form method="get" action="/admin/synonyms" role="search" aria-label="同義語グループの検索" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="synonym-q" className="field-label">
              語・メモで探す
            </label>
            <input id="synonym-q" name="q" type="search" maxLength={100} defaultValue={q} className="field-input" />
          </div>
          <button type="submit" className="btn-secondary">
            検索
          </button>
          {q ? <a href="/admin/synonyms">すべて表示</a> : null}
        </form>
        <p>
          {q ? `「${q}」を含むグループ：` : '全'}
          {groups.length}件（最近変更した順）
        </p>
        {groups.length ? (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">同義語グループ（最近変更した順）</caption>
              <thead>
                <tr className="border-b-2 border-solid-gray-600 text-left">
                  <th scope="col" className="p-2">No.</th>
                  <th scope="col" className="p-2">語</th>
                  <th scope="col" className="p-2">メモ</th>
                  <th scope="col" className="p-2">最終更新</th>
                  <th scope="col" className="p-2">操作</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.id} id={`synonym-${g.id}`} className="border-b border-solid-gray-200 align-top" data-testid="synonym-group">
                    <td className="p-2">{g.id}</td>
                    <td className="break-words p-2">
                      <ul className="flex flex-wrap gap-2" aria-label={`No.${g.id} の語`}>
                        {g.terms.map((t) => (
                          <li key={t} className="badge badge-gray">
                            {t}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="whitespace-pre-wrap break-words p-2">{g.note ?? ''}</td>
                    <td className="p-2">
                      <div className="whitespace-nowrap">{formatDateTime(g.updated_at)}</div>
                      <div className="break-all text-solid-gray-700">{g.updated_by ?? '初期データ'}</div>
                    </td>
                    <td className="whitespace-nowrap p-2">
                      <a href={`/admin/synonyms/${g.id}`} aria-label={`No.${g.id} を編集`}>
                        編集
                      </a>
                      <span aria-hidden="true"> ｜ </span>
                      <a href={`/admin/synonyms/${g.id}/delete`} aria-label={`No.${g.id} を削除`}>
                        削除
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>該当するグループはありません。</p>
        )}
      </section>
    </div>
  );
}
