import { json, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from '@remix-run/node';
import { EXPORT_FORMATS, type ExportFormat } from '../documents/render.server';
import { fieldLabels, fieldsFor, MAX_FIELD_LENGTH, type FieldChange } from '../domain/agreements/form';
import {
  agreementAccess,
  approveAgreementVersion,
  changesSince,
  concludeAgreement,
  exportAgreementVersion,
  getAgreementPage,
  getAgreementVersionPage,
  openAgreementDraft,
  saveAgreementVersion,
  withdrawAgreementApproval,
} from './agreements.server';
import { assertCan, requireUser } from './auth.server';
import { asErrorResponse, refusalOf, textResponse } from '../utils/errors';
import { idParam } from '../utils/params';
import { contentDisposition } from './downloads.server';

/*
 * Loaders and actions of /applications/:id/agreement and its versions. Plain form posts throughout:
 * every step works without JavaScript. Only the two parties get past assertCan; everyone else signed
 * in gets 403, anonymous visitors go to log in.
 */

export type AgreementActionData = {
  intent: string;
  formError?: string;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** a refused save: the version the form is now based on (the user's input is in values) */
  keep?: { baseVersion: number };
  /** a refused stale save: what changed since the user's base */
  stale?: { baseVersion: number; currentVersion: number; changes: FieldChange[] };
};

const intParam = idParam;

/** The signed-in party and the application id; 404 for an unknown application, 403 for anyone else. */
async function requireParty(request: Request, context: AppLoadContext, params: { id?: string }) {
  const user = await requireUser(request, context);
  const id = intParam(params.id, '応募');
  const access = await agreementAccess(context.db, id).catch(asErrorResponse);
  assertCan(request, user, 'agreement.view', access.resource);
  return { user, id, kind: access.app.program_type };
}


const writeOptions = (context: AppLoadContext) => ({ ip: context.clientIp, publicUrl: context.config.publicUrl, hub: context.chat });

export async function agreementLoader({ request, context, params }: LoaderFunctionArgs) {
  const { user, id } = await requireParty(request, context, params);
  const page = await getAgreementPage(context.db, user, id).catch(asErrorResponse);
  const url = new URL(request.url);
  return json({ ...page, done: url.searchParams.get('done') }, { headers: { 'Cache-Control': 'private, no-store' } });
}

function stringValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  // PostgreSQL text cannot store NUL; dropping it keeps a pasted draft savable.
  for (const [k, v] of form) if (typeof v === 'string' && !(k in out)) out[k] = v.replaceAll('\u0000', '');
  return out;
}

export async function agreementAction({ request, context, params }: ActionFunctionArgs) {
  const { user, id, kind } = await requireParty(request, context, params);
  const values = stringValues(await request.formData());
  const intent = values.intent ?? '';
  const opts = writeOptions(context);
  const base = `/applications/${id}/agreement`;
  try {
    if (intent === 'open') {
      await openAgreementDraft(context.db, user, id, opts);
      return redirect(`${base}?done=opened`);
    }
    if (intent === 'save') {
      const baseVersion = intParam(values.baseVersion, '版');
      const formValues = Object.fromEntries(fieldsFor(kind).map((f) => [f.name, values[f.name] ?? '']));
      const tooLong = Object.keys(formValues).filter((k) => formValues[k].length > MAX_FIELD_LENGTH);
      if (tooLong.length) {
        const labels = fieldLabels(kind);
        return json<AgreementActionData>(
          {
            intent,
            formError: `${MAX_FIELD_LENGTH}文字を超える項目があるため保存できませんでした（${tooLong.map((k) => labels[k]).join('、')}）。入力内容はそのまま残しています。`,
            values: formValues,
            keep: { baseVersion },
            errors: Object.fromEntries(tooLong.map((k) => [k, [`${MAX_FIELD_LENGTH}文字以内で入力してください`]])),
          },
          { status: 400 },
        );
      }
      const result = await saveAgreementVersion(context.db, user, id, { baseVersion, values: formValues }, opts);
      if (!result.ok) {
        const changes = await changesSince(context.db, user, id, baseVersion);
        return json<AgreementActionData>(
          { intent, formError: result.message, values: formValues, keep: { baseVersion: result.currentVersion }, stale: { baseVersion, currentVersion: result.currentVersion, changes } },
          { status: 409 },
        );
      }
      return redirect(`${base}?done=${result.unchanged ? 'unchanged' : result.clearedApprovals ? 'saved-cleared' : 'saved'}#form`);
    }
    if (intent === 'approve') {
      const version = intParam(values.version, '版');
      const { bothAgreed } = await approveAgreementVersion(context.db, user, id, version, opts);
      return redirect(`${base}?done=${bothAgreed ? 'both-agreed' : 'approved'}#approvals`);
    }
    if (intent === 'withdraw-approval') {
      const version = intParam(values.version, '版');
      await withdrawAgreementApproval(context.db, user, id, version, opts);
      return redirect(`${base}?done=approval-withdrawn#approvals`);
    }
    if (intent === 'conclude') {
      const version = intParam(values.version, '版');
      await concludeAgreement(context.db, user, id, { version, concludedOn: values.concludedOn ?? '' }, opts);
      return redirect(`${base}?done=concluded`);
    }
    return json<AgreementActionData>({ intent, formError: '操作を選んでください。' }, { status: 400 });
  } catch (error) {
    const refusal = refusalOf(error);
    const errors = intent === 'conclude' && refusal.status === 400 ? { concludedOn: [refusal.message] } : undefined;
    return json<AgreementActionData>({ intent, formError: refusal.message, errors, values: intent === 'conclude' ? { concludedOn: values.concludedOn ?? '' } : undefined }, { status: refusal.status });
  }
}

export async function agreementVersionLoader({ request, context, params }: LoaderFunctionArgs) {
  const { user, id } = await requireParty(request, context, params);
  const version = intParam(params.v, '版');
  const page = await getAgreementVersionPage(context.db, user, id, version).catch(asErrorResponse);
  return json(page, { headers: { 'Cache-Control': 'private, no-store' } });
}


export async function agreementDownloadLoader({ request, context, params }: LoaderFunctionArgs) {
  const { user, id } = await requireParty(request, context, params);
  const version = intParam(params.v, '版');
  const format = new URL(request.url).searchParams.get('format') ?? 'docx';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw textResponse('形式は docx / pdf / html のいずれかです。', 400);
  const rendered = await exportAgreementVersion(context.db, user, id, version, format as ExportFormat, { ip: context.clientIp }).catch(asErrorResponse);
  return new Response(new Uint8Array(rendered.body), {
    headers: {
      'Content-Type': rendered.contentType,
      'Content-Length': String(rendered.body.length),
      'Content-Disposition': contentDisposition(format === 'html' ? 'inline' : 'attachment', rendered.fileName, rendered.asciiFileName),
      'X-Draft-Version': String(rendered.stamp.draftVersion),
      'X-Content-SHA256': rendered.stamp.contentSha256,
      'Cache-Control': 'private, no-store',
    },
  });
}
