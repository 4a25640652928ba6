import { Form } from '@remix-run/react';
import { CATEGORIES, LIMITS, LISTING_TYPES, PREFECTURES, type ListingKind, type ListingType } from '../../domain/listings';
import { arr, Checkbox, CheckboxGroup, ErrorSummary, Field, str, TextareaField, type Errors, type Values } from '../forms';
import { OPENING_LABELS, SOLUTION_LABELS } from './labels';

const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c.id, label: c.label }));
const PREF_OPTIONS = PREFECTURES.map((p) => ({ value: p.code, label: p.name }));
const MD_HINT = '改行はそのまま反映されます。「- 」で始めると箇条書き、**太字** が使えます（HTMLは使えません）。';

/**
 * The opening / solution form. Plain HTML submission (works without JavaScript); on an error the
 * server sends back every value as typed, and the summary at the top links to each field.
 */
export function ListingForm({
  kind,
  values,
  errors,
  formError,
  allowedTypes,
  mode,
}: {
  kind: ListingKind;
  values?: Values;
  errors?: Errors;
  formError?: string;
  allowedTypes: readonly ListingType[];
  mode: 'new' | 'edit';
}) {
  const labels = kind === 'opening' ? OPENING_LABELS : SOLUTION_LABELS;
  const e = (name: string) => errors?.[name];
  const typeOptions = LISTING_TYPES.filter((t) => allowedTypes.includes(t.id)).map((t) => ({ value: t.id, label: t.label }));
  const v = (name: string) => str(values, name);
  return (
    <Form method="post" noValidate className="max-w-3xl">
      <ErrorSummary errors={errors} labels={labels} formError={formError} />
      <p className="mb-6 text-sm">
        <span className="required-mark ml-0">必須</span> の項目は必ず入力してください。
      </p>

      <h2 className="section-title">基本情報</h2>
      <Field name="title" label={labels.title} required maxLength={LIMITS.titleMax} defaultValue={v('title')} errors={e('title')} hint={`${LIMITS.titleMax}文字以内。一覧に表示されます。`} />
      <TextareaField name="summary" label={labels.summary} required rows={3} defaultValue={v('summary')} errors={e('summary')} hint={`${LIMITS.summaryMax}文字以内。一覧のカードに表示される紹介文です。`} />
      <CheckboxGroup
        name="categories"
        legend={labels.categories}
        required
        options={CATEGORY_OPTIONS}
        values={arr(values, 'categories')}
        errors={e('categories')}
        hint={`総務省の活動分野から${kind === 'opening' ? LIMITS.openingCategoriesMax : LIMITS.solutionCategoriesMax}つまで選べます。`}
      />
      <CheckboxGroup name="types" legend={labels.types} required options={typeOptions} values={arr(values, 'types')} errors={e('types')} columns={3} />

      <h2 className="section-title mt-10">{kind === 'opening' ? '課題と業務' : '提供できること'}</h2>
      <TextareaField name="body" label={labels.body} required defaultValue={v('body')} errors={e('body')} hint={MD_HINT} rows={10} />
      {kind === 'opening' ? <TextareaField name="duties" label={labels.duties} required defaultValue={v('duties')} errors={e('duties')} hint={MD_HINT} /> : null}
      <TextareaField name="skills" label={labels.skills} required defaultValue={v('skills')} errors={e('skills')} hint={MD_HINT} />
      {kind === 'solution' ? <TextareaField name="trackRecord" label={labels.trackRecord} defaultValue={v('trackRecord')} errors={e('trackRecord')} hint={MD_HINT} /> : null}

      <h2 className="section-title mt-10">期間と働き方</h2>
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Field name="termMinMonths" label={labels.termMinMonths} required inputMode="numeric" defaultValue={v('termMinMonths')} errors={e('termMinMonths')} hint="6〜36か月" />
        <Field name="termMaxMonths" label={labels.termMaxMonths} required inputMode="numeric" defaultValue={v('termMaxMonths')} errors={e('termMaxMonths')} hint="6〜36か月" />
      </div>
      <Field name="startFrom" label={labels.startFrom} required type="date" defaultValue={v('startFrom')} errors={e('startFrom')} hint="例: 2026-04-01" />
      {kind === 'opening' ? (
        <Field
          name="daysOnSite"
          label={labels.daysOnSite}
          inputMode="numeric"
          defaultValue={v('daysOnSite')}
          errors={e('daysOnSite')}
          hint="企業派遣型は月の半分以上、副業型・シニア型は月1日以上の現地滞在が必要です。"
        />
      ) : (
        <>
          <Field name="headcount" label={labels.headcount} required inputMode="numeric" defaultValue={v('headcount')} errors={e('headcount')} hint="対応できる人数（1〜99人）" />
          <Checkbox name="regionAnywhere" label={`${labels.regionAnywhere}（地域を限定しない）`} checked={v('regionAnywhere') === 'on'} errors={e('regionAnywhere')} />
          <CheckboxGroup
            name="regionPrefCodes"
            legend={labels.regionPrefCodes}
            options={PREF_OPTIONS}
            values={arr(values, 'regionPrefCodes')}
            errors={e('regionPrefCodes')}
            columns={4}
            hint="「全国どこでも」を選ばない場合は、1つ以上選んでください。"
          />
        </>
      )}
      <Checkbox name="remoteOk" label="一部リモートワークができる" checked={v('remoteOk') === 'on'} errors={e('remoteOk')} />

      {kind === 'opening' ? (
        <>
          <h2 className="section-title mt-10">費用と支援</h2>
          <div className="grid gap-x-6 sm:grid-cols-2">
            <Field name="budgetMin" label={`${labels.budgetMin}（万円／年）`} inputMode="numeric" defaultValue={v('budgetMin')} errors={e('budgetMin')} />
            <Field name="budgetMax" label={`${labels.budgetMax}（万円／年）`} inputMode="numeric" defaultValue={v('budgetMax')} errors={e('budgetMax')} />
          </div>
        </>
      ) : null}
      <TextareaField
        name="conditions"
        label={labels.conditions}
        defaultValue={v('conditions')}
        errors={e('conditions')}
        rows={5}
        hint={kind === 'opening' ? '住居の用意、移動手段、執務スペースなど。' : '報酬の考え方、稼働日数、出張の可否など。'}
      />

      <h2 className="section-title mt-10">連絡先{kind === 'opening' ? 'と締切' : ''}</h2>
      <Field name="contactName" label={labels.contactName} required autoComplete="name" defaultValue={v('contactName')} errors={e('contactName')} />
      <Field name="contactEmail" label={labels.contactEmail} required type="email" autoComplete="email" defaultValue={v('contactEmail')} errors={e('contactEmail')} />
      <Field name="contactPhone" label={labels.contactPhone} type="tel" autoComplete="tel" defaultValue={v('contactPhone')} errors={e('contactPhone')} />
      {kind === 'opening' ? (
        <Field name="deadline" label={labels.deadline} required type="date" defaultValue={v('deadline')} errors={e('deadline')} hint="この日の終わりまで応募を受け付け、過ぎると自動で締め切ります。" />
      ) : null}

      <div className="mt-8 flex flex-wrap gap-4">
        {mode === 'new' ? (
          <>
            <button type="submit" name="intent" value="publish" className="btn-primary">
              公開する
            </button>
            <button type="submit" name="intent" value="draft" className="btn-secondary">
              下書き保存
            </button>
          </>
        ) : (
          <button type="submit" name="intent" value="save" className="btn-primary">
            変更を保存
          </button>
        )}
      </div>
    </Form>
  );
}
