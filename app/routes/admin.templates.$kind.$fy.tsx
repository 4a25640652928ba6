import type { SubmissionResult } from '@conform-to/react';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { CopyToYearForm, PlaceholderHelp, TemplateEditorForm, TemplateHistory } from '../components/agreements/template-editor';
import { TextDiffView } from '../components/agreements/text-diff';
import { AGREEMENT_KINDS, type AgreementKind, type AgreementTemplate } from '../domain/agreements';
import { formFromTemplate, templateJson } from '../domain/agreements/template-form';
import type { TextDiff } from '../domain/agreements/text-diff';
import { copyTemplateToYear, FISCAL_YEAR_RANGE, getTemplateEditor, previewTemplate, saveTemplateVersion, templateEditBase } from '../services/agreement-templates.server';
import { requireCan } from '../services/auth.server';
import { asErrorResponse, invariantResponse } from '../utils/errors';
import { parseSubmission, readFormData } from '../utils/forms.server';
import { CopyTemplateForm, TemplateEditForm, templateFormValues } from '../schemas/agreement-templates';
import { formSchema, valueAt } from '../schemas/form';
import { ErrorSummary } from '../components/forms';
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

/** What the action answers: the kit's SubmissionResult (the problems and everything typed), which form it was, and for the editor what it was laid out from. */
export type TemplateActionData = {
  result: SubmissionResult<string[]>;
  intent: string;
  /** the template the form fields were laid out from, and its version */
  base?: AgreementTemplate;
  baseVersion?: number;
  stale?: { currentVersion: number; diff: TextDiff };
  preview?: { html: string; sample: string };
};

const NO_FIELDS = formSchema({});
const REOPEN = 'ページを開き直してから、もう一度編集してください。';

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireCan(request, context, 'admin.templates');
  const { kind, fiscalYear } = pairOf(params);
  const formData = await readFormData(request);
  const posted = formData.get('intent');
  const intent = typeof posted === 'string' ? posted : '';
  const opts = { ip: context.clientIp };
  const answer = (result: SubmissionResult<string[]>, status: number, more: Omit<TemplateActionData, 'result' | 'intent'> = {}) =>
    json<TemplateActionData>({ result, intent, ...more }, { status });

  if (intent === 'copy') {
    const parsed = await parseSubmission(formData, CopyTemplateForm);
    if (!parsed.ok) return answer(parsed.reply({ formErrors: ['次年度版を作成できませんでした。入力内容を確認してください。'] }), 400);
    const result = await copyTemplateToYear(context.db, user, kind, fiscalYear, { target: parsed.value.targetFiscalYear ?? '', note: parsed.value.copyNote ?? '' }, opts).catch(asErrorResponse);
    if (result.ok) return redirect(`/admin/templates/${kind}/${result.fiscalYear}?done=copied`);
    return answer(parsed.reply({ formErrors: [result.formError], fieldErrors: result.errors }), result.status);
  }
  if (intent === 'preview' || intent === 'save') {
    const parsed = await parseSubmission(formData, TemplateEditForm);
    const typedVersion = parsed.ok ? parsed.value.baseVersion : TemplateEditForm.shape.baseVersion.parse(valueAt(parsed.reply().initialValue, 'baseVersion'));
    if (typedVersion === undefined) return answer(parsed.reply({ formErrors: [REOPEN] }), 400);
    if (!parsed.ok) {
      // A NUL (or a text posted as something else) gets here: the form comes back laid out as it was, every text kept.
      const kept = await templateEditBase(context.db, kind, fiscalYear, typedVersion).catch(asErrorResponse);
      const nul = Object.values(parsed.errors).some((messages) => messages.some((m) => m.includes('（NUL）')));
      return answer(parsed.reply({ formErrors: [nul ? '使用できない文字（NUL）を含む欄があります（入力内容はそのまま残しています）。' : '入力内容を確認してください（入力内容はそのまま残しています）。'] }), 400, kept);
    }
    const baseVersion = typedVersion;
    const values = templateFormValues(parsed.value);
    if (intent === 'preview') {
      const result = await previewTemplate(context.db, kind, fiscalYear, { baseVersion, values, sample: parsed.value.sample }).catch(asErrorResponse);
      if (result.ok) return answer(parsed.reply(), 200, { base: result.base, baseVersion, preview: { html: result.html, sample: result.sample } });
      return answer(parsed.reply({ formErrors: result.formError ? [result.formError] : [], fieldErrors: result.errors }), result.status, { base: result.base, baseVersion: result.baseVersion });
    }
    const result = await saveTemplateVersion(context.db, user, kind, fiscalYear, { baseVersion, values }, opts).catch(asErrorResponse);
    if (result.ok) return redirect(`/admin/templates/${kind}/${fiscalYear}?done=saved`);
    return answer(parsed.reply({ formErrors: result.formError ? [result.formError] : [], fieldErrors: result.errors }), result.status, {
      base: result.base,
      baseVersion: result.baseVersion,
      stale: result.stale,
    });
  }
  return answer((await parseSubmission(formData, NO_FIELDS)).reply({ formErrors: ['操作を選んでください。'] }), 400);
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
  const typed = (name: string) => {
    const v = valueAt(failure?.result.initialValue ?? {}, name);
    return typeof v === 'string' ? v : undefined;
  };
  const editing = failure && failure.intent !== 'copy' && failure.base && failure.baseVersion !== undefined ? { ...failure, base: failure.base, baseVersion: failure.baseVersion } : null;
  const copying = failure?.intent === 'copy' ? failure : null;
  const values = editing ? Object.fromEntries(Object.keys(formFromTemplate(editing.base)).map((name) => [name, typed(name) ?? ''])) : data.values;
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
      {failure && !editing && !copying ? <ErrorSummary result={failure.result} labels={{}} /> : null}
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
        values={values}
        json={editing ? (typed('json') ?? data.json) : data.json}
        note={editing ? (typed('note') ?? '') : ''}
        sample={editing ? (typed('sample') ?? '0') : '0'}
        samples={data.samples}
        result={editing ? editing.result : null}
      />
      <TemplateHistory history={data.history} />
      <CopyToYearForm
        fiscalYearLabel={data.fiscalYearLabel}
        target={copying ? (typed('targetFiscalYear') ?? '') : data.copy.targetFiscalYear}
        note={copying ? (typed('copyNote') ?? '') : data.copy.note}
        result={copying ? copying.result : null}
      />
    </div>
  );
}
