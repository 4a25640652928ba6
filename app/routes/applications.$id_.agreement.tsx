import type { SubmissionResult } from '@conform-to/react';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { AgreementForm, AgreementValues } from '../components/agreements/agreement-form';
import { ApprovalsPanel, ChangesTable, Downloads } from '../components/agreements/approvals-panel';
import { CheckPanel } from '../components/agreements/check-panel';
import { StateBadge } from '../components/applications/state-badge';
import type { AgreementKind } from '../domain/agreements';
import { fieldLabels, fieldsFor, MAX_FIELD_LENGTH, type FieldChange } from '../domain/agreements/form';
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
import { answerOnce, newSubmissionKey, parseSubmission, readFormData, refused } from '../utils/forms.server';
import { agreementDraftForm, CONCLUDE_LABELS, ConcludeForm, TOO_LONG_MESSAGE } from '../schemas/agreement';
import { formSchema, valueAt, type FieldErrors } from '../schemas/form';
import { ErrorSummary } from '../components/forms';
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

/** What the action answers when it refuses a form: the kit's SubmissionResult, which form it was, and for a save what it is now based on. */
export type AgreementActionData = {
  result: SubmissionResult<string[]>;
  intent: string;
  /** a refused save: the version the form is now based on (the user's input is in the result) */
  keep?: { baseVersion: number };
  /** a refused stale save: what changed since the user's base */
  stale?: { baseVersion: number; currentVersion: number; changes: FieldChange[] };
};

const NO_FIELDS = formSchema({});

/** The message above a refused draft form: why it was not saved and which fields, the input kept. */
function saveRefusal(kind: AgreementKind, errors: FieldErrors): string {
  const labels = fieldLabels(kind);
  const names = Object.keys(errors).filter((n) => n !== '');
  const tooLong = names.some((n) => errors[n].includes(TOO_LONG_MESSAGE));
  const why = tooLong ? `${MAX_FIELD_LENGTH}文字を超える項目` : '使用できない文字（NUL）を含む項目';
  return `${why}があるため保存できませんでした（${names.map((n) => labels[n] ?? n).join('、')}）。入力内容はそのまま残しています。`;
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
  const posted = formData.get('intent');
  const intent = typeof posted === 'string' ? posted : '';
  const version = () => idParam(String(formData.get('version') ?? ''), '版');
  const opts = writeOptions(context);
  const base = `/applications/${id}/agreement`;
  const refuse = (result: SubmissionResult<string[]>, status = 400, more: Omit<AgreementActionData, 'result' | 'intent'> = {}) =>
    refused(result, status, { intent, ...more } satisfies Omit<AgreementActionData, 'result'>);
  // The form that was sent, parsed once, so a refusal from the service keeps everything typed.
  const Form = intent === 'save' ? agreementDraftForm(kind) : intent === 'conclude' ? ConcludeForm : NO_FIELDS;
  const parsed = await parseSubmission(formData, Form as typeof NO_FIELDS);
  try {
    if (intent === 'open') {
      await openAgreementDraft(context.db, user, access, opts);
      return redirect(`${base}?done=opened`);
    }
    if (intent === 'save') {
      const baseVersion = idParam(String(formData.get('baseVersion') ?? ''), '版');
      if (!parsed.ok) return refuse(parsed.reply({ formErrors: [saveRefusal(kind, parsed.errors)] }), 400, { keep: { baseVersion } });
      const values = parsed.value as Record<string, string>;
      const formValues = Object.fromEntries(fieldsFor(kind).map((f) => [f.name, values[f.name] ?? '']));
      const result = await saveAgreementVersion(context.db, user, access, { baseVersion, values: formValues }, opts);
      if (!result.ok) {
        const changes = await changesSince(context.db, user, access, baseVersion, result.currentVersion);
        return refuse(parsed.reply({ formErrors: [result.message] }), 409, {
          keep: { baseVersion: result.currentVersion },
          stale: { baseVersion, currentVersion: result.currentVersion, changes },
        });
      }
      // No fragment: the page opens at the top, where 「保存しました」, the rule check and the 合意 button are.
      return redirect(`${base}?done=${result.unchanged ? 'unchanged' : result.clearedApprovals ? 'saved-cleared' : 'saved'}`);
    }
    if (intent === 'approve') {
      const { bothAgreed } = await approveAgreementVersion(context.db, user, access, version(), opts);
      return redirect(`${base}?done=${bothAgreed ? 'both-agreed' : 'approved'}#approvals`);
    }
    if (intent === 'withdraw-approval') {
      await withdrawAgreementApproval(context.db, user, access, version(), opts);
      return redirect(`${base}?done=approval-withdrawn#approvals`);
    }
    if (intent === 'conclude') {
      if (!parsed.ok) return refuse(parsed.reply());
      const { concludedOn } = parsed.value as { concludedOn: string };
      const result = await concludeAgreement(context.db, user, access, { version: version(), concludedOn }, opts);
      if (!result.ok) return refuse(parsed.reply({ fieldErrors: result.errors }));
      return redirect(`${base}?done=concluded`);
    }
    return refuse(parsed.reply({ formErrors: ['操作を選んでください。'] }));
  } catch (error) {
    const refusal = refusalOf(error);
    return refuse(parsed.reply({ formErrors: [refusal.message] }), refusal.status);
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
  const errors = (failure?.result.error ?? {}) as Record<string, string[] | undefined>;
  const typed = (name: string) => {
    const v = valueAt(failure?.result.initialValue ?? {}, name);
    return typeof v === 'string' ? v : '';
  };
  const kept =
    failure?.intent === 'save' && failure.keep
      ? { baseVersion: failure.keep.baseVersion, values: Object.fromEntries(fieldsFor(data.kind).map((f) => [f.name, typed(f.name)])), errors: errors as Record<string, string[]> }
      : null;
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
      {failure ? (
        <ErrorSummary result={failure.result} labels={failure.intent === 'conclude' ? CONCLUDE_LABELS : labels}>
          {stale ? <ChangesTable changes={stale.changes} caption={`版${stale.baseVersion}から版${stale.currentVersion}までに変更された項目`} /> : null}
        </ErrorSummary>
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
            concludedOnErrors={failure?.intent === 'conclude' ? errors.concludedOn : undefined}
            concludedOnValue={failure?.intent === 'conclude' ? typed('concludedOn') : undefined}
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
                key={kept ? `kept-${kept.baseVersion}-${JSON.stringify(failure?.result.error ?? {})}` : `v${draft.currentVersion}`}
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

