import { formatWareki } from '../../utils/dates';

/** A template refers to a value the draft does not have, or uses an unknown filter or label. */
export class AgreementTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgreementTemplateError';
  }
}

const PLACEHOLDER = /\{\{\s*([^{}|]+?)\s*(?:\|\s*([a-z]+)\s*)?\}\}/g;

/** Every placeholder in a text, as written: `{{path}}`, `{{path|filter}}` or `{{ref:key}}` (see template.ts). */
export function placeholdersIn(text: string): { raw: string; path: string; filter: string | undefined }[] {
  return [...text.matchAll(new RegExp(PLACEHOLDER.source, 'g'))].map((m) => ({ raw: m[0], path: m[1].trim(), filter: m[2] }));
}

/** The text with its placeholders removed: any `{{` or `}}` left over is a broken placeholder. */
export function withoutPlaceholders(text: string): string {
  return text.replace(new RegExp(PLACEHOLDER.source, 'g'), '');
}

export function getPath(context: unknown, path: string): unknown {
  let cur: unknown = context;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function isPresent(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** `path`, `!path` or `path=value` (see template.ts). */
export function holds(condition: string | undefined, context: unknown): boolean {
  if (!condition) return true;
  if (condition.startsWith('!')) return !isPresent(getPath(context, condition.slice(1)));
  const eq = condition.indexOf('=');
  if (eq >= 0) return String(getPath(context, condition.slice(0, eq))) === condition.slice(eq + 1);
  return isPresent(getPath(context, condition));
}

/** 5900000 → 5,900,000 (no locale data needed, so output is the same on every machine). */
export function formatNumber(n: number): string {
  const [int, frac] = String(n).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

export type FillOptions = {
  labels: Record<string, Record<string, string>>;
  /** article key → 第n条, for {{ref:key}} */
  refs: Record<string, string>;
  /** where the text comes from, for error messages */
  where: string;
};

export function fillText(text: string, context: unknown, opts: FillOptions): string {
  return text.replace(PLACEHOLDER, (_, rawPath: string, filter: string | undefined) => {
    const path = rawPath.trim();
    if (path.startsWith('ref:')) {
      const ref = opts.refs[path.slice(4)];
      if (!ref) throw new AgreementTemplateError(`${opts.where}: {{${path}}} の条がありません`);
      return ref;
    }
    const value = getPath(context, path);
    if (value === undefined || value === null || value === '') {
      throw new AgreementTemplateError(`${opts.where}: {{${path}}} の値がありません`);
    }
    switch (filter) {
      case undefined:
        return String(value);
      case 'num':
        if (typeof value !== 'number') throw new AgreementTemplateError(`${opts.where}: {{${path}|num}} は数値ではありません`);
        return formatNumber(value);
      case 'wareki':
        if (typeof value !== 'string') throw new AgreementTemplateError(`${opts.where}: {{${path}|wareki}} は日付ではありません`);
        return formatWareki(value);
      case 'label': {
        const label = opts.labels[path]?.[String(value)];
        if (label === undefined) throw new AgreementTemplateError(`${opts.where}: labels["${path}"]["${String(value)}"] がありません`);
        return label;
      }
      default:
        throw new AgreementTemplateError(`${opts.where}: 不明なフィルタ |${filter}`);
    }
  });
}
