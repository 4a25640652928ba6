import { z } from 'zod';
import { CATEGORY_IDS } from '../domain/listings/categories';
import { CLOSE_REASONS, LISTING_TYPE_IDS } from '../domain/listings/model';
import { PREF_CODES } from '../domain/listings/prefectures';
import { LIMITS } from '../domain/listings/rules';

/*
 * One schema per form, used by the page (field names, limits) and by the server (parsing FormData).
 * Messages are Japanese and name the fix, because they are shown next to the field.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const toArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const halfWidthDigits = (v: unknown) =>
  typeof v === 'string' ? v.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '') : v;

const requiredText = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v),
    z
      .string({ required_error: `${label}を入力してください。`, invalid_type_error: `${label}を入力してください。` })
      .min(1, `${label}を入力してください。`)
      .max(max, `${label}は${max}文字以内で入力してください。`),
  );

const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v ?? ''),
    z.string().max(max, `${label}は${max}文字以内で入力してください。`),
  );

const int = (label: string, min: number, max: number, unit: string) =>
  z.preprocess(
    (v) => {
      const s = blankToUndefined(halfWidthDigits(v));
      return typeof s === 'string' ? Number(s) : s;
    },
    z
      .number({ required_error: `${label}を入力してください。`, invalid_type_error: `${label}は半角数字で入力してください。` })
      .int(`${label}は整数で入力してください。`)
      .min(min, `${label}は${min}${unit}以上にしてください。`)
      .max(max, `${label}は${max}${unit}以下にしてください。`),
  );

const optionalInt = (label: string, min: number, max: number, unit: string) =>
  z.preprocess((v) => blankToUndefined(halfWidthDigits(v)), int(label, min, max, unit).optional());

const isoDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: `${label}を入力してください。` })
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}は「2026-04-01」の形式で入力してください。`)
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label}に存在する日付を入力してください。`)
      // Year 0000 parses in JavaScript but PostgreSQL's date type has no year 0.
      .refine((v) => v >= '1900-01-01', `${label}に存在する日付を入力してください。`),
  );

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

const categories = (max: number) =>
  z.preprocess(
    toArray,
    z
      .array(z.enum(CATEGORY_IDS, { errorMap: () => ({ message: '分野を一覧から選んでください。' }) }))
      .min(1, '分野を1つ以上選んでください。')
      .max(max, `分野は${max}つまで選べます。`),
  );

const types = z.preprocess(
  toArray,
  z.array(z.enum(LISTING_TYPE_IDS, { errorMap: () => ({ message: '類型を一覧から選んでください。' }) })).min(1, '類型を1つ以上選んでください。'),
);

const contact = {
  contactName: requiredText('担当者名', 60),
  contactEmail: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ required_error: '連絡先メールアドレスを入力してください。' }).min(1, '連絡先メールアドレスを入力してください。').email('メールアドレスの形式が正しくありません（例: tanto@example.lg.jp）。'),
  ),
  contactPhone: z.preprocess(
    (v) => (typeof v === 'string' ? halfWidthDigits(v.replace(/[ー－‐]/g, '-')) : v ?? ''),
    z.string().regex(/^(|[0-9+\-()]{10,16})$/, '電話番号は「0120-000-000」のように入力してください。'),
  ),
};

const common = {
  title: requiredText('タイトル', LIMITS.titleMax),
  summary: requiredText('概要', LIMITS.summaryMax),
  skills: requiredText('求めるスキル・経験', LIMITS.longTextMax),
  types,
  termMinMonths: int('期間（最短）', LIMITS.termMinMonths, LIMITS.termMaxMonths, 'か月'),
  termMaxMonths: int('期間（最長）', LIMITS.termMinMonths, LIMITS.termMaxMonths, 'か月'),
  startFrom: isoDate('開始時期'),
  remoteOk: checkbox,
  ...contact,
};

function termOrder<T extends { termMinMonths: number; termMaxMonths: number }>(v: T, ctx: z.RefinementCtx) {
  if (v.termMinMonths > v.termMaxMonths) {
    ctx.addIssue({ code: 'custom', path: ['termMaxMonths'], message: '期間（最長）は期間（最短）以上にしてください。' });
  }
}

export const OpeningSchema = z
  .object({
    ...common,
    body: requiredText('地域の課題と背景', LIMITS.longTextMax),
    duties: requiredText('お願いしたい業務', LIMITS.longTextMax),
    conditions: optionalText('住まい・活動の支援', LIMITS.shortTextMax),
    categories: categories(LIMITS.openingCategoriesMax),
    daysOnSite: optionalInt('月あたりの現地活動日数', 0, LIMITS.daysOnSiteMax, '日'),
    budgetMin: optionalInt('負担金（下限）', 0, LIMITS.budgetMaxManYen, '万円'),
    budgetMax: optionalInt('負担金（上限）', 0, LIMITS.budgetMaxManYen, '万円'),
    deadline: isoDate('応募締切日'),
  })
  .superRefine((v, ctx) => {
    termOrder(v, ctx);
    if (v.budgetMin !== undefined && v.budgetMax !== undefined && v.budgetMin > v.budgetMax) {
      ctx.addIssue({ code: 'custom', path: ['budgetMax'], message: '負担金（上限）は下限以上にしてください。' });
    }
  });

export const SolutionSchema = z
  .object({
    ...common,
    skills: requiredText('スキル・専門性', LIMITS.longTextMax),
    body: requiredText('解決できる課題', LIMITS.longTextMax),
    trackRecord: optionalText('実績', LIMITS.longTextMax),
    conditions: optionalText('条件', LIMITS.shortTextMax),
    categories: categories(LIMITS.solutionCategoriesMax),
    regionAnywhere: checkbox,
    regionPrefCodes: z.preprocess(toArray, z.array(z.enum(PREF_CODES, { errorMap: () => ({ message: '都道府県を一覧から選んでください。' }) }))),
    headcount: int('人数', 1, LIMITS.headcountMax, '人'),
  })
  .superRefine((v, ctx) => {
    termOrder(v, ctx);
    if (!v.regionAnywhere && v.regionPrefCodes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['regionPrefCodes'], message: '活動できる地域を選ぶか、「全国どこでも」を選んでください。' });
    }
  });

export type OpeningInput = z.infer<typeof OpeningSchema>;
export type SolutionInput = z.infer<typeof SolutionSchema>;

export const CloseSchema = z.object({
  reason: z.enum(CLOSE_REASONS.filter((r) => r !== 'expired') as ['filled', 'withdrawn'], {
    errorMap: () => ({ message: '終了の理由（決定済み・取り下げ）を選んでください。' }),
  }),
});

/** Query string of the index pages; anything unknown is dropped rather than refused. */
export const ListingFilterSchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().max(100).optional()).catch(undefined),
  category: z.preprocess(blankToUndefined, z.enum(CATEGORY_IDS).optional()).catch(undefined),
  type: z.preprocess(blankToUndefined, z.enum(LISTING_TYPE_IDS).optional()).catch(undefined),
  pref: z.preprocess(blankToUndefined, z.enum(PREF_CODES).optional()).catch(undefined),
  remote: z.preprocess((v) => v === 'on' || v === '1' || v === 'true', z.boolean()).catch(false),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).optional()).catch(undefined),
});
export type ListingFilters = z.infer<typeof ListingFilterSchema>;

export type FieldErrors = Record<string, string[]>;
export type FormValues = Record<string, string | string[]>;

/** Field names whose inputs repeat (checkbox groups). */
export const ARRAY_FIELDS = ['categories', 'types', 'regionPrefCodes'];

/** FormData as plain values, keeping every submitted string so a failed form can be shown again as typed. */
export function formValues(formData: FormData): FormValues {
  const out: FormValues = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = ARRAY_FIELDS.includes(key) ? all : (all[0] ?? '');
  }
  return out;
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    const list = (out[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

/** Parses a submitted form against a schema: values for re-display on failure, errors keyed by field. */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData):
  | { ok: true; data: z.infer<S>; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues } {
  const values = formValues(formData);
  // PostgreSQL text cannot store NUL; refuse it as a field error instead of failing on insert.
  const withNul = Object.keys(values).filter((k) => [values[k]].flat().some((v) => v!.includes('\u0000')));
  if (withNul.length) return { ok: false, errors: Object.fromEntries(withNul.map((k) => [k, ['使用できない文字（NUL）が含まれています。']])), values };
  const parsed = schema.safeParse(values);
  return parsed.success ? { ok: true, data: parsed.data, values } : { ok: false, errors: fieldErrors(parsed.error), values };
}
