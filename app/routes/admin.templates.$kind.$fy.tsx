import type { MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { CopyToYearForm, PlaceholderHelp, TemplateEditorForm, TemplateHistory } from '../components/agreements/template-editor';
import { TextDiffView } from '../components/agreements/text-diff';
import { templateEditorAction, templateEditorLoader, type TemplateActionData } from '../services/agreement-template-routes.server';

export const loader = templateEditorLoader;
export const action = templateEditorAction;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.kindLabel}の${data.documentType}のひな形（${data.fiscalYearLabel}）｜起業人マッチ 管理` : '起業人マッチ 管理' },
];

const DONE: Record<string, string> = {
  saved: '保存しました。これから作られる版から、このひな形が使われます。',
  copied: '次年度版（版1）を作成しました。必要なら文言を直して保存してください。',
};

export default function TemplateEditorPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<TemplateActionData>();
  const editing = failure && failure.intent !== 'copy' && failure.values && failure.base ? failure : null;
  const copying = failure?.intent === 'copy' ? failure : null;
  const values = editing?.values ?? {};
  return (
    <div className="space-y-6">
      <nav aria-label="パンくずリスト" className="text-sm">
        <a href="/admin/templates">協定書・契約書のひな形</a> <span aria-hidden="true">›</span> {data.kindLabel}（{data.fiscalYearLabel}）
      </nav>
      <header className="space-y-2">
        <h1 className="page-title">
          {data.kindLabel}の{data.documentType}（{data.fiscalYearLabel}）
        </h1>
        <p>
          使用中：<strong data-testid="current-version">{data.current.label}</strong>
        </p>
      </header>
      {data.done && DONE[data.done] ? (
        <p role="status" className="notice">
          {DONE[data.done]}
        </p>
      ) : null}
      {failure?.formError && !editing && !copying ? (
        <p role="alert" className="error-summary">
          {failure.formError}
        </p>
      ) : null}
      {editing?.stale ? (
        <section className="card space-y-2" aria-labelledby="stale-title">
          <h2 id="stale-title" className="section-title">
            編集を始めた後の変更（版{editing.stale.currentVersion}まで）
          </h2>
          <TextDiffView diff={editing.stale.diff} />
          <p>
            <a href={`/admin/templates/${data.kind}/${data.fiscalYear}`}>最新の版を開き直す</a>（入力した内容は、必要ならコピーしてから開き直してください）
          </p>
        </section>
      ) : null}
      {editing?.preview ? (
        <section className="card space-y-2" aria-labelledby="preview-title" id="preview">
          <h2 id="preview-title" className="section-title">
            プレビュー（{editing.preview.sample}）— まだ保存されていません
          </h2>
          <iframe title="ひな形のプレビュー" srcDoc={editing.preview.html} sandbox="" className="h-[48rem] w-full border border-solid-gray-300 bg-white" data-testid="preview" />
        </section>
      ) : null}
      <PlaceholderHelp catalog={data.catalog} />
      <TemplateEditorForm
        key={editing ? `kept-${editing.baseVersion}` : `v${data.current.version}`}
        kind={data.kind}
        template={editing?.base ?? data.current.template}
        baseVersion={editing?.baseVersion ?? data.current.version}
        values={editing ? values : data.values}
        json={editing ? (values.json ?? data.json) : data.json}
        note={values.note ?? ''}
        sample={values.sample ?? '0'}
        samples={data.samples}
        errors={editing?.errors ?? {}}
        formError={editing?.formError}
      />
      <TemplateHistory history={data.history} />
      <CopyToYearForm
        fiscalYearLabel={data.fiscalYearLabel}
        target={copying?.values?.targetFiscalYear ?? data.copy.targetFiscalYear}
        note={copying?.values?.copyNote ?? data.copy.note}
        errors={copying?.errors ?? {}}
        formError={copying?.formError}
      />
    </div>
  );
}
