import { z, type ZodTypeAny } from 'zod';
import { dispatchDraftSchema, seniorDraftSchema, sideJobDraftSchema, type AgreementKind } from './draft';
import { AGREEMENT_FORM_FIELDS, FORM_SECTIONS } from './form';

/*
 * What a template may refer to for a kind: the draft's fields (read from the draft schema itself, so a
 * new field is known as soon as the schema has it) plus the few derived values of templateContext.
 */

export type PathType = 'text' | 'date' | 'number' | 'boolean' | 'choice' | 'list' | 'group';

export type PathInfo = {
  type: PathType;
  /** may be absent or empty in a valid draft: use it only under a `when` that requires it */
  optional: boolean;
  /** the possible values of a choice (enum or literal) */
  values?: readonly string[];
};

const DRAFT_SCHEMAS: Record<AgreementKind, z.AnyZodObject> = { dispatch: dispatchDraftSchema, side_job: sideJobDraftSchema, senior: seniorDraftSchema };

/** templateContext's `derived.` values (build-agreement.ts). */
export const DERIVED_PATHS: Record<string, string> = {
  'derived.kindLabel': '類型（企業派遣型・副業型・シニア型）',
  'derived.documentShort': '「協定」または「契約」',
  'derived.termLength': '期間の長さ（1年6か月 など）',
};

function unwrap(schema: ZodTypeAny): { schema: ZodTypeAny; optional: boolean } {
  let s = schema;
  let optional = false;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
      optional = true;
      s = s.unwrap();
    } else if (s instanceof z.ZodDefault) {
      s = s.removeDefault();
    } else {
      return { schema: s, optional };
    }
  }
}

function typeOf(s: ZodTypeAny): Omit<PathInfo, 'optional'> {
  if (s instanceof z.ZodString) return { type: 'text' };
  // Dates are the only refined strings of the draft schema (draft.ts `date()`).
  if (s instanceof z.ZodEffects) return unwrap(s.innerType()).schema instanceof z.ZodString ? { type: 'date' } : typeOf(unwrap(s.innerType()).schema);
  if (s instanceof z.ZodNumber) return { type: 'number' };
  if (s instanceof z.ZodBoolean) return { type: 'boolean' };
  if (s instanceof z.ZodEnum) return { type: 'choice', values: s.options as string[] };
  if (s instanceof z.ZodLiteral) return { type: 'choice', values: [String(s.value)] };
  if (s instanceof z.ZodArray) return { type: 'list' };
  return { type: 'group' };
}

/** What `path` is in a draft of this kind, or null when no such field exists. */
export function describePath(kind: AgreementKind, path: string): PathInfo | null {
  if (path in DERIVED_PATHS) return { type: 'text', optional: false };
  let current: ZodTypeAny = DRAFT_SCHEMAS[kind];
  let optional = false;
  for (const part of path.split('.')) {
    const u = unwrap(current);
    optional ||= u.optional;
    let s = u.schema;
    if (s instanceof z.ZodEffects) s = unwrap(s.innerType()).schema;
    if (!(s instanceof z.ZodObject)) return null;
    const next = (s.shape as Record<string, ZodTypeAny>)[part];
    if (!next) return null;
    current = next;
  }
  const leaf = unwrap(current);
  const info = typeOf(leaf.schema);
  // An empty list counts as absent for `when`, so a list that may be empty is optional too.
  const mayBeEmpty = info.type === 'list' && leaf.schema instanceof z.ZodArray && !(leaf.schema._def.minLength && leaf.schema._def.minLength.value > 0);
  return { ...info, optional: optional || leaf.optional || mayBeEmpty };
}

export type PlaceholderHint = { path: string; label: string; example: string; note?: string };

/** The list of what a template of this kind can insert, for the editor's help (form labels, with the right filter). */
export function placeholderCatalog(kind: AgreementKind): PlaceholderHint[] {
  const sections: Record<string, string> = Object.fromEntries(FORM_SECTIONS.map((s) => [s.id, s.title]));
  const out: PlaceholderHint[] = [];
  for (const f of AGREEMENT_FORM_FIELDS) {
    if (f.kinds && !f.kinds.includes(kind)) continue;
    const info = describePath(kind, f.name);
    if (!info) continue;
    const label = `${sections[f.section]}：${f.label}`;
    const optional = info.optional ? '空のことがあります（when 条件付きの段落で使います）' : null;
    const hint = (example: string, ...notes: (string | null)[]) => out.push({ path: f.name, label, example, note: notes.filter(Boolean).join('。') || undefined });
    if (info.type === 'list') hint(`"items": { "each": "${f.name}" }`, '一覧：各号（（1）（2）…）として入ります（JSONで設定）', optional);
    else if (info.type === 'boolean') hint(`"when": "${f.name}"`, 'はい／いいえ：条件（when）にだけ使えます');
    else if (info.type === 'date') hint(`{{${f.name}|wareki}}`, '令和の日付で入ります', optional);
    else if (info.type === 'number') hint(`{{${f.name}|num}}`, '3桁区切りで入ります', optional);
    else if (info.type === 'choice') hint(`{{${f.name}|label}}`, '選択肢ごとの文言（labels）で入ります', optional);
    else hint(`{{${f.name}}}`, optional);
  }
  for (const [path, label] of Object.entries(DERIVED_PATHS)) out.push({ path, label, example: `{{${path}}}` });
  out.push({ path: 'ref:…', label: '他の条の番号（第9条 など）', example: '{{ref:handling}}', note: '条のキー（key）を書きます。条が増減しても番号が合います' });
  return out;
}

/** A `when` condition in words, for the editor: 「成果（知的財産）の帰属」が「甲乙の共有」のとき. */
export function describeCondition(kind: AgreementKind, when: string): string {
  const m = /^(!?)([A-Za-z][\w.]*)(?:=([\w-]+))?$/.exec(when);
  if (!m) return `条件「${when}」`;
  const [, not, path, value] = m;
  const field = AGREEMENT_FORM_FIELDS.find((f) => f.name === path && (!f.kinds || f.kinds.includes(kind)));
  const name = field ? `「${field.label}」` : `「${path}」`;
  if (value !== undefined) return `${name}が「${field?.options?.find((o) => o.value === value)?.label ?? value}」のとき`;
  return not ? `${name}が空のとき` : `${name}が入力されているとき`;
}
