import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { listTemplates } from '../services/agreement-templates.server';
import { requireCan } from '../services/auth.server';
import { formatDateTime } from '../utils/dates';

/* /admin/templates: every kind's clause templates by fiscal year, for operators only. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.templates');
  return json({ kinds: await listTemplates(context.db) }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export const meta: MetaFunction = () => [{ title: '協定書・契約書のひな形｜起業人マッチ 管理' }];


export default function TemplatesList() {
  const { kinds } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="page-title">協定書・契約書のひな形</h1>
      <p>
        <a href="/admin/approvals">登録審査</a>
        {' ／ '}
        <a href="/admin/audit">監査ログ</a>
      </p>
      <p>
        協定書・契約書の条文のひな形を、類型と年度ごとに編集できます。下書きは、その年度の使用中の版で作られます（その年度のひな形がなければ、それより前の最新の年度の版）。保存済みの版の文言は、ひな形を変えても変わりません。
      </p>
      {kinds.map((k) => (
        <section key={k.kind} className="card space-y-3" aria-labelledby={`kind-${k.kind}`} data-testid={`templates-${k.kind}`}>
          <h2 id={`kind-${k.kind}`} className="section-title">
            {k.kindLabel}の{k.documentType}
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] border-collapse text-sm">
              <caption className="sr-only">
                {k.kindLabel}の{k.documentType}のひな形（年度ごと）
              </caption>
              <thead>
                <tr className="border-b-2 border-solid-gray-600 text-left">
                  <th scope="col" className="p-2">年度</th>
                  <th scope="col" className="p-2">使用中の版</th>
                  <th scope="col" className="p-2">変更理由</th>
                  <th scope="col" className="p-2">変更者・日時</th>
                  <th scope="col" className="p-2">
                    <span className="sr-only">操作</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {k.years.map((y) => (
                  <tr key={y.fiscalYear} className="border-b border-solid-gray-200 align-top" data-testid="template-row">
                    <th scope="row" className="p-2 text-left">
                      {y.fiscalYearLabel}
                    </th>
                    <td className="p-2">{y.versionLabel}</td>
                    <td className="p-2">{y.note ?? '―'}</td>
                    <td className="p-2">{y.by ? `${y.by}・${y.at ? formatDateTime(y.at) : ''}` : '―'}</td>
                    <td className="p-2">
                      <a href={`/admin/templates/${k.kind}/${y.fiscalYear}`}>編集・履歴</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {k.newest ? <p className="text-sm text-solid-gray-700">{k.years[k.years.length - 1].fiscalYearLabel}より後の年度の下書きには、{k.years[k.years.length - 1].fiscalYearLabel}の版が暫定で使われます。新しい年度の版は、編集ページの「次年度版を作成」で作れます。</p> : null}
        </section>
      ))}
    </div>
  );
}
