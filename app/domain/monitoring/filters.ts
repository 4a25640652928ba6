import { z } from 'zod';
import { CATEGORIES, CATEGORY_IDS } from '../listings/categories';
import { LISTING_TYPES, LISTING_TYPE_IDS } from '../listings/model';
import { PREF_CODES, PREFECTURES } from '../listings/prefectures';
import { fiscalYearLabel, fiscalYearMonths, fiscalYearOf, isMonthKey, monthKeyOf, monthLabel, monthsBetween, type MonthKey } from './period';

export const MAP_METRICS = [
  { id: 'openings', label: '起業人募集の掲載数' },
  { id: 'matches', label: '締結数（マッチング）' },
  { id: 'unanswered', label: '30日以上応募のない募集' },
] as const;
export type MapMetric = (typeof MAP_METRICS)[number]['id'];

/** The longest period one view covers (five fiscal years). */
export const MAX_PERIOD_MONTHS = 60;
export const FIRST_FISCAL_YEAR = 2024;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** Query-string filters of every monitoring view (dashboard, report, exports): each view is a URL. */
export const MonitoringQuerySchema = z.object({
  fy: optional(z.coerce.number({ invalid_type_error: '年度は数字で指定してください' }).int('年度は整数で指定してください').min(FIRST_FISCAL_YEAR, `年度は${FIRST_FISCAL_YEAR}年度以降を指定してください`).max(2100, '年度が大きすぎます')),
  from: optional(z.string().refine(isMonthKey, '期間（開始）はYYYY-MM形式で指定してください')),
  to: optional(z.string().refine(isMonthKey, '期間（終了）はYYYY-MM形式で指定してください')),
  type: optional(z.enum(LISTING_TYPE_IDS, { errorMap: () => ({ message: '類型の指定が正しくありません' }) })),
  category: optional(z.enum(CATEGORY_IDS, { errorMap: () => ({ message: '分野の指定が正しくありません' }) })),
  pref: optional(z.enum(PREF_CODES, { errorMap: () => ({ message: '都道府県の指定が正しくありません' }) })),
  map: optional(z.enum(['openings', 'matches', 'unanswered'], { errorMap: () => ({ message: '地図の表示項目が正しくありません' }) })),
});

export interface MonitoringFilters {
  fiscalYear: number;
  /** inclusive month range; the fiscal year's April–March unless a period was given */
  from: MonthKey;
  to: MonthKey;
  /** true when from/to came from the query rather than the fiscal year */
  customPeriod: boolean;
  type: (typeof LISTING_TYPE_IDS)[number] | null;
  category: (typeof CATEGORY_IDS)[number] | null;
  pref: string | null;
  map: MapMetric;
}

export type FilterErrors = Record<string, string[]>;

/**
 * Reads the filters from a query string. A wrong value never fails the page: it is reported and
 * replaced by its default, so a mistyped URL still shows the dashboard.
 */
export function parseMonitoringFilters(params: URLSearchParams, now: Date): { filters: MonitoringFilters; errors: FilterErrors } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(MonitoringQuerySchema.shape)) {
    const v = params.get(key);
    if (v !== null) raw[key] = v;
  }
  const errors: FilterErrors = {};
  const values: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(MonitoringQuerySchema.shape)) {
    const r = (schema as z.ZodTypeAny).safeParse(raw[key]);
    if (r.success) values[key] = r.data;
    else errors[key] = r.error.issues.map((i) => i.message);
  }
  const currentFy = fiscalYearOf(monthKeyOf(now) + '-01');
  const fiscalYear = (values.fy as number | undefined) ?? currentFy;
  const months = fiscalYearMonths(fiscalYear);
  let from = months[0]!;
  let to = months[11]!;
  let customPeriod = false;
  const qFrom = values.from as string | undefined;
  const qTo = values.to as string | undefined;
  if (qFrom || qTo) {
    const f = qFrom ?? from;
    const t = qTo ?? to;
    if (f > t) errors.to = ['期間（終了）は開始と同じか後の月を指定してください'];
    else if (monthsBetween(f, t).length > MAX_PERIOD_MONTHS) errors.to = [`期間は${MAX_PERIOD_MONTHS}か月以内で指定してください`];
    else {
      from = f;
      to = t;
      customPeriod = true;
    }
  }
  return {
    filters: {
      fiscalYear,
      from,
      to,
      customPeriod,
      type: (values.type as MonitoringFilters['type']) ?? null,
      category: (values.category as MonitoringFilters['category']) ?? null,
      pref: (values.pref as string | undefined) ?? null,
      map: (values.map as MapMetric | undefined) ?? 'openings',
    },
    errors,
  };
}

/** The query string that reproduces a view (defaults left out), with optional overrides. */
export function filtersToQuery(filters: MonitoringFilters, overrides: Partial<Record<'fy' | 'from' | 'to' | 'type' | 'category' | 'pref' | 'map', string | null>> = {}): string {
  const params = new URLSearchParams();
  const base: Record<string, string | null> = {
    fy: String(filters.fiscalYear),
    from: filters.customPeriod ? filters.from : null,
    to: filters.customPeriod ? filters.to : null,
    type: filters.type,
    category: filters.category,
    pref: filters.pref,
    map: filters.map === 'openings' ? null : filters.map,
  };
  for (const [k, v] of Object.entries({ ...base, ...overrides })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The filters as one Japanese line for captions, reports and export headers. */
export function describeFilters(filters: MonitoringFilters): string {
  const parts = [
    filters.customPeriod ? `${monthLabel(filters.from)}〜${monthLabel(filters.to)}` : `${fiscalYearLabel(filters.fiscalYear)}（${monthLabel(filters.from)}〜${monthLabel(filters.to)}）`,
    filters.type ? LISTING_TYPES.find((t) => t.id === filters.type)!.label : '全類型',
    filters.category ? CATEGORIES.find((c) => c.id === filters.category)!.label : '全分野',
    filters.pref ? PREFECTURES.find((p) => p.code === filters.pref)!.name : '全国',
  ];
  return parts.join('・');
}
