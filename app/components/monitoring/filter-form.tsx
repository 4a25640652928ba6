import { CATEGORIES } from '../../domain/listings/categories';
import { LISTING_TYPES } from '../../domain/listings/model';
import { PREFECTURES } from '../../domain/listings/prefectures';
import { fiscalYearLabel, MAP_METRICS, type FilterErrors, type MonitoringFilters } from '../../domain/monitoring';

const FIELD_LABELS: Record<string, string> = { fy: '年度', from: '期間（開始）', to: '期間（終了）', type: '類型', category: '分野', pref: '都道府県', map: '地図の表示' };

/** The view's filters as a plain GET form: every view is a URL, and it works without JavaScript. */
export function FilterForm({ filters, errors, years, action, showMap = true }: { filters: MonitoringFilters; errors: FilterErrors; years: number[]; action: string; showMap?: boolean }) {
  const errorEntries = Object.entries(errors);
  const invalid = (k: string) => (errors[k] ? true : undefined);
  const describedBy = (k: string) => (errors[k] ? `${k}-error` : undefined);
  return (
    <form method="get" action={action} className="card space-y-4 print:hidden" aria-labelledby="filters-title">
      <h2 id="filters-title" className="text-lg font-bold">
        絞り込み
      </h2>
      {errorEntries.length ? (
        <div className="error-summary" role="alert" aria-labelledby="filter-errors-title">
          <p id="filter-errors-title" className="font-bold">
            指定に誤りがあるため、次の項目は既定の値で表示しています。
          </p>
          <ul className="mt-2 list-disc pl-6">
            {errorEntries.map(([k, msgs]) => (
              <li key={k}>
                <a href={`#f-${k}`}>
                  {FIELD_LABELS[k] ?? k}：{msgs.join(' ')}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <label htmlFor="f-fy" className="field-label">
            年度（4月〜翌3月）
          </label>
          <select id="f-fy" name="fy" className="field-input" defaultValue={filters.fiscalYear} aria-invalid={invalid('fy')} aria-describedby={describedBy('fy')}>
            {years.map((y) => (
              <option key={y} value={y}>
                {fiscalYearLabel(y)}（{y}年度）
              </option>
            ))}
          </select>
          {errors.fy ? <p id="fy-error" className="field-error">{errors.fy.join(' ')}</p> : null}
        </div>
        <div>
          <label htmlFor="f-from" className="field-label">
            期間（開始月）<span className="optional-mark">任意</span>
          </label>
          <input id="f-from" name="from" type="month" placeholder="2026-04" className="field-input" defaultValue={filters.customPeriod ? filters.from : ''} aria-invalid={invalid('from')} aria-describedby={describedBy('from') ?? 'period-hint'} />
          {errors.from ? <p id="from-error" className="field-error">{errors.from.join(' ')}</p> : null}
        </div>
        <div>
          <label htmlFor="f-to" className="field-label">
            期間（終了月）<span className="optional-mark">任意</span>
          </label>
          <input id="f-to" name="to" type="month" placeholder="2027-03" className="field-input" defaultValue={filters.customPeriod ? filters.to : ''} aria-invalid={invalid('to')} aria-describedby={describedBy('to') ?? 'period-hint'} />
          {errors.to ? <p id="to-error" className="field-error">{errors.to.join(' ')}</p> : null}
        </div>
        <Select id="type" label="類型" value={filters.type} options={LISTING_TYPES.map((t) => ({ value: t.id, label: t.label }))} allLabel="すべての類型" error={errors.type} />
        <Select id="category" label="分野" value={filters.category} options={CATEGORIES.map((c) => ({ value: c.id, label: c.label }))} allLabel="すべての分野" error={errors.category} />
        <Select id="pref" label="都道府県" value={filters.pref} options={PREFECTURES.map((p) => ({ value: p.code, label: p.name }))} allLabel="全国" error={errors.pref} />
        {showMap ? (
          <Select id="map" label="地図の表示" value={filters.map} options={MAP_METRICS.map((m) => ({ value: m.id, label: m.label }))} error={errors.map} />
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

function Select({ id, label, value, options, allLabel, error }: { id: string; label: string; value: string | null; options: { value: string; label: string }[]; allLabel?: string; error?: string[] }) {
  return (
    <div>
      <label htmlFor={`f-${id}`} className="field-label">
        {label}
      </label>
      <select id={`f-${id}`} name={id} className="field-input" defaultValue={value ?? ''} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {allLabel ? <option value="">{allLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
