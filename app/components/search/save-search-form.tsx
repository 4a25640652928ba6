import { useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import { ALERT_FREQUENCIES, ALERT_FREQUENCY_HINTS, ALERT_FREQUENCY_LABELS, type SavedSearchParams } from '../../domain/alerts';
import { SAVE_SEARCH_LABELS, SaveSearchForm } from '../../schemas/saved-searches';
import { ErrorSummary, Field, SelectField, SubmissionKey, SubmitButton } from '../forms';

export const SAVE_SEARCH_FORM_ID = 'save-search';

/** The filters of the page as hidden fields, so a plain POST (no JavaScript) saves exactly what is shown. */
function HiddenParams({ params }: { params: SavedSearchParams }) {
  const single: [string, string | number | undefined][] = [
    ['q', params.q],
    ['kind', params.kind],
    ['category', params.category],
    ['pref', params.pref],
    ['remote', params.remote],
    ['termMin', params.termMin],
    ['termMax', params.termMax],
    ['sort', params.sort],
    ['eligibleClass', params.eligibleClass],
    ['eligiblePref', params.eligiblePref],
  ];
  return (
    <>
      {single.map(([name, value]) => (value === undefined || value === '' ? null : <input key={name} type="hidden" name={name} value={String(value)} />))}
      {params.type.map((t) => (
        <input key={`type-${t}`} type="hidden" name="type" value={t} />
      ))}
    </>
  );
}

/**
 * 「この条件を保存」 under the search form: a name (the conditions in words unless changed) and how often
 * new listings are announced. Open at once when a save was refused, so the problems are seen.
 */
export function SaveSearchPanel(props: { params: SavedSearchParams; defaultName: string; submissionKey: string; result?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: SAVE_SEARCH_FORM_ID,
    lastResult: props.result,
    defaultValue: { name: props.defaultName, frequency: 'daily' },
    constraint: getZodConstraint(SaveSearchForm.fields),
  });
  return (
    <details className="card" open={props.result?.status === 'error' ? true : undefined}>
      <summary className="cursor-pointer font-bold">この検索条件を保存する（新着をお知らせ）</summary>
      <Form method="post" id={form.id} className="mt-3 space-y-3" noValidate>
        <ErrorSummary result={props.result} labels={SAVE_SEARCH_LABELS} formId={form.id} />
        <SubmissionKey value={props.submissionKey} />
        <HiddenParams params={props.params} />
        <Field field={fields.name} label="名前" hint="空欄のときは検索条件をそのまま名前にします。" />
        <SelectField
          field={fields.frequency}
          label="新着のお知らせ"
          hint={ALERT_FREQUENCIES.map((f) => `${ALERT_FREQUENCY_LABELS[f]}：${ALERT_FREQUENCY_HINTS[f]}`).join(' ')}
          options={ALERT_FREQUENCIES.map((f) => ({ value: f, label: ALERT_FREQUENCY_LABELS[f] }))}
        />
        <SubmitButton>検索条件を保存</SubmitButton>
      </Form>
    </details>
  );
}
