import { useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { SYNONYM_NOTE_MAX, SYNONYM_TERM_MAX } from '../../domain/search/synonyms';
import { SYNONYM_LABELS, SynonymGroupForm } from '../../schemas/synonyms';
import { ErrorSummary, Field, SubmitButton, TextareaField } from '../forms';

/** The add / edit form of a synonym group: a plain POST, errors next to each field, input kept. */
export function SynonymForm({
  action,
  result,
  defaultValue,
  submitLabel,
  updatedAt,
}: {
  action: string;
  /** the action's answer to a refused post */
  result?: SubmissionResult<string[]> | null;
  /** what the form shows first (the stored group when editing) */
  defaultValue?: { terms: string; note: string };
  submitLabel: string;
  updatedAt?: string;
}) {
  const [form, fields] = useForm({ id: 'field', lastResult: result, defaultValue, constraint: getZodConstraint(SynonymGroupForm.fields) });
  return (
    <Form method="post" action={action} id={form.id} className="space-y-4" noValidate>
      <ErrorSummary result={result} labels={SYNONYM_LABELS} />
      {updatedAt ? <input type="hidden" name="updatedAt" value={updatedAt} /> : null}
      <TextareaField
        field={fields.terms}
        label={SYNONYM_LABELS.terms}
        required
        rows={4}
        className="field"
        hint={`2語以上を「、」「,」か改行で区切って入力します（例：空き家、空家、空き屋）。1語${SYNONYM_TERM_MAX}文字まで。ほかのグループにある語は入れられません。`}
      />
      <Field field={fields.note} label={SYNONYM_LABELS.note} maxLength={SYNONYM_NOTE_MAX * 2} hint={`追加した理由など（${SYNONYM_NOTE_MAX}文字まで）。`} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
