import { Form } from '@remix-run/react';
import { Field, SubmitButton } from '../forms';
import type { FieldChange } from '../../domain/agreements/form';
import { formatDateTime, formatWareki } from '../../utils/dates';
import { Notice } from '../notice';


type Approval = { role: string; name: string; agreed: boolean; at: string | null; by: string | null };

/** Who agreed to the latest version, the 合意する and 合意を取り消す buttons and, once both agreed, the conclusion form. */
export function ApprovalsPanel(props: {
  applicationId: number;
  documentType: string;
  version: number;
  approvals: Approval[];
  canApprove: boolean;
  /** the viewer's organisation agreed to the latest version and the conclusion is not recorded yet */
  canWithdraw: boolean;
  canConclude: boolean;
  concluded: { version: number; on: string; dateLineWarning: string | null } | null;
  /** the latest version's 文書の日付欄 (ISO date), if filled in */
  dateLine?: string | null;
  concludedOnErrors?: string[];
  concludedOnValue?: string;
}) {
  return (
    <section aria-labelledby="approvals-title" className="card space-y-4" id="approvals">
      <h2 id="approvals-title" className="section-title">
        合意と締結
      </h2>
      {props.concluded ? (
        <>
          <Notice tone="success" role="none" as="p" testId="concluded">
            版{props.concluded.version}で締結済みです（締結日：{props.concluded.on ? formatWareki(props.concluded.on) : '未記録'}）。内容は変更できません。
          </Notice>
          {props.concluded.dateLineWarning ? (
            <Notice tone="warning" role="none" as="p" testId="date-line-warning">
              {props.concluded.dateLineWarning}
            </Notice>
          ) : null}
        </>
      ) : null}
      <p>
        最新の版：<strong data-testid="latest-version">版{props.version}</strong>
      </p>
      <ul className="space-y-1" data-testid="approvals">
        {props.approvals.map((a) => (
          <li key={a.role}>
            {a.role}{'\u3000'}{a.name}：
            {a.agreed ? (
              <strong className="text-green-900">
                合意済（{a.by ? `${a.by}・` : ''}
                {a.at ? formatDateTime(a.at) : ''}）
              </strong>
            ) : (
              <span>未合意</span>
            )}
          </li>
        ))}
      </ul>
      {props.canApprove ? (
        <Form method="post">
          <input type="hidden" name="version" value={props.version} />
          <SubmitButton name="intent" value="approve">
            版{props.version}の内容に合意する
          </SubmitButton>
        </Form>
      ) : null}
      {props.canWithdraw ? (
        <Form method="post" className="space-y-1" aria-labelledby="withdraw-title">
          <h3 id="withdraw-title" className="font-bold">
            合意の取り消し
          </h3>
          <p className="text-sm">締結を記録する前なら、版{props.version}への合意を取り消せます。取り消すと相手に通知され、締結には双方の合意が改めて必要になります。</p>
          <input type="hidden" name="version" value={props.version} />
          <SubmitButton name="intent" value="withdraw-approval" className="btn-secondary" data-testid="withdraw-approval">
            合意を取り消す
          </SubmitButton>
        </Form>
      ) : null}
      {props.canConclude ? (
        <Form method="post" noValidate className="space-y-2" aria-labelledby="conclude-title">
          <h3 id="conclude-title" className="font-bold">
            締結の記録
          </h3>
          <p className="text-sm">双方が版{props.version}に合意しました。{props.documentType}に署名・押印したら、締結日を記録してください（応募は「締結済」になります）。</p>
          <input type="hidden" name="version" value={props.version} />
          <Field
            name="concludedOn"
            type="date"
            label="締結日"
            required
            className="field max-w-xs"
            hint={props.dateLine ? `文書の日付欄は${formatWareki(props.dateLine)}です。署名・押印した日と同じか確かめてください。` : undefined}
            errors={props.concludedOnErrors}
            defaultValue={props.concludedOnValue ?? ''}
          />
          <SubmitButton name="intent" value="conclude">締結を記録する</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

export function Downloads({ href, documentType }: { href: string; documentType: string }) {
  return (
    <div>
      <h3 className="font-bold">{documentType}の出力</h3>
      <ul className="mt-1 flex flex-wrap gap-3" data-testid="downloads">
        <li>
          <a href={`${href}?format=docx`} download className="btn-secondary btn-small">
            Word（.docx）
          </a>
        </li>
        <li>
          <a href={`${href}?format=pdf`} download className="btn-secondary btn-small">
            PDF
          </a>
        </li>
        <li>
          <a href={`${href}?format=html`} className="btn-secondary btn-small" target="_blank" rel="noreferrer">
            印刷用の表示（HTML）
          </a>
        </li>
      </ul>
    </div>
  );
}

/** Field-by-field changes between two versions. */
export function ChangesTable({ changes, caption }: { changes: FieldChange[]; caption: string }) {
  if (changes.length === 0) return <p>変更された項目はありません。</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] border-collapse text-sm" data-testid="changes">
        <caption className="mb-2 text-left font-bold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600 text-left">
            <th scope="col" className="p-2">項目</th>
            <th scope="col" className="p-2">変更前</th>
            <th scope="col" className="p-2">変更後</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.name} className="border-b border-solid-gray-200 align-top">
              <th scope="row" className="p-2 text-left">
                {c.label}
              </th>
              <td className="whitespace-pre-wrap break-words p-2">
                {c.before ? <del className="bg-red-50">{c.before}</del> : <span className="text-solid-gray-600">（なし）</span>}
              </td>
              <td className="whitespace-pre-wrap break-words p-2">
                {c.after ? <ins className="bg-green-50 no-underline">{c.after}</ins> : <span className="text-solid-gray-600">（なし）</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
