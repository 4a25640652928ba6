import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { AgreementForm, AgreementValues } from '../components/agreements/agreement-form';
import { ApprovalsPanel, ChangesTable, Downloads } from '../components/agreements/approvals-panel';
import { CheckPanel } from '../components/agreements/check-panel';
import { StateBadge } from '../components/applications/state-badge';
import type { AgreementKind } from '../domain/agreements';
import { fieldLabels, fieldsFor, MAX_FIELD_LENGTH, type FieldChange, type FormValues } from '../domain/agreements/form';
import {
  approveAgreementVersion,
  changesSince,
  concludeAgreement,
  getAgreementPage,
  openAgreementDraft,
  saveAgreementVersion,
  withdrawAgreementApproval,
} from '../services/agreements.server';
import { formatDateTime } from '../utils/dates';
import { asErrorResponse, refusalOf } from '../utils/errors';
import { answerOnce, newSubmissionKey, NUL_MESSAGE, readFormData, textValues } from '../utils/forms.server';
import { idParam } from '../utils/params';
import { NO_STORE, requireParty, writeOptions } from './__agreement.server';
import { DoneNotice, Notice } from '../components/notice';

/*
 * /applications/:id/agreement: the 協定書・契約書 of an application, for its two parties only. Plain
 * form posts throughout, so every step works without JavaScript: open the draft, save a version,
 * agree to it (or take the approval back), record the conclusion. The access is resolved once per
 * request (requireParty) and passed to every service call.
 */

export async function loader(args: LoaderFunctionArgs) {
  const { user, access } = await requireParty(args);
  const page = await getAgreementPage(args.context.db, user, access).catch(asErrorResponse);
  return json({ ...page, submissionKey: newSubmissionKey(), done: new URL(args.request.url).searchParams.get('done') }, { headers: NO_STORE });
}

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

/** The draft form's fields that cannot be saved as typed (too long, or containing NUL), with the message above the form. */
function saveProblems(kind: AgreementKind, values: FormValues): { errors: Record<string, string[]>; formError: string | null } {
  const errors: Record<string, string[]> = {};
  let tooLong = false;
  for (const [name, value] of Object.entries(values)) {
    if (value.length > MAX_FIELD_LENGTH) {
      tooLong = true;
      (errors[name] ??= []).push(`${MAX_FIELD_LENGTH}文字以内で入力してください`);
    }
    if (value.includes('\u0000')) (errors[name] ??= []).push(NUL_MESSAGE);
  }
  const names = Object.keys(errors);
  if (names.length === 0) return { errors, formError: null };
  const labels = fieldLabels(kind);
  const why = tooLong ? `${MAX_FIELD_LENGTH}文字を超える項目` : '使用できない文字（NUL）を含む項目';
  return { errors, formError: `${why}があるため保存できませんでした（${names.map((n) => labels[n] ?? n).join('、')}）。入力内容はそのまま残しています。` };
}

export async function action(args: ActionFunctionArgs) {
  const { user, access } = await requireParty(args);
  const formData = await readFormData(args.request);
  // The same save sent twice (a double click) makes one version, and both get the first answer.
  return answerOnce(args.context, formData, `agreement:${access.app.id}:${user.id}`, () => act(args, { user, access }, formData));
}

async function act({ context }: ActionFunctionArgs, { user, access }: Awaited<ReturnType<typeof requireParty>>, formData: FormData) {
  const id = access.app.id;
  const kind = access.app.program_type as AgreementKind;
  const values = textValues(formData);
  const intent = values.intent ?? '';
  const opts = writeOptions(context);
  const base = `/applications/${id}/agreement`;
  try {
    if (intent === 'open') {
      await openAgreementDraft(context.db, user, access, opts);
      return redirect(`${base}?done=opened`);
    }
    if (intent === 'save') {
      const baseVersion = idParam(values.baseVersion, '版');
      const formValues = Object.fromEntries(fieldsFor(kind).map((f) => [f.name, values[f.name] ?? '']));
      const problems = saveProblems(kind, formValues);
      if (problems.formError) {
        return json<AgreementActionData>({ intent, formError: problems.formError, values: formValues, keep: { baseVersion }, errors: problems.errors }, { status: 400 });
      }
      const result = await saveAgreementVersion(context.db, user, access, { baseVersion, values: formValues }, opts);
      if (!result.ok) {
        const changes = await changesSince(context.db, user, access, baseVersion, result.currentVersion);
        return json<AgreementActionData>(
          { intent, formError: result.message, values: formValues, keep: { baseVersion: result.currentVersion }, stale: { baseVersion, currentVersion: result.currentVersion, changes } },
          { status: 409 },
        );
      }
      // No fragment: the page opens at the top, where 「保存しました」, the rule check and the 合意 button are.
      return redirect(`${base}?done=${result.unchanged ? 'unchanged' : result.clearedApprovals ? 'saved-cleared' : 'saved'}`);
    }
    if (intent === 'approve') {
      const { bothAgreed } = await approveAgreementVersion(context.db, user, access, idParam(values.version, '版'), opts);
      return redirect(`${base}?done=${bothAgreed ? 'both-agreed' : 'approved'}#approvals`);
    }
    if (intent === 'withdraw-approval') {
      await withdrawAgreementApproval(context.db, user, access, idParam(values.version, '版'), opts);
      return redirect(`${base}?done=approval-withdrawn#approvals`);
    }
    if (intent === 'conclude') {
      const concludedOn = values.concludedOn ?? '';
      const result = await concludeAgreement(context.db, user, access, { version: idParam(values.version, '版'), concludedOn }, opts);
      if (!result.ok) return json<AgreementActionData>({ intent, formError: result.errors.concludedOn[0], errors: result.errors, values: { concludedOn } }, { status: 400 });
      return redirect(`${base}?done=concluded`);
    }
    return json<AgreementActionData>({ intent, formError: '操作を選んでください。' }, { status: 400 });
  } catch (error) {
    const refusal = refusalOf(error);
    return json<AgreementActionData>({ intent, formError: refusal.message, values: intent === 'conclude' ? { concludedOn: values.concludedOn ?? '' } : undefined }, { status: refusal.status });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.documentType}｜${data.application.listingTitle}｜起業人マッチ` : '起業人マッチ' }];

const DONE: Record<string, string> = {
  opened: '作成を始めました。応募の状態は「協定/契約準備」になりました。空欄の項目を入力して保存してください。',
  saved: '保存しました（新しい版になりました）。',
  'saved-cleared': '保存しました。内容が変わったため、これまでの合意は取り消されました。相手にも通知しました。',
  unchanged: '変更がなかったため、新しい版は作りませんでした。',
  approved: '合意しました。相手の合意をお待ちください。',
  'both-agreed': '双方が合意しました。署名・押印の後、締結日を記録してください。',
  'approval-withdrawn': '合意を取り消しました。相手にも通知しました。締結を記録するには、双方が改めて合意する必要があります。',
  concluded: '締結を記録しました。応募は「締結済」になりました。',
};

export default function AgreementPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<AgreementActionData>();
  const a = data.application;
  const draft = data.draft;
  const labels = fieldLabels(data.kind);
  const stale = failure?.stale;
  const kept = failure?.intent === 'save' && failure.keep && failure.values ? { baseVersion: failure.keep.baseVersion, values: failure.values, errors: failure.errors ?? {} } : null;
  return (
    <div className="space-y-6">
      <nav aria-label="パンくずリスト" className="text-sm">
        <a href="/applications">応募・スカウト</a> <span aria-hidden="true">›</span> <a href={`/applications/${a.id}`}>{a.listingTitle}</a>{' '}
        <span aria-hidden="true">›</span> {data.documentType}
      </nav>
      <header className="space-y-2">
        <h1 className="page-title">
          {data.documentType}（{data.kindLabel}）
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <StateBadge state={a.state} />
          {data.parties.map((p) => `${p.role}：${p.name}`).join('　')}
        </p>
      </header>
      <DoneNotice done={data.done} messages={DONE} />
      {failure?.formError ? (
        <div role="alert" className="error-summary" tabIndex={-1} data-testid="action-error">
          <p className="font-bold">{failure.formError}</p>
          {stale ? <ChangesTable changes={stale.changes} caption={`版${stale.baseVersion}から版${stale.currentVersion}までに変更された項目`} /> : null}
        </div>
      ) : null}
      {!draft ? (
        <section className="card space-y-4" aria-labelledby="open-title">
          <h2 id="open-title" className="section-title">
            {data.documentType}の作成
          </h2>
          {data.canOpen ? (
            <>
              <p>
                団体・掲載の情報から{data.documentType}の下書きを作ります。作成を始めると、応募の状態は「協定/契約準備」になります。どちらの団体からでも始められます。
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="open" />
                <button type="submit" className="btn-primary">
                  {data.documentType}の作成を始める
                </button>
              </Form>
            </>
          ) : (
            <p>{data.openBlocker ?? 'この応募では作成できません。'}</p>
          )}
        </section>
      ) : (
        <>
          <ApprovalsPanel
            applicationId={a.id}
            documentType={data.documentType}
            version={draft.currentVersion}
            approvals={draft.approvals}
            canApprove={draft.canApprove}
            canWithdraw={draft.canWithdraw}
            canConclude={draft.canConclude}
            concluded={draft.concluded}
            dateLine={draft.dateLine}
            concludedOnErrors={failure?.intent === 'conclude' ? failure.errors?.concludedOn : undefined}
            concludedOnValue={failure?.intent === 'conclude' ? failure.values?.concludedOn : undefined}
          />
          {draft.valid ? (
            <section className="card space-y-2" aria-label="出力">
              <Downloads href={`/applications/${a.id}/agreement/versions/${draft.currentVersion}/download`} documentType={data.documentType} />
              {draft.documentSha256 ? <p className="break-all text-xs text-solid-gray-700">版{draft.currentVersion}の内容のハッシュ（SHA-256）：{draft.documentSha256}</p> : null}
              {draft.template ? (
                <p className="text-xs text-solid-gray-700" data-testid="template-used">
                  使用したひな形：{draft.template.label}
                  {draft.template.provisional ? '（この年度のひな形がないため、暫定でこの版を使用）' : ''}
                </p>
              ) : null}
            </section>
          ) : null}
          {draft.templateUpdated ? (
            <Notice as="p" testId="template-updated">
              版{draft.currentVersion}の作成後に、{data.documentType}のひな形が更新されました。次に保存すると、新しいひな形の文言で新しい版になります（版{draft.currentVersion}までの文言と出力は変わりません）。
            </Notice>
          ) : null}
          <CheckPanel
            check={draft.check}
            valid={draft.valid}
            concluded={draft.concluded !== null}
            general={draft.generalErrors}
            problems={Object.entries(draft.errors).map(([name, messages]) => ({ name, label: labels[name] ?? name, messages }))}
          />
          <section aria-labelledby="form-title" id="form" className="space-y-4">
            <h2 id="form-title" className="section-title">
              {draft.canEdit ? `内容の編集（版${kept ? kept.baseVersion : draft.currentVersion}をもとに保存）` : `内容（版${draft.currentVersion}）`}
            </h2>
            {draft.canEdit ? (
              <AgreementForm
                key={kept ? `kept-${kept.baseVersion}-${failure?.formError}` : `v${draft.currentVersion}`}
                kind={data.kind}
                baseVersion={kept ? kept.baseVersion : draft.currentVersion}
                values={kept ? kept.values : draft.values}
                errors={kept ? kept.errors : draft.errors}
                submissionKey={data.submissionKey}
              />
            ) : (
              <AgreementValues kind={data.kind} values={draft.values} errors={draft.errors} />
            )}
          </section>
          <section aria-labelledby="versions-title" className="card">
            <h2 id="versions-title" className="section-title">
              版の履歴
            </h2>
            <ol className="space-y-2" data-testid="versions">
              {draft.versions.map((v) => (
                <li key={v.version}>
                  <a href={`/applications/${a.id}/agreement/versions/${v.version}`}>版{v.version}</a>{'\u3000'}{v.by}{'\u3000'}
                  {formatDateTime(v.createdAt)}{'\u3000'}
                  {v.valid ? (v.checkOk ? <span className="badge badge-green">ルール適合</span> : <span className="badge badge-yellow">ルール不適合あり</span>) : <span className="badge badge-gray">未入力あり</span>}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}

