import { ErrorSummary, Field, SelectField } from '../forms';
import { CATEGORIES } from '../../domain/listings/categories';
import { LISTING_TYPES } from '../../domain/listings/model';
import { PREFECTURES } from '../../domain/listings/prefectures';
import { fiscalYearLabel, MAP_METRICS, type FilterErrors, type MonitoringFilters } from '../../domain/monitoring';

const FIELD_LABELS: Record<string, string> = { fy: '年度', from: '期間（開始）', to: '期間（終了）', type: '類型', category: '分野', pref: '都道府県', map: '地図の表示' };

/** The view's filters as a plain GET form: every view is a URL, and it works without JavaScript. A wrong filter is listed in the kit's error summary, linked to its field. */
export function FilterForm({ filters, errors, years, action, showMap = true }: { filters: MonitoringFilters; errors: FilterErrors; years: number[]; action: string; showMap?: boolean }) {
  return (
    <form method="get" action={action} className="card space-y-4 print:hidden" aria-labelledby="filters-title">
      <h2 id="filters-title" className="text-lg font-bold">
        絞り込み
      </h2>
      <ErrorSummary errors={errors} labels={FIELD_LABELS} formId="f" title="指定に誤りがあるため、次の項目は既定の値で表示しています。" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField name="fy" formId="f" label="年度（4月〜翌3月）" className="" defaultValue={String(filters.fiscalYear)} errors={errors.fy} options={years.map((y) => ({ value: String(y), label: `${fiscalYearLabel(y)}（${y}年度）` }))} />
        {(['from', 'to'] as const).map((k) => (
          <Field
            key={k}
            name={k}
            formId="f"
            type="month"
            label={k === 'from' ? '期間（開始月）' : '期間（終了月）'}
            className=""
            placeholder={k === 'from' ? '2026-04' : '2027-03'}
            defaultValue={filters.customPeriod ? filters[k] : ''}
            errors={errors[k]}
            aria-describedby={errors[k] ? `f-${k}-error` : 'period-hint'}
          />
        ))}
        <SelectField name="type" formId="f" label="類型" className="" defaultValue={filters.type ?? ''} placeholder="すべての類型" options={LISTING_TYPES.map((t) => ({ value: t.id, label: t.label }))} errors={errors.type} />
        <SelectField name="category" formId="f" label="分野" className="" defaultValue={filters.category ?? ''} placeholder="すべての分野" options={CATEGORIES.map((c) => ({ value: c.id, label: c.label }))} errors={errors.category} />
        <SelectField name="pref" formId="f" label="都道府県" className="" defaultValue={filters.pref ?? ''} placeholder="全国" options={PREFECTURES.map((p) => ({ value: p.code, label: p.name }))} errors={errors.pref} />
        {showMap ? (
          <SelectField name="map" formId="f" label="地図の表示" className="" defaultValue={filters.map ?? ''} options={MAP_METRICS.map((m) => ({ value: m.id, label: m.label }))} errors={errors.map} />
        ) : null}
      </div>
      <p id="period-hint" className="field-hint">
        期間を指定すると年度より優先します（YYYY-MM形式、最長60か月）。
      </p>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="btn-primary">
          この条件で表示
        </button>
        <a href={action} className="btn-secondary">
          条件をクリア
        </a>
      </div>
    </form>
  );
}
