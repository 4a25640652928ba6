import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { AgreementValues } from '../components/agreements/agreement-form';
import { ChangesTable, Downloads } from '../components/agreements/approvals-panel';
import { CheckPanel } from '../components/agreements/check-panel';
import { TextDiffView } from '../components/agreements/text-diff';
import { fieldLabels } from '../domain/agreements/form';
import { getAgreementVersionPage } from '../services/agreements.server';
import { formatDateTime } from '../utils/dates';
import { asErrorResponse } from '../utils/errors';
import { idParam } from '../utils/params';
import { NO_STORE, requireParty } from './__agreement.server';

/* /applications/:id/agreement/versions/:v: one saved version, read-only, with what changed from the one before. */

export async function loader(args: LoaderFunctionArgs) {
  const { user, access } = await requireParty(args);
  const page = await getAgreementVersionPage(args.context.db, user, access, idParam(args.params.v, '版')).catch(asErrorResponse);
  return json(page, { headers: NO_STORE });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.documentType} 版${data.version.version}｜起業人マッチ` : '起業人マッチ' }];

export default function AgreementVersionPage() {
  const data = useLoaderData<typeof loader>();
  const v = data.version;
  const base = `/applications/${data.application.id}/agreement`;
  const labels = fieldLabels(data.kind);
  return (
    <div className="space-y-6">
      <nav aria-label="パンくずリスト" className="text-sm">
        <a href="/applications">応募・スカウト</a> <span aria-hidden="true">›</span> <a href={`/applications/${data.application.id}`}>{data.application.listingTitle}</a>{' '}
        <span aria-hidden="true">›</span> <a href={base}>{data.documentType}</a> <span aria-hidden="true">›</span> 版{v.version}
      </nav>
      <header className="space-y-2">
        <h1 className="page-title">
          {data.documentType} 版{v.version}
          {v.version === data.latestVersion ? '（最新）' : ''}
          {v.version === data.concludedVersion ? '（締結した版）' : ''}
        </h1>
        <p className="text-sm">
          {v.by}・{formatDateTime(v.createdAt)}
          {data.approvals.length ? `\u3000合意：${data.approvals.map((a) => a.name).join('、')}` : ''}
        </p>
        {v.documentSha256 ? <p className="break-all text-xs text-solid-gray-700">内容のハッシュ（SHA-256）：{v.documentSha256}</p> : null}
        {data.template ? (
          <p className="text-xs text-solid-gray-700" data-testid="template-used">
            使用したひな形：{data.template.label}
            {data.template.provisional ? '（この年度のひな形がないため、暫定でこの版を使用）' : ''}
          </p>
        ) : null}
        <p className="flex flex-wrap gap-4 text-sm">
          {v.version > 1 ? <a href={`${base}/versions/${v.version - 1}`}>← 版{v.version - 1}</a> : null}
          {v.version < data.latestVersion ? <a href={`${base}/versions/${v.version + 1}`}>版{v.version + 1} →</a> : null}
          <a href={base}>編集・合意のページへ</a>
        </p>
      </header>
      <section aria-labelledby="diff-title" className="card space-y-3">
        <h2 id="diff-title" className="section-title">
          {data.hasPrevious ? `版${v.version - 1}からの変更` : '最初の版'}
        </h2>
        {data.hasPrevious ? (
          <ChangesTable changes={data.changes} caption={`版${v.version - 1} → 版${v.version}`} />
        ) : (
          <p>団体と掲載の情報から作られた最初の版です。</p>
        )}
      </section>
      {data.hasPrevious ? (
        <section aria-labelledby="text-diff-title" className="card space-y-3">
          <h2 id="text-diff-title" className="section-title">
            条文の変更（版{v.version - 1} → 版{v.version}）
          </h2>
          {data.textChanges ? (
            <TextDiffView diff={data.textChanges} empty="条文の文言に変更はありません。" />
          ) : (
            <p>版{v.version - 1}または版{v.version}に未入力または誤りのある項目があるため、条文を比べられません。</p>
          )}
        </section>
      ) : null}
      {v.valid ? (
        <section className="card" aria-label="出力">
          <Downloads href={`${base}/versions/${v.version}/download`} documentType={data.documentType} />
        </section>
      ) : null}
      <CheckPanel
        check={data.check}
        valid={v.valid}
        concluded={data.concludedVersion != null}
        general={data.generalErrors}
        problems={Object.entries(data.errors).map(([name, messages]) => ({ name, label: labels[name] ?? name, messages }))}
      />
      <section aria-labelledby="values-title" className="space-y-4">
        <h2 id="values-title" className="section-title">
          版{v.version}の内容
        </h2>
        <AgreementValues kind={data.kind} values={data.values} errors={data.errors} />
      </section>
    </div>
  );
}
