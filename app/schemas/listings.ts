import { z } from 'zod';
import { CATEGORY_IDS } from '../domain/listings/categories';
import { LISTING_TYPE_IDS } from '../domain/listings/model';
import { PREF_CODES } from '../domain/listings/prefectures';
import { LIMITS } from '../domain/listings/rules';
import { formSchema, type FormValuesOf } from './form';

/*
 * One schema per form, used by the page (constraints, through getZodConstraint) and by the route's
 * action (parseSubmission). Messages are Japanese and name the fix, because they are shown next to
 * the field.
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

type TermValues = { termMinMonths: number; termMaxMonths: number };

const termOrder = (v: Partial<TermValues>, report: (field: 'termMaxMonths', message: string) => void) => {
  if (v.termMinMonths !== undefined && v.termMaxMonths !== undefined && v.termMinMonths > v.termMaxMonths) report('termMaxMonths', '期間（最長）は期間（最短）以上にしてください。');
};

export const OpeningForm = formSchema(
  {
    ...common,
    body: requiredText('地域の課題と背景', LIMITS.longTextMax),
    duties: requiredText('お願いしたい業務', LIMITS.longTextMax),
    conditions: optionalText('住まい・活動の支援', LIMITS.shortTextMax),
    categories: categories(LIMITS.openingCategoriesMax),
    daysOnSite: optionalInt('月あたりの現地活動日数', 0, LIMITS.daysOnSiteMax, '日'),
    budgetMin: optionalInt('負担金（下限）', 0, LIMITS.budgetMaxManYen, '万円'),
    budgetMax: optionalInt('負担金（上限）', 0, LIMITS.budgetMaxManYen, '万円'),
    deadline: isoDate('応募締切日'),
  },
  termOrder,
  (v, report) => {
    if (v.budgetMin !== undefined && v.budgetMax !== undefined && v.budgetMin > v.budgetMax) report('budgetMax', '負担金（上限）は下限以上にしてください。');
  },
);

export const SolutionForm = formSchema(
  {
    ...common,
    skills: requiredText('スキル・専門性', LIMITS.longTextMax),
    body: requiredText('解決できる課題', LIMITS.longTextMax),
    trackRecord: optionalText('実績', LIMITS.longTextMax),
    conditions: optionalText('条件', LIMITS.shortTextMax),
    categories: categories(LIMITS.solutionCategoriesMax),
    regionAnywhere: checkbox,
    regionPrefCodes: z.preprocess(toArray, z.array(z.enum(PREF_CODES, { errorMap: () => ({ message: '都道府県を一覧から選んでください。' }) }))),
    headcount: int('人数', 1, LIMITS.headcountMax, '人'),
  },
  termOrder,
  (v, report) => {
    if (v.regionAnywhere === false && v.regionPrefCodes?.length === 0) report('regionPrefCodes', '活動できる地域を選ぶか、「全国どこでも」を選んでください。');
  },
);

export type OpeningInput = FormValuesOf<typeof OpeningForm.shape>;
export type SolutionInput = FormValuesOf<typeof SolutionForm.shape>;
export const listingFormOf = (kind: 'opening' | 'solution') => (kind === 'opening' ? OpeningForm : SolutionForm);

/** The lifecycle buttons of the detail page: publish, close (with its reason) or reopen. */
export const LifecycleForm = formSchema(
  {
    intent: z.enum(['publish', 'close', 'reopen'], { errorMap: () => ({ message: '操作を選んでください。' }) }),
    reason: z.preprocess(blankToUndefined, z.enum(['filled', 'withdrawn'], { errorMap: () => ({ message: '終了の理由（決定済み・取り下げ）を選んでください。' }) }).optional()),
  },
  (v, report) => {
    if (v.intent === 'close' && !v.reason) report('reason', '終了の理由（決定済み・取り下げ）を選んでください。');
  },
);

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

