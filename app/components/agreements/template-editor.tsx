import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { COPY_LABELS } from '../../schemas/agreement-templates';
import type { AgreementKind, AgreementTemplate } from '../../domain/agreements';
import { JSON_FIELD, templateLocation } from '../../domain/agreements/template-form';
import { describeCondition, type PlaceholderHint } from '../../domain/agreements/template-paths';
import type { TextDiff } from '../../domain/agreements/text-diff';
import { ErrorSummary, Field, SelectField, TextareaField, type Errors } from '../forms';
import { TextDiffView } from './text-diff';
import { formatDateTime } from '../../utils/dates';
import { Notice } from '../notice';

/** A textarea sized for one clause (the kit's TextareaField, compact). */
function TextBox({ rows = 3, ...props }: { name: string; label: string; hint?: string; errors?: string[]; defaultValue: string; rows?: number; required?: boolean; mono?: boolean }) {
  return <TextareaField {...props} rows={rows} compact unmarked />;
}

const rowsFor = (text: string) => Math.min(8, Math.max(2, Math.ceil(text.length / 45)));

export type TemplateEditorProps = {
  kind: AgreementKind;
  /** the version the edit starts from: lays out the fields */
  template: AgreementTemplate;
  baseVersion: number;
  values: Record<string, string>;
  json: string;
  note: string;
  sample: string;
  samples: string[];
  /** the action's answer to a refused (or previewed) edit: the problems next to each field and in the summary */
  result: SubmissionResult<string[]> | null;
};

const errorsOf = (result: SubmissionResult<string[]> | null): Errors => (result?.error ?? {}) as Errors;

/** The editor: every text of the template as a field, the JSON box for structure, preview and save. */
export function TemplateEditorForm(p: TemplateEditorProps) {
  const t = p.template;
  const v = (name: string) => p.values[name] ?? '';
  const errors = errorsOf(p.result);
  const labels: Record<string, string> = { [JSON_FIELD]: '上級者向け：JSONで編集', note: '変更理由' };
  for (const name of Object.keys(errors)) if (name !== '') labels[name] ??= templateLocation(t, name);
  return (
    <Form method="post" noValidate className="space-y-6" aria-label="ひな形の編集">
      <input type="hidden" name="baseVersion" value={p.baseVersion} />
      <ErrorSummary result={p.result} labels={labels} />
      <section className="card space-y-3" aria-labelledby="head-title">
        <h2 id="head-title" className="section-title">
          表題と前文
        </h2>
        <TextBox name="title" label="表題" defaultValue={v('title')} errors={errors.title} rows={1} />
        <TextBox name="preamble" label="前文" defaultValue={v('preamble')} errors={errors.preamble} rows={rowsFor(v('preamble'))} />
      </section>
      {t.articles.map((a, i) => (
        <fieldset key={`${a.key}-${i}`} className="card space-y-3" data-testid="template-article">
          <legend className="px-1 text-lg font-bold">
            第{i + 1}条（{a.heading}）<span className="ml-2 text-sm font-normal text-solid-gray-700">キー：{a.key}</span>
          </legend>
          {a.when ? (
            <Notice role="none" as="p" className="text-sm">
              この条は、{describeCondition(p.kind, a.when)}だけ入ります（条件：{a.when}）。
            </Notice>
          ) : null}
          <TextBox name={`articles.${i}.heading`} label="見出し" defaultValue={v(`articles.${i}.heading`)} errors={errors[`articles.${i}.heading`]} rows={1} />
          {a.paragraphs.map((para, j) => {
            const name = `articles.${i}.paragraphs.${j}`;
            return (
              <div key={j} className="space-y-2 border-l-4 border-solid-gray-200 pl-3">
                <TextBox
                  name={`${name}.text`}
                  label={`第${j + 1}項`}
                  hint={para.when ? `この項は、${describeCondition(p.kind, para.when)}だけ入ります（条件：${para.when}）` : undefined}
                  defaultValue={v(`${name}.text`)}
                  errors={errors[`${name}.text`]}
                  rows={rowsFor(v(`${name}.text`))}
                />
                {Array.isArray(para.items) ? (
                  <TextBox name={`${name}.items`} label={`第${j + 1}項の各号（1行に1号）`} defaultValue={v(`${name}.items`)} errors={errors[`${name}.items`]} rows={Math.max(3, para.items.length + 1)} />
                ) : para.items ? (
                  <p className="text-sm text-solid-gray-700">各号：下書きの「{para.items.each === 'duties' ? '業務内容' : para.items.each === 'specialProvisions' ? '特記事項' : para.items.each}」が1行ずつ（1）（2）…として入ります。</p>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ))}
      <section className="card space-y-3" aria-labelledby="closing-title">
        <h2 id="closing-title" className="section-title">
          末文と署名欄
        </h2>
        <TextBox name="closing" label="末文" defaultValue={v('closing')} errors={errors.closing} rows={rowsFor(v('closing'))} />
        <div>
          <p className="field-label">署名欄（変更は「JSONで編集」で行います）</p>
          <ul className="text-sm">
            {t.signatories.map((s) => (
              <li key={s.role}>
                {s.role}：{s.lines.join('／')}
              </li>
            ))}
          </ul>
        </div>
      </section>
      <details className="card" open={Boolean(errors[JSON_FIELD]?.length) || undefined}>
        <summary className="cursor-pointer font-bold">上級者向け：JSONで編集（条の追加・削除・並べ替え、条件の変更）</summary>
        <div className="mt-3">
          <TextBox
            name={JSON_FIELD}
            label="ひな形のJSON"
            hint="条の追加・削除・並べ替えや条件（when）の変更はここで行います。id・kind・fiscalYear はこのページでは変えられません（id は保存時に自動で付きます）。上の欄とJSONを同時に変更することはできません。"
            defaultValue={p.json}
            errors={errors[JSON_FIELD]}
            rows={24}
            mono
          />
        </div>
      </details>
      <section className="card space-y-3" aria-labelledby="save-title">
        <h2 id="save-title" className="section-title">
          確認と保存
        </h2>
        <SelectField name="sample" label="プレビューに使う見本" options={p.samples.map((label, i) => ({ value: String(i), label }))} defaultValue={p.sample} />
        <TextBox name="note" label="変更理由" hint="保存すると新しい版になり、この理由が履歴に残ります。例：令和9年度の制度改正に合わせて第5条を修正" defaultValue={p.note} errors={errors.note} rows={2} required />
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="preview" className="btn-secondary">
            プレビュー
          </button>
          <button type="submit" name="intent" value="save" className="btn-primary">
            保存
          </button>
        </div>
        <p className="text-sm text-solid-gray-700">「プレビュー」は保存せずに、見本の下書きで文書を表示します。「保存」すると、これから作られる版からこのひな形が使われます（保存済みの版の文言は変わりません）。</p>
      </section>
    </Form>
  );
}

export function PlaceholderHelp({ catalog }: { catalog: PlaceholderHint[] }) {
  return (
    <details className="card">
      <summary className="cursor-pointer font-bold">差し込みできる項目の一覧（{'{{…}}'}）</summary>
      <p className="mt-2 text-sm">文中の {'{{項目}}'} は、協定書・契約書を作るときに下書きの値に置き換わります。日付は |wareki、金額・日数は |num、選択肢は |label を付けます。</p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[36rem] border-collapse text-sm">
          <thead>
            <tr className="border-b-2 border-solid-gray-600 text-left">
              <th scope="col" className="p-2">項目</th>
              <th scope="col" className="p-2">書き方</th>
              <th scope="col" className="p-2">注意</th>
            </tr>
          </thead>
          <tbody>
            {catalog.map((h) => (
              <tr key={`${h.path}-${h.label}`} className="border-b border-solid-gray-200 align-top">
                <th scope="row" className="p-2 text-left font-normal">
                  {h.label}
                </th>
                <td className="break-all p-2 font-mono">{h.example}</td>
                <td className="p-2">{h.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

type HistoryEntry = { version: number; label: string; note: string; by: string | null; at: string | null; diff: TextDiff | null; previousLabel: string | null };

export function TemplateHistory({ history }: { history: HistoryEntry[] }) {
  return (
    <section className="card space-y-3" aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        版の履歴
      </h2>
      <ol className="space-y-3" data-testid="template-history">
        {history.map((h, i) => (
          <li key={h.version} className="border-b border-solid-gray-200 pb-3">
            <p>
              <strong>{h.label}</strong>
              {i === 0 ? <span className="badge badge-green ml-2">使用中</span> : null}
              {'\u3000'}
              {h.by ?? ''}
              {h.at ? `\u3000${formatDateTime(h.at)}` : ''}
            </p>
            <p className="text-sm">変更理由：{h.note}</p>
            {h.diff ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-sm">{h.previousLabel}からの変更</summary>
                <div className="mt-2">
                  <TextDiffView diff={h.diff} testId={`template-diff-${h.version}`} />
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CopyToYearForm(props: { fiscalYearLabel: string; target: string; note: string; result: SubmissionResult<string[]> | null }) {
  const errors = errorsOf(props.result);
  return (
    <Form method="post" noValidate className="card space-y-3" aria-labelledby="copy-title">
      <h2 id="copy-title" className="section-title">
        次年度版を作成
      </h2>
      <p className="text-sm">{props.fiscalYearLabel}の使用中のひな形を写して、別の年度の版1を作ります。その年度の下書きからは、そのひな形が使われます。</p>
      <ErrorSummary result={props.result} labels={COPY_LABELS} />
      <input type="hidden" name="intent" value="copy" />
      <Field
        name="targetFiscalYear"
        label="作成する年度（西暦）"
        required
        hint="例：2027（令和9年度）"
        inputMode="numeric"
        className="field max-w-xs"
        defaultValue={props.target}
        errors={errors.targetFiscalYear}
      />
      <TextBox name="copyNote" label="変更理由" defaultValue={props.note} errors={errors.copyNote} rows={2} required />
      <button type="submit" className="btn-secondary">
        次年度版を作成
      </button>
    </Form>
  );
}
