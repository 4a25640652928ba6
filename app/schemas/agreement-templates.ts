import { z } from 'zod';
import { JSON_FIELD, type TemplateFormValues } from '../domain/agreements/template-form';
import { formSchema } from './form';

/*
 * The forms of the template editor (/admin/templates/:kind/:fy). The editor's texts are named by
 * their path in the template (`articles.2.paragraphs.1.text`), which conform reads as nested
 * objects: `articles` holds them by article and paragraph number. Every text is kept as typed; the
 * template's own rules (placeholders, the JSON box, the 変更理由) are checked by the service and
 * shown next to each field.
 */

const NOT_TEXT = '文字で入力してください';

/** A posted text; left out of the post it stays undefined (the template keeps its text). */
const text = z.string({ invalid_type_error: NOT_TEXT }).optional();

const paragraph = z.object({ text, items: text }).partial();
const article = z.object({ heading: text, paragraphs: z.record(paragraph).optional() });

/** 版: a page that lost it (or a forged one) is asked to open the page again. */
const baseVersion = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number)
  .optional()
  .catch(undefined);

/** The preview's sample draft: its number, the first one when it is anything else. */
const sample = z
  .string()
  .optional()
  .transform((s) => (s !== undefined && /^\d$/.test(s) ? Number(s) : 0))
  .catch(0);

/** 編集（プレビュー・保存）: the texts of the template, the JSON box, the note and the version it started from. */
export const TemplateEditForm = formSchema({
  baseVersion,
  sample,
  title: text,
  preamble: text,
  closing: text,
  // a forged `articles` that is not the editor's nesting edits nothing (each text keeps the template's)
  articles: z.record(article).optional().catch(undefined),
  [JSON_FIELD]: text,
  note: text,
});

export type TemplateEditValues = z.output<typeof TemplateEditForm.fields>;

/** The parsed editor form as the flat values the template is read from (`articles.0.heading` …); texts left out stay out. */
export function templateFormValues(v: TemplateEditValues): TemplateFormValues {
  const out: TemplateFormValues = {};
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined) out[name] = value;
  };
  put('title', v.title);
  put('preamble', v.preamble);
  put('closing', v.closing);
  for (const [i, a] of Object.entries(v.articles ?? {})) {
    put(`articles.${i}.heading`, a.heading);
    for (const [j, p] of Object.entries(a.paragraphs ?? {})) {
      put(`articles.${i}.paragraphs.${j}.text`, p.text);
      put(`articles.${i}.paragraphs.${j}.items`, p.items);
    }
  }
  put(JSON_FIELD, v[JSON_FIELD]);
  put('note', v.note);
  return out;
}

/** 次年度版を作成: the year and the note, checked by the service. */
export const CopyTemplateForm = formSchema({ targetFiscalYear: text, copyNote: text });

/** The labels of the copy form, for the error summary. */
export const COPY_LABELS = { targetFiscalYear: '作成する年度（西暦）', copyNote: '変更理由' };
