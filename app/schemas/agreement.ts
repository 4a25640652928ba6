import { z } from 'zod';
import type { AgreementKind } from '../domain/agreements';
import { fieldsFor, MAX_FIELD_LENGTH } from '../domain/agreements/form';
import { formSchema } from './form';

/*
 * The forms of the agreement page (/applications/:id/agreement). The draft form's fields come from the
 * kind's field list (dotted names such as `handling.travel`); every value is kept as typed, the draft's
 * own rules are checked after saving and shown next to each field.
 */

export const TOO_LONG_MESSAGE = `${MAX_FIELD_LENGTH}文字以内で入力してください`;

const text = z
  .string()
  .max(MAX_FIELD_LENGTH, TOO_LONG_MESSAGE)
  .optional()
  .transform((s) => s ?? '');

/** The draft form of one kind: one text per field, none longer than MAX_FIELD_LENGTH. */
export function agreementDraftForm(kind: AgreementKind) {
  return formSchema(Object.fromEntries(fieldsFor(kind).map((f) => [f.name, text])) as Record<string, typeof text>);
}

/** 締結の記録: the date is checked by the service (not in the future, not before both agreed). */
export const ConcludeForm = formSchema({ concludedOn: text });

/** The labels of the conclusion form, for the error summary. */
export const CONCLUDE_LABELS = { concludedOn: '締結日' };
