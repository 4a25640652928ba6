import { Form } from '@remix-run/react';
import { SYNONYM_NOTE_MAX, SYNONYM_TERM_MAX } from '../../domain/search/synonyms';
import { ErrorSummary, Field, TextareaField, type Errors } from '../forms';

export const SYNONYM_LABELS = { terms: '同じ意味として扱う語', note: 'メモ' };

/** The add / edit form of a synonym group: a plain POST, errors next to each field, input kept. */
export function SynonymForm({
  action,
  values,
  errors,
  submitLabel,
  updatedAt,
}: {
  action: string;
  values?: { terms?: string; note?: string };
  errors?: Errors & { _form?: string[] };
  submitLabel: string;
  updatedAt?: string;
}) {
  const { _form: formErrors, ...fieldErrors } = errors ?? {};
  return (
    <Form method="post" action={action} className="space-y-4" noValidate>
      <ErrorSummary errors={fieldErrors} labels={SYNONYM_LABELS} formErrors={formErrors} />
      {updatedAt ? <input type="hidden" name="updatedAt" value={updatedAt} /> : null}
      <TextareaField
        name="terms"
        label={SYNONYM_LABELS.terms}
        required
        rows={4}
        className="field"
        defaultValue={values?.terms ?? ''}
        errors={fieldErrors.terms}
        hint={`2語以上を「、」「,」か改行で区切って入力します（例：空き家、空家、空き屋）。1語${SYNONYM_TERM_MAX}文字まで。ほかのグループにある語は入れられません。`}
      />
      <Field
        name="note"
        label={SYNONYM_LABELS.note}
        defaultValue={values?.note ?? ''}
        errors={fieldErrors.note}
        maxLength={SYNONYM_NOTE_MAX * 2}
        hint={`追加した理由など（${SYNONYM_NOTE_MAX}文字まで）。`}
      />
      <button type="submit" className="btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
