import { articleLabel } from './document';
import { canonicalJson } from './form';
import type { AgreementTemplate } from './template';

/*
 * The template editor as plain form fields, for people who write agreements rather than JSON: the
 * title, preamble, each article's heading, each paragraph's text and fixed items (one per line) and
 * the closing. Controls are named by their path in the template (articles.2.paragraphs.1.text), the
 * same path the template check reports problems on, so each message lands next to its field.
 * Structural changes (articles added, removed or reordered, `when` conditions) go through the JSON box.
 */

export type TemplateFormValues = Record<string, string>;

export const JSON_FIELD = 'json';

/** Form text → template text: a textarea may wrap lines, an agreement paragraph is one line. */
export function cleanTemplateText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .join('')
    .trim();
}

/** One item per line; blank lines are dropped. */
export function cleanItems(raw: string): string[] {
  return raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The editable texts of a template as form values. */
export function formFromTemplate(t: AgreementTemplate): TemplateFormValues {
  const out: TemplateFormValues = { title: t.title, preamble: t.preamble, closing: t.closing };
  t.articles.forEach((a, i) => {
    out[`articles.${i}.heading`] = a.heading;
    a.paragraphs.forEach((p, j) => {
      out[`articles.${i}.paragraphs.${j}.text`] = p.text;
      if (Array.isArray(p.items)) out[`articles.${i}.paragraphs.${j}.items`] = p.items.join('\n');
    });
  });
  return out;
}

/** The form controls of a template, in page order. */
export function templateFormFields(t: AgreementTemplate): string[] {
  return Object.keys(formFromTemplate(t));
}

/** The base template with the posted texts put in (a field left out of the post keeps its text). */
export function templateFromForm(base: AgreementTemplate, values: TemplateFormValues): AgreementTemplate {
  const text = (name: string, current: string) => (values[name] === undefined ? current : cleanTemplateText(values[name]));
  return {
    ...base,
    title: text('title', base.title),
    preamble: text('preamble', base.preamble),
    closing: text('closing', base.closing),
    articles: base.articles.map((a, i) => ({
      ...a,
      heading: text(`articles.${i}.heading`, a.heading),
      paragraphs: a.paragraphs.map((p, j) => {
        const name = `articles.${i}.paragraphs.${j}`;
        const items = Array.isArray(p.items) && values[`${name}.items`] !== undefined ? cleanItems(values[`${name}.items`]) : p.items;
        return { ...p, text: text(`${name}.text`, p.text), ...(items === undefined ? {} : { items }) };
      }),
    })),
  };
}

/** The JSON shown in the 上級者向け box: two-space indented, in the template's own key order. */
export function templateJson(t: AgreementTemplate): string {
  return JSON.stringify(t, null, 2);
}

export type TemplateSubmission =
  | { ok: true; mode: 'form' | 'json'; input: unknown }
  | { ok: false; mode: 'form' | 'json' | 'both'; field: string; message_ja: string };

function formChanged(base: AgreementTemplate, values: TemplateFormValues): boolean {
  const current = formFromTemplate(base);
  return Object.entries(current).some(([name, value]) => {
    const posted = values[name];
    if (posted === undefined) return false;
    return name.endsWith('.items') ? cleanItems(posted).join('\n') !== cleanItems(value).join('\n') : cleanTemplateText(posted) !== cleanTemplateText(value);
  });
}

/** 「3行目付近」 from a JSON.parse message that names a position. */
function jsonErrorPlace(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const line = text.slice(0, Number(m[1])).split('\n').length;
  return `（${line}行目付近）`;
}

/** A template nests about six levels (articles → paragraphs → items); anything far deeper is not one. */
const MAX_JSON_DEPTH = 20;

/** How deeply a parsed JSON value nests (iteratively, so a hostile value cannot exhaust the stack). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, d);
    if (d > MAX_JSON_DEPTH) return d;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * What the editor's post asks to save or preview: the JSON box when it was changed, else the form
 * fields applied to the base template. Changing both at once is refused (one would silently win).
 */
export function templateFromSubmission(base: AgreementTemplate, values: TemplateFormValues): TemplateSubmission {
  const raw = values[JSON_FIELD];
  let parsed: unknown;
  let jsonError: string | null = null;
  let jsonChanged = false;
  if (raw !== undefined && raw.trim() !== '') {
    try {
      parsed = JSON.parse(raw);
      if (depthOf(parsed) > MAX_JSON_DEPTH) {
        jsonChanged = true;
        jsonError = `JSONの入れ子が深すぎます（${MAX_JSON_DEPTH}段まで）。ひな形の形に合わせてください`;
      } else jsonChanged = canonicalJson(parsed) !== canonicalJson(base);
    } catch (error) {
      jsonChanged = true;
      jsonError = `JSONとして読み取れません${jsonErrorPlace(raw, (error as Error).message)}。括弧「{ }」「[ ]」、引用符「"」、区切りの「,」を確認してください`;
    }
  }
  const changedForm = formChanged(base, values);
  if (jsonChanged && changedForm) {
    return {
      ok: false,
      mode: 'both',
      field: JSON_FIELD,
      message_ja: '上の欄と「JSONで編集」の両方が変更されています。どちらか一方だけを変更して、もう一度送信してください（入力内容はそのまま残しています）',
    };
  }
  if (jsonError) return { ok: false, mode: 'json', field: JSON_FIELD, message_ja: jsonError };
  if (jsonChanged) return { ok: true, mode: 'json', input: parsed };
  return { ok: true, mode: 'form', input: templateFromForm(base, values) };
}

/** Where a problem goes in the form: its own control when the form has one, else null (shown with the JSON box). */
export function formControlFor(t: AgreementTemplate, field: string): string | null {
  const fields = new Set(templateFormFields(t));
  const control = field.replace(/\.items\.\d+$/, '.items');
  return fields.has(control) ? control : null;
}

const at = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((cur, p) => (cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined), v);

/** 第3条（業務内容）第2項, 前文, 署名欄（乙）2行目 … for a field path of a (possibly malformed) template. */
export function templateLocation(template: unknown, field: string): string {
  const p = field.split('.');
  const top: Record<string, string> = { id: 'ID', kind: '種別（kind）', fiscalYear: '年度（fiscalYear）', documentType: '文書の種類（documentType）', title: '表題', preamble: '前文', closing: '末文', labels: '選択肢の文言（labels）', articles: '条の一覧', signatories: '署名欄' };
  if (p[0] === 'signatories' && p.length > 1) {
    const role = at(template, 'signatories', Number(p[1]), 'role');
    const who = `署名欄（${typeof role === 'string' && role ? role : Number(p[1]) + 1}）`;
    return p[2] === 'lines' && p.length > 3 ? `${who}${Number(p[3]) + 1}行目` : who;
  }
  if (p[0] !== 'articles' || p.length < 2) return top[p[0]] ?? field;
  const i = Number(p[1]);
  const heading = at(template, 'articles', i, 'heading');
  const article = `${articleLabel(i + 1)}${typeof heading === 'string' && heading ? `（${heading}）` : ''}`;
  const rest = p.slice(2);
  if (rest.length === 0) return article;
  if (rest[0] === 'heading') return `${article}の見出し`;
  if (rest[0] === 'key') return `${article}のキー（key）`;
  if (rest[0] === 'when') return `${article}の条件（when）`;
  if (rest[0] !== 'paragraphs') return `${article}の${rest[0]}`;
  if (rest.length === 1) return `${article}の項`;
  const paragraph = `${article}第${Number(rest[1]) + 1}項`;
  if (rest[2] === 'when') return `${paragraph}の条件（when）`;
  if (rest[2] === 'items') return rest.length > 3 && /^\d+$/.test(rest[3]) ? `${paragraph}第${Number(rest[3]) + 1}号` : `${paragraph}の各号`;
  return paragraph;
}

