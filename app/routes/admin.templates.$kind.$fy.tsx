import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { CopyToYearForm, PlaceholderHelp, TemplateEditorForm, TemplateHistory } from '../components/agreements/template-editor';
import { TextDiffView } from '../components/agreements/text-diff';
import { AGREEMENT_KINDS, type AgreementKind, type AgreementTemplate } from '../domain/agreements';
import { formFromTemplate, templateJson } from '../domain/agreements/template-form';
import type { TextDiff } from '../domain/agreements/text-diff';
import { copyTemplateToYear, FISCAL_YEAR_RANGE, getTemplateEditor, previewTemplate, saveTemplateVersion } from '../services/agreement-templates.server';
import { requireCan } from '../services/auth.server';
import { asErrorResponse, invariantResponse } from '../utils/errors';
import { NUL_MESSAGE, readFormData, textValues } from '../utils/forms.server';
import { DoneNotice } from '../components/notice';

/*
 * /admin/templates/:kind/:fy: the editor of one kind's clause template for one fiscal year, for
 * operators only (admin.templates). Plain form posts: preview, save as the next version, or copy to
 * another year; every input is kept on an error.
 */

const NO_STORE = { 'Cache-Control': 'private, no-store' };

function pairOf(params: LoaderFunctionArgs['params']): { kind: AgreementKind; fiscalYear: number } {
  const kind = params.kind as AgreementKind;
  const fy = /^\d{4}$/.test(params.fy ?? '') ? Number(params.fy) : NaN;
  invariantResponse(AGREEMENT_KINDS.includes(kind) && fy >= FISCAL_YEAR_RANGE.min && fy <= FISCAL_YEAR_RANGE.max, 'ひな形が見つかりません。', { status: 404 });
  return { kind, fiscalYear: fy };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.templates');
  const { kind, fiscalYear } = pairOf(params);
  const page = await getTemplateEditor(context.db, kind, fiscalYear).catch(asErrorResponse);
  const done = new URL(request.url).searchParams.get('done');
  return json({ ...page, json: templateJson(page.current.template), values: formFromTemplate(page.current.template), done }, { headers: NO_STORE });
}

export type TemplateActionData = {
  intent: string;
  formError?: string;
  errors?: Record<string, string[]>;
  /** everything posted, to fill the form again */
  values?: Record<string, string>;
  /** the template the form fields were laid out from, and its version */
  base?: AgreementTemplate;
  baseVersion?: number;
  stale?: { currentVersion: number; diff: TextDiff };
  preview?: { html: string; sample: string };
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireCan(request, context, 'admin.templates');
  const { kind, fiscalYear } = pairOf(params);
  const values = textValues(await readFormData(request));
  const intent = values.intent ?? '';
  const opts = { ip: context.clientIp };

  if (intent === 'copy') {
    const nul = ['targetFiscalYear', 'copyNote'].filter((k) => values[k]?.includes('\u0000'));
    if (nul.length) return json<TemplateActionData>({ intent, formError: '次年度版を作成できませんでした。入力内容を確認してください。', errors: Object.fromEntries(nul.map((k) => [k, [NUL_MESSAGE]])), values }, { status: 400 });
    const result = await copyTemplateToYear(context.db, user, kind, fiscalYear, { target: values.targetFiscalYear ?? '', note: values.copyNote ?? '' }, opts).catch(asErrorResponse);
    if (result.ok) return redirect(`/admin/templates/${kind}/${result.fiscalYear}?done=copied`);
    return json<TemplateActionData>({ intent, formError: result.formError, errors: result.errors, values }, { status: result.status });
  }
  if (intent === 'preview' || intent === 'save') {
    if (!/^\d{1,6}$/.test(values.baseVersion ?? '')) return json<TemplateActionData>({ intent, formError: 'ページを開き直してから、もう一度編集してください。' }, { status: 400 });
    const baseVersion = Number(values.baseVersion);
    if (intent === 'preview') {
      const sample = /^\d$/.test(values.sample ?? '') ? Number(values.sample) : 0;
      const result = await previewTemplate(context.db, kind, fiscalYear, { baseVersion, values, sample }).catch(asErrorResponse);
      if (result.ok) return json<TemplateActionData>({ intent, values, base: result.base, baseVersion, preview: { html: result.html, sample: result.sample } });
      return json<TemplateActionData>({ intent, formError: result.formError, errors: result.errors, values, base: result.base, baseVersion: result.baseVersion }, { status: result.status });
    }
    const result = await saveTemplateVersion(context.db, user, kind, fiscalYear, { baseVersion, values }, opts).catch(asErrorResponse);
    if (result.ok) return redirect(`/admin/templates/${kind}/${fiscalYear}?done=saved`);
    return json<TemplateActionData>(
      { intent, formError: result.formError, errors: result.errors, values, base: result.base, baseVersion: result.baseVersion, stale: result.stale },
      { status: result.status },
    );
  }
  return json<TemplateActionData>({ intent, formError: '操作を選んでください。' }, { status: 400 });
}

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
      <DoneNotice done={data.done} messages={DONE} />
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
