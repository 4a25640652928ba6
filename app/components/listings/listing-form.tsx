import { useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { Form, Link } from '@remix-run/react';
import { CATEGORIES, KIND_LABELS, KIND_PATHS, LIMITS, LISTING_TYPES, PREFECTURES, type ListingKind, type ListingType } from '../../domain/listings';
import type { NewListingData } from '../../routes/__listings.server';
import { listingFormOf } from '../../schemas/listings';
import { Checkbox, ChoiceGroup, ErrorSummary, Field, SubmissionKey, SubmitButton, TextareaField } from '../forms';
import { OPENING_LABELS, SOLUTION_LABELS } from './labels';

const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c.id, label: c.label }));
const PREF_OPTIONS = PREFECTURES.map((p) => ({ value: p.code, label: p.name }));
const MD_HINT = '改行はそのまま反映されます。「- 」で始めると箇条書き、**太字** が使えます（HTMLは使えません）。';

/**
 * The opening / solution form. Plain HTML submission (works without JavaScript); on an error the
 * server sends back every value as typed, and the summary at the top lists every problem in the
 * order of the fields, linking to each.
 */
export function ListingForm({
  kind,
  defaultValue,
  result,
  allowedTypes,
  mode,
  submissionKey,
}: {
  kind: ListingKind;
  defaultValue: Record<string, string | string[]>;
  result?: SubmissionResult<string[]>;
  allowedTypes: readonly ListingType[];
  mode: 'new' | 'edit';
  /** the one-time key of a new listing's form */
  submissionKey?: string;
}) {
  const [form, fields] = useForm({ id: 'field', lastResult: result, defaultValue, constraint: getZodConstraint(listingFormOf(kind).fields) });
  const labels = kind === 'opening' ? OPENING_LABELS : SOLUTION_LABELS;
  const f = fields as unknown as Record<string, Parameters<typeof Field>[0]['field']>;
  const typeOptions = LISTING_TYPES.filter((t) => allowedTypes.includes(t.id)).map((t) => ({ value: t.id, label: t.label }));
  return (
    <Form method="post" id={form.id} noValidate className="max-w-3xl">
      <ErrorSummary result={result} labels={labels} />
      {submissionKey ? <SubmissionKey value={submissionKey} /> : null}
      <p className="mb-6 text-sm">
        <span className="required-mark ml-0">必須</span> の項目は必ず入力してください。
      </p>

      <h2 className="section-title">基本情報</h2>
      <Field field={f.title} label={labels.title} required maxLength={LIMITS.titleMax} hint={`${LIMITS.titleMax}文字以内。一覧に表示されます。`} />
      <TextareaField field={f.summary} label={labels.summary} required rows={3} hint={`${LIMITS.summaryMax}文字以内。一覧のカードに表示される紹介文です。`} />
      <ChoiceGroup
        field={f.categories}
        legend={labels.categories}
        required
        options={CATEGORY_OPTIONS}
        hint={`総務省の活動分野から${kind === 'opening' ? LIMITS.openingCategoriesMax : LIMITS.solutionCategoriesMax}つまで選べます。`}
      />
      <ChoiceGroup field={f.types} legend={labels.types} required options={typeOptions} columns={3} />

      <h2 className="section-title mt-10">{kind === 'opening' ? '課題と業務' : '提供できること'}</h2>
      <TextareaField field={f.body} label={labels.body} required hint={MD_HINT} rows={10} />
      {kind === 'opening' ? <TextareaField field={f.duties} label={labels.duties} required hint={MD_HINT} /> : null}
      <TextareaField field={f.skills} label={labels.skills} required hint={MD_HINT} />
      {kind === 'solution' ? <TextareaField field={f.trackRecord} label={labels.trackRecord} hint={MD_HINT} /> : null}

      <h2 className="section-title mt-10">期間と働き方</h2>
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Field field={f.termMinMonths} label={labels.termMinMonths} required inputMode="numeric" hint="6〜36か月" />
        <Field field={f.termMaxMonths} label={labels.termMaxMonths} required inputMode="numeric" hint="6〜36か月" />
      </div>
      <Field field={f.startFrom} label={labels.startFrom} required type="date" hint="例: 2026-04-01" />
      {kind === 'opening' ? (
        <Field
          field={f.daysOnSite}
          label={labels.daysOnSite}
          inputMode="numeric"
          hint="企業派遣型は月の半分以上、副業型・シニア型は月1日以上の現地滞在が必要です。"
        />
      ) : (
        <>
          <Field field={f.headcount} label={labels.headcount} required inputMode="numeric" hint="対応できる人数（1〜99人）" />
          <Checkbox field={f.regionAnywhere} label={`${labels.regionAnywhere}（地域を限定しない）`} />
          <ChoiceGroup
            field={f.regionPrefCodes}
            legend={labels.regionPrefCodes}
            options={PREF_OPTIONS}
            columns={4}
            hint="「全国どこでも」を選ばない場合は、1つ以上選んでください。"
          />
        </>
      )}
      <Checkbox field={f.remoteOk} label="一部リモートワークができる" />

      {kind === 'opening' ? (
        <>
          <h2 className="section-title mt-10">費用と支援</h2>
          <div className="grid gap-x-6 sm:grid-cols-2">
            <Field field={f.budgetMin} label={`${labels.budgetMin}（万円／年）`} inputMode="numeric" />
            <Field field={f.budgetMax} label={`${labels.budgetMax}（万円／年）`} inputMode="numeric" />
          </div>
        </>
      ) : null}
      <TextareaField
        field={f.conditions}
        label={labels.conditions}
        rows={5}
        hint={kind === 'opening' ? '住居の用意、移動手段、執務スペースなど。' : '報酬の考え方、稼働日数、出張の可否など。'}
      />

      <h2 className="section-title mt-10">連絡先{kind === 'opening' ? 'と締切' : ''}</h2>
      <Field field={f.contactName} label={labels.contactName} required autoComplete="name" />
      <Field field={f.contactEmail} label={labels.contactEmail} required type="email" autoComplete="email" />
      <Field field={f.contactPhone} label={labels.contactPhone} type="tel" autoComplete="tel" />
      {kind === 'opening' ? (
        <Field field={f.deadline} label={labels.deadline} required type="date" hint="この日の終わりまで応募を受け付け、過ぎると自動で締め切ります。" />
      ) : null}

      <div className="mt-8 flex flex-wrap gap-4">
        {mode === 'new' ? (
          <>
            <SubmitButton name="intent" value="publish" className="btn-primary">
              公開する
            </SubmitButton>
            <SubmitButton name="intent" value="preview" className="btn-secondary">
              下書き保存してプレビュー
            </SubmitButton>
            <SubmitButton name="intent" value="draft" className="btn-secondary">
              下書き保存
            </SubmitButton>
          </>
        ) : (
          <>
            <SubmitButton name="intent" value="save" className="btn-primary">
              変更を保存
            </SubmitButton>
            <SubmitButton name="intent" value="preview" className="btn-secondary">
              保存してプレビュー
            </SubmitButton>
          </>
        )}
      </div>
    </Form>
  );
}

/** The page around the form for a new listing. */
export function ListingNew({ data, result }: { data: NewListingData; result?: SubmissionResult<string[]> }) {
  const { kind } = data;
  return (
    <div>
      <nav aria-label="パンくずリスト" className="mb-4 text-sm">
        <Link to={KIND_PATHS[kind]}>{KIND_LABELS[kind]}</Link> ＞ 新規作成
      </nav>
      <h1 className="page-title">{kind === 'opening' ? '起業人を募集する' : 'ソリューションを掲載する'}</h1>
      <p className="mb-8">{data.organisationName} として掲載します。下書き保存した内容は、公開するまで他の団体からは見えません。</p>
      <ListingForm kind={kind} mode="new" defaultValue={data.values} result={result} allowedTypes={data.allowedTypes} submissionKey={data.submissionKey} />
    </div>
  );
}
