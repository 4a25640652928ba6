import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { AGREEMENT_KINDS, type AgreementKind, type AgreementTemplate } from '../domain/agreements';
import { formFromTemplate, templateJson } from '../domain/agreements/template-form';
import type { TextDiff } from '../domain/agreements/text-diff';
import {
  copyTemplateToYear,
  FISCAL_YEAR_RANGE,
  getTemplateEditor,
  listTemplates,
  previewTemplate,
  saveTemplateVersion,
} from './agreement-templates.server';
import { requireCan } from './auth.server';
import { asErrorResponse, textResponse } from '../utils/errors';
import { formValues, keepInput } from './forms.server';

/*
 * Loaders and actions of /admin/templates (the list) and /admin/templates/:kind/:fy (the editor):
 * operators only (admin.templates), plain form posts, every input kept on an error.
 */

const NO_STORE = { 'Cache-Control': 'private, no-store' };

export async function templatesListLoader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.templates');
  return json({ kinds: await listTemplates(context.db) }, { headers: NO_STORE });
}

function pairOf(params: { kind?: string; fy?: string }): { kind: AgreementKind; fiscalYear: number } {
  const kind = params.kind as AgreementKind;
  const fy = /^\d{4}$/.test(params.fy ?? '') ? Number(params.fy) : NaN;
  if (!AGREEMENT_KINDS.includes(kind) || !(fy >= FISCAL_YEAR_RANGE.min && fy <= FISCAL_YEAR_RANGE.max)) throw textResponse('ひな形が見つかりません。', 404);
  return { kind, fiscalYear: fy };
}


export async function templateEditorLoader({ request, context, params }: LoaderFunctionArgs) {
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

export async function templateEditorAction({ request, context, params }: ActionFunctionArgs) {
  const user = await requireCan(request, context, 'admin.templates');
  const { kind, fiscalYear } = pairOf(params);
  const values = await formValues(request);
  const intent = values.intent ?? '';
  const opts = { ip: context.clientIp };
  const kept = keepInput(values);

  if (intent === 'copy') {
    const result = await copyTemplateToYear(context.db, user, kind, fiscalYear, { target: values.targetFiscalYear ?? '', note: values.copyNote ?? '' }, opts).catch(asErrorResponse);
    if (result.ok) return redirect(`/admin/templates/${kind}/${result.fiscalYear}?done=copied`);
    return json<TemplateActionData>({ intent, formError: result.formError, errors: result.errors, values: kept }, { status: result.status });
  }
  if (intent === 'preview' || intent === 'save') {
    if (!/^\d{1,6}$/.test(values.baseVersion ?? '')) return json<TemplateActionData>({ intent, formError: 'ページを開き直してから、もう一度編集してください。' }, { status: 400 });
    const baseVersion = Number(values.baseVersion);
    if (intent === 'preview') {
      const sample = /^\d$/.test(values.sample ?? '') ? Number(values.sample) : 0;
      const result = await previewTemplate(context.db, kind, fiscalYear, { baseVersion, values, sample }).catch(asErrorResponse);
      if (result.ok) return json<TemplateActionData>({ intent, values: kept, base: result.base, baseVersion, preview: { html: result.html, sample: result.sample } });
      return json<TemplateActionData>({ intent, formError: result.formError, errors: result.errors, values: kept, base: result.base, baseVersion: result.baseVersion }, { status: result.status });
    }
    const result = await saveTemplateVersion(context.db, user, kind, fiscalYear, { baseVersion, values }, opts).catch(asErrorResponse);
    if (result.ok) return redirect(`/admin/templates/${kind}/${fiscalYear}?done=saved`);
    return json<TemplateActionData>(
      { intent, formError: result.formError, errors: result.errors, values: kept, base: result.base, baseVersion: result.baseVersion, stale: result.stale },
      { status: result.status },
    );
  }
  return json<TemplateActionData>({ intent, formError: '操作を選んでください。' }, { status: 400 });
}
