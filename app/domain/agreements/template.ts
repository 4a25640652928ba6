import { z } from 'zod';
import { AGREEMENT_KINDS } from './draft';

/**
 * Clause templates are data (JSON-compatible), so operators can edit a copy and a new fiscal year is a
 * new template, never an edit of a signed one.
 *
 * Text may hold placeholders `{{path}}` or `{{path|filter}}` filled from the draft (see fill.ts):
 * filters `wareki` (令和8年10月1日), `num` (5,900,000), `label` (the template's `labels[path][value]`);
 * `{{ref:key}}` is replaced by the number of the article with that key (第9条), so articles can be
 * reordered or left out without breaking cross-references.
 *
 * `when` keeps a paragraph or article only if the condition holds: `path` (present and non-empty),
 * `!path` (absent or empty) or `path=value`.
 */
const condition = z.string().regex(/^!?[A-Za-z][\w.]*(=[\w-]+)?$/, 'when: path, !path or path=value');

export const paragraphTemplateSchema = z.object({
  text: z.string().min(1),
  when: condition.optional(),
  /** fixed items (1), (2)…, or `{ each: 'duties' }` for one item per element of a list in the draft */
  items: z.union([z.array(z.string().min(1)).min(1), z.object({ each: z.string().min(1) })]).optional(),
});

export const articleTemplateSchema = z.object({
  /** stable name for cross-references and tests, e.g. 'purpose' */
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/),
  /** 見出し without brackets: 目的 */
  heading: z.string().min(1),
  when: condition.optional(),
  paragraphs: z.array(paragraphTemplateSchema).min(1),
});

export const agreementTemplateSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(AGREEMENT_KINDS),
  /** fiscal year (April start) from which this text is used */
  fiscalYear: z.number().int().min(2019),
  /** 協定書 / 契約書 */
  documentType: z.enum(['協定書', '契約書']),
  title: z.string().min(1),
  preamble: z.string().min(1),
  articles: z.array(articleTemplateSchema).min(1),
  closing: z.string().min(1),
  signatories: z.array(z.object({ role: z.string().min(1), lines: z.array(z.string()).min(1) })).min(2),
  labels: z.record(z.record(z.string())).default({}),
});

export type ArticleTemplate = z.infer<typeof articleTemplateSchema>;
export type AgreementTemplate = z.infer<typeof agreementTemplateSchema>;
