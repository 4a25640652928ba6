import type { z } from 'zod';
import { buildAgreement, templateContext } from './build-agreement';
import { articleLabel } from './document';
import { AGREEMENT_KIND_LABELS, type AgreementKind } from './draft';
import { AgreementTemplateError, fillText, holds, placeholdersIn, withoutPlaceholders } from './fill';
import { sampleDrafts } from './samples';
import { agreementTemplateSchema, type AgreementTemplate } from './template';
import { templateLocation } from './template-form';
import { describePath } from './template-paths';

/*
 * Checks an edited clause template beyond its zod schema, so that no saved template can fail to build
 * an agreement: every placeholder and `when` must name a field of the kind with a fitting filter, every
 * {{ref:}} an article, and every text must fill in for each sample draft of the kind (sampleDrafts, which
 * leave the optional fields out once). Each problem names its place: 第3条（業務内容）第2項.
 */

export type TemplateProblem = {
  /** where in the template: title, preamble, closing, articles.2.heading, articles.2.paragraphs.1.text, … */
  field: string;
  message_ja: string;
};

export type TemplateCheck = { ok: true; template: AgreementTemplate } | { ok: false; problems: TemplateProblem[] };

/** The clauses every agreement keeps (their key); an edit may reword or move them, not remove them. */
export const REQUIRED_ARTICLES: Readonly<Record<string, string>> = {
  purpose: '目的',
  duties: '業務内容',
  placeOfWork: '勤務場所',
  term: '期間',
  workPattern: '勤務日数及び勤務時間',
  service: '服務',
  reporting: '報告',
  payment: '請求及び支払',
  handling: '旅費、住居及び物品等の取扱い',
  confidentiality: '秘密の保持',
  personalInformation: '個人情報の保護',
  results: '成果の帰属',
  accidents: '事故及び損害',
  termination: '解除',
  consultation: '協議',
};

export const DOCUMENT_TYPE_OF: Record<AgreementKind, '協定書' | '契約書'> = { dispatch: '協定書', side_job: '契約書', senior: '契約書' };

export const TEMPLATE_LIMITS = { text: 2000, articles: 60, paragraphs: 30, items: 30 } as const;

const KNOWN_KEYS = {
  template: ['id', 'kind', 'fiscalYear', 'documentType', 'title', 'preamble', 'articles', 'closing', 'signatories', 'labels'],
  article: ['key', 'heading', 'when', 'paragraphs'],
  paragraph: ['text', 'when', 'items'],
  each: ['each'],
  signatory: ['role', 'lines'],
} as const;

// A text is one line of the agreement: line breaks and other control characters would not survive the exports,
// and PostgreSQL's jsonb refuses NUL and a lone half of a surrogate pair.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const FILTERS = '|wareki（日付）、|num（数値）、|label（選択肢の文言）';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const at = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((cur, p) => (cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined), v);

function zodMessage(issue: z.ZodIssue): string {
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? '入力してください' : '形式が正しくありません';
    case 'too_small':
      if (issue.type === 'string') return '空にはできません';
      if (issue.type === 'array') return last === 'signatories' ? '2つ以上必要です' : '1つ以上必要です';
      return `${String(issue.minimum)}以上にしてください`;
    case 'invalid_string':
      return last === 'key' ? '英小文字で始まる半角英数字で書いてください（例：purpose）' : '「項目」「!項目」「項目=値」のいずれかで書いてください（例：results.ipOwner=shared）';
    case 'invalid_enum_value':
      return `${issue.options.join(' / ')} のいずれかです`;
    case 'invalid_union':
      return '各号は文字列の一覧、または {"each": "項目"} の形で書いてください';
    default:
      return issue.message;
  }
}

function unknownKeys(input: unknown): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const check = (value: unknown, known: readonly string[], field: string) => {
    if (!isObject(value)) return;
    const extra = Object.keys(value).filter((k) => !known.includes(k));
    if (extra.length) out.push({ field, message_ja: `${templateLocation(input, field)}: 不明な項目 ${extra.map((k) => `"${k}"`).join('、')} があります（使える項目：${known.join(', ')}）` });
  };
  check(input, KNOWN_KEYS.template, '(template)');
  const articles = at(input, 'articles');
  if (Array.isArray(articles)) {
    articles.forEach((a, i) => {
      check(a, KNOWN_KEYS.article, `articles.${i}`);
      const paragraphs = at(a, 'paragraphs');
      if (Array.isArray(paragraphs)) {
        paragraphs.forEach((p, j) => {
          check(p, KNOWN_KEYS.paragraph, `articles.${i}.paragraphs.${j}`);
          check(at(p, 'items'), KNOWN_KEYS.each, `articles.${i}.paragraphs.${j}.items`);
        });
      }
    });
  }
  const signatories = at(input, 'signatories');
  if (Array.isArray(signatories)) signatories.forEach((s, i) => check(s, KNOWN_KEYS.signatory, `signatories.${i}`));
  return out;
}

/** A text of the template and where it is used (an article and paragraph kept or dropped by `when`). */
type TextSpot = { field: string; text: string; article?: number; paragraph?: number };

function textSpots(t: AgreementTemplate): TextSpot[] {
  const spots: TextSpot[] = [
    { field: 'title', text: t.title },
    { field: 'preamble', text: t.preamble },
  ];
  t.articles.forEach((a, i) =>
    a.paragraphs.forEach((p, j) => {
      const field = `articles.${i}.paragraphs.${j}`;
      spots.push({ field: `${field}.text`, text: p.text, article: i, paragraph: j });
      if (Array.isArray(p.items)) p.items.forEach((text, k) => spots.push({ field: `${field}.items.${k}`, text, article: i, paragraph: j }));
    }),
  );
  spots.push({ field: 'closing', text: t.closing });
  t.signatories.forEach((s, i) => s.lines.forEach((text, l) => spots.push({ field: `signatories.${i}.lines.${l}`, text })));
  return spots;
}

/** Items of a paragraph report on the paragraph's items field (one control in the editor). */
const controlOf = (field: string) => field.replace(/\.items\.\d+$/, '.items');

/** The first broken placeholder of a text whose valid ones were removed, e.g. {{term.start|Upper}}. */
function brokenSnippet(rest: string): string {
  const open = rest.indexOf('{{');
  if (open < 0) return rest.slice(Math.max(0, rest.indexOf('}}') - 20), rest.indexOf('}}') + 2);
  const close = rest.indexOf('}}', open);
  return close >= 0 && close - open < 60 ? rest.slice(open, close + 2) : rest.slice(open, open + 30);
}

function placeholderProblems(t: AgreementTemplate, kind: AgreementKind, spot: TextSpot, keys: Set<string>): string[] {
  const out: string[] = [];
  if (spot.text.length > TEMPLATE_LIMITS.text) out.push(`${TEMPLATE_LIMITS.text}文字以内にしてください`);
  const rest = withoutPlaceholders(spot.text);
  if (rest.includes('{{') || rest.includes('}}')) out.push(`「${brokenSnippet(rest)}」: 差し込み項目の書き方が正しくありません。{{項目}} または {{項目|フィルタ}} の形で書きます（フィルタ：${FILTERS}）`);
  for (const { raw, path, filter } of placeholdersIn(spot.text)) {
    if (path.startsWith('ref:')) {
      const key = path.slice(4).trim();
      if (filter) out.push(`${raw}: 条の番号にはフィルタを付けられません`);
      else if (!keys.has(key)) out.push(`${raw}: キー「${key}」の条がありません`);
      continue;
    }
    const info = describePath(kind, path);
    if (!info) {
      out.push(`${raw}: 「${path}」は${AGREEMENT_KIND_LABELS[kind]}で使える差し込み項目ではありません（「差し込みできる項目」の一覧を参照）`);
      continue;
    }
    switch (filter) {
      case undefined:
        if (info.type === 'group') out.push(`${raw}: 項目のまとまりは差し込めません。その中の項目を指定してください`);
        else if (info.type === 'list') out.push(`${raw}: 一覧の項目は文中に差し込めません。各号（"items": { "each": "${path}" }）を使います`);
        else if (info.type === 'boolean') out.push(`${raw}: はい／いいえの項目は差し込めません。条件（when）に使います`);
        break;
      case 'num':
        if (info.type !== 'number') out.push(`${raw}: |num は数値の項目にだけ使えます`);
        break;
      case 'wareki':
        if (info.type !== 'date') out.push(`${raw}: |wareki は日付の項目にだけ使えます`);
        break;
      case 'label': {
        if (info.type !== 'choice') {
          out.push(`${raw}: |label は選択肢のある項目にだけ使えます`);
          break;
        }
        const missing = (info.values ?? []).filter((v) => t.labels[path]?.[v] === undefined);
        if (missing.length) out.push(`${raw}: labels["${path}"] に ${missing.map((v) => `「${v}」`).join('、')} の文言がありません`);
        break;
      }
      default:
        out.push(`${raw}: 不明なフィルタ |${filter} です（使えるのは ${FILTERS}）`);
    }
  }
  return out;
}

const CONDITION = /^(!?)([A-Za-z][\w.]*)(?:=([\w-]+))?$/;

function conditionProblem(kind: AgreementKind, when: string): string | null {
  const m = CONDITION.exec(when);
  if (!m) return null; // the schema already reported it
  const [, , path, value] = m;
  const info = describePath(kind, path);
  if (!info) return `「${path}」は${AGREEMENT_KIND_LABELS[kind]}の項目ではありません`;
  if (value === undefined) return null;
  if (info.type === 'choice' && !info.values?.includes(value)) return `「${path}」の値は ${info.values?.join(' / ')} のいずれかです（「${value}」はありません）`;
  if (info.type === 'boolean' && value !== 'true' && value !== 'false') return `「${path}」の値は true / false のいずれかです`;
  if (info.type === 'number' && !/^\d+$/.test(value)) return `「${path}」の値は数値です`;
  if (info.type === 'group' || info.type === 'list') return `「${path}」は値を比べられない項目です`;
  return null;
}

function structureProblems(t: AgreementTemplate, expected: { kind: AgreementKind; fiscalYear: number }): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const add = (field: string, message: string) => out.push({ field, message_ja: `${templateLocation(t, field)}: ${message}` });
  if (t.kind !== expected.kind) add('kind', `このページでは変更できません（${expected.kind} のままにしてください）`);
  if (t.fiscalYear !== expected.fiscalYear) add('fiscalYear', `このページでは変更できません（${expected.fiscalYear} のままにしてください）。別の年度の版は「次年度版を作成」で作ります`);
  if (t.documentType !== DOCUMENT_TYPE_OF[expected.kind]) add('documentType', `${AGREEMENT_KIND_LABELS[expected.kind]}は「${DOCUMENT_TYPE_OF[expected.kind]}」です`);
  if (t.articles.length > TEMPLATE_LIMITS.articles) add('articles', `条は${TEMPLATE_LIMITS.articles}までです`);
  const seen = new Map<string, number>();
  t.articles.forEach((a, i) => {
    if (seen.has(a.key)) add(`articles.${i}.key`, `キー「${a.key}」は${articleLabel(seen.get(a.key)! + 1)}と重複しています`);
    else seen.set(a.key, i);
    if (a.heading.length > 100) add(`articles.${i}.heading`, '見出しは100文字以内にしてください');
    if (a.heading.includes('{{')) add(`articles.${i}.heading`, '見出しには差し込み項目を使えません');
    if (a.paragraphs.length > TEMPLATE_LIMITS.paragraphs) add(`articles.${i}.paragraphs`, `項は${TEMPLATE_LIMITS.paragraphs}までです`);
    if (a.when) {
      const c = conditionProblem(t.kind, a.when);
      if (c) add(`articles.${i}.when`, c);
    }
    a.paragraphs.forEach((p, j) => {
      const field = `articles.${i}.paragraphs.${j}`;
      if (p.when) {
        const c = conditionProblem(t.kind, p.when);
        if (c) add(`${field}.when`, c);
      }
      if (Array.isArray(p.items) && p.items.length > TEMPLATE_LIMITS.items) add(`${field}.items`, `号は${TEMPLATE_LIMITS.items}までです`);
      if (p.items && !Array.isArray(p.items)) {
        const info = describePath(t.kind, p.items.each);
        if (!info || info.type !== 'list') add(`${field}.items`, `各号（each）には一覧の項目（duties、specialProvisions）を指定します（「${p.items.each}」は使えません）`);
      }
    });
  });
  const missing = Object.keys(REQUIRED_ARTICLES).filter((k) => !seen.has(k));
  if (missing.length) add('articles', `必要な条がありません：${missing.map((k) => `${REQUIRED_ARTICLES[k]}（${k}）`).join('、')}。見出しや文言は変えられますが、条そのものは削除できません`);
  return out;
}

/** Every string of the parsed template (keys too) without control characters or broken characters. */
function characterProblems(t: AgreementTemplate): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const visit = (value: unknown, path: string[]) => {
    const field = path.join('.') || '(template)';
    if (typeof value === 'string') {
      if (CONTROL.test(value) || LONE_SURROGATE.test(value)) out.push({ field, message_ja: `${templateLocation(t, field)}: 改行や制御文字、壊れた文字は使えません` });
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (CONTROL.test(k) || LONE_SURROGATE.test(k)) out.push({ field, message_ja: `${templateLocation(t, field)}: 項目名に制御文字や壊れた文字は使えません` });
        visit(v, [...path, k]);
      }
    }
  };
  visit(t, []);
  return out;
}

/** Fills every text for each sample draft, as buildAgreement would, and reports the first failure per text. */
function sampleProblems(t: AgreementTemplate, spots: TextSpot[], skip: Set<string>): TemplateProblem[] {
  const out = new Map<string, TemplateProblem>();
  for (const sample of sampleDrafts(t.kind, t.fiscalYear)) {
    const context = templateContext(sample.draft, t);
    const kept = t.articles.map((a) => holds(a.when, context));
    const refs: Record<string, string> = {};
    let n = 0;
    t.articles.forEach((a, i) => {
      if (kept[i]) refs[a.key] = articleLabel(++n);
    });
    for (const spot of spots) {
      const control = controlOf(spot.field);
      if (skip.has(control) || out.has(control)) continue;
      if (spot.article !== undefined && !kept[spot.article]) continue;
      if (spot.article !== undefined && spot.paragraph !== undefined && !holds(t.articles[spot.article].paragraphs[spot.paragraph].when, context)) continue;
      try {
        fillText(spot.text, context, { labels: t.labels, refs, where: templateLocation(t, spot.field) });
      } catch (error) {
        if (!(error instanceof AgreementTemplateError)) throw error;
        const optional = /\{\{([^{}|]+?)(?:\|[a-z]+)?\}\} の値がありません/.exec(error.message);
        const hint = optional && describePath(t.kind, optional[1].trim())?.optional ? '。この項目は空のことがあるため、条件（when）でこの項目がある場合に限った段落で使ってください' : '';
        const refHint = error.message.includes('の条がありません') ? '。参照先の条は条件（when）で省かれることがあります' : '';
        out.set(control, { field: control, message_ja: `${error.message}（「${sample.label}」で確認）${hint}${refHint}` });
      }
    }
  }
  return [...out.values()];
}

/**
 * Checks a template submitted for a kind and fiscal year. On success returns the parsed template (zod
 * output); otherwise every problem found, in Japanese, each naming its article and paragraph.
 */
export function checkAgreementTemplate(input: unknown, expected: { kind: AgreementKind; fiscalYear: number }): TemplateCheck {
  const shape = unknownKeys(input);
  const parsed = agreementTemplateSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.join('.') || '(template)';
      return { field, message_ja: `${templateLocation(input, field)}: ${zodMessage(issue)}` };
    });
    return { ok: false, problems: [...shape, ...problems] };
  }
  const t = parsed.data;
  const problems = [...shape, ...characterProblems(t), ...structureProblems(t, expected)];
  if (problems.some((p) => p.field === 'kind' || p.field === 'fiscalYear')) return { ok: false, problems };

  const keys = new Set(t.articles.map((a) => a.key));
  const spots = textSpots(t);
  const failed = new Set<string>();
  for (const spot of spots) {
    const control = controlOf(spot.field);
    for (const message of placeholderProblems(t, t.kind, spot, keys)) {
      problems.push({ field: control, message_ja: `${templateLocation(t, spot.field)}: ${message}` });
      failed.add(control);
    }
  }
  for (const p of problems) failed.add(controlOf(p.field));
  problems.push(...sampleProblems(t, spots, failed));
  if (problems.length) return { ok: false, problems };

  // Whatever the per-text checks let through, the whole build must succeed for every sample.
  for (const sample of sampleDrafts(t.kind, t.fiscalYear)) {
    try {
      buildAgreement(sample.draft, [t]);
    } catch (error) {
      if (!(error instanceof AgreementTemplateError)) throw error;
      problems.push({ field: '(template)', message_ja: `${error.message}（「${sample.label}」で確認）` });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, template: t };
}
