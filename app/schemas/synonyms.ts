import { z } from 'zod';
import { formSchema, type FormValuesOf } from './form';

/*
 * The synonym group forms of /admin/synonyms (add, edit, delete). Lengths here only bound the
 * input; the domain rules (app/domain/search/synonyms) give the messages about the terms.
 */

const updatedAt = z.string().max(40).optional();

export const SynonymGroupForm = formSchema({
  terms: z.string().max(4000, '入力が長すぎます（4,000文字まで）。').default(''),
  note: z.string().max(2000, 'メモが長すぎます（2,000文字まで）。').default(''),
  updatedAt,
});
export type SynonymGroupInput = FormValuesOf<typeof SynonymGroupForm.shape>;
export const SYNONYM_LABELS = { terms: '同じ意味として扱う語', note: 'メモ' };

/** The delete confirmation: only the version the operator saw. */
export const SynonymDeleteForm = formSchema({ updatedAt });
