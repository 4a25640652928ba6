import type { MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { AgreementForm, AgreementValues } from '../components/agreements/agreement-form';
import { ApprovalsPanel, ChangesTable, Downloads } from '../components/agreements/approvals-panel';
import { CheckPanel } from '../components/agreements/check-panel';
import { StateBadge } from '../components/applications/state-badge';
import { fieldLabels } from '../domain/agreements/form';
import { agreementAction, agreementLoader, type AgreementActionData } from '../services/agreement-routes.server';
import { formatDateTime } from '../utils/dates';

export const loader = agreementLoader;
export const action = agreementAction;

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
      {data.done && DONE[data.done] ? (
        <p role="status" className="notice">
          {DONE[data.done]}
        </p>
      ) : null}
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
            <p role="status" className="notice" data-testid="template-updated">
              版{draft.currentVersion}の作成後に、{data.documentType}のひな形が更新されました。次に保存すると、新しいひな形の文言で新しい版になります（版{draft.currentVersion}までの文言と出力は変わりません）。
            </p>
          ) : null}
          <CheckPanel
            check={draft.check}
            valid={draft.valid}
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

