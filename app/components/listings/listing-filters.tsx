import { Form } from '@remix-run/react';
import { CATEGORIES, LISTING_TYPES, PREFECTURES, type ListingKind } from '../../domain/listings';

/** Filters of an index page: a GET form, so the URL holds the state and it works without JavaScript. */
export function ListingFilters({ kind, values }: { kind: ListingKind; values: { category?: string; type?: string; pref?: string; remote?: boolean } }) {
  return (
    <Form method="get" className="card mb-8" aria-labelledby="filters-title">
      <h2 id="filters-title" className="mb-4 text-lg font-bold">
        条件で絞り込む
      </h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="filter-category" className="field-label">
            分野
          </label>
          <select id="filter-category" name="category" defaultValue={values.category ?? ''} className="field-input">
            <option value="">すべて</option>
            {CATEGORIES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-type" className="field-label">
            類型
          </label>
          <select id="filter-type" name="type" defaultValue={values.type ?? ''} className="field-input">
            <option value="">すべて</option>
            {LISTING_TYPES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-pref" className="field-label">
            {kind === 'opening' ? '都道府県' : '活動できる地域'}
          </label>
          <select id="filter-pref" name="pref" defaultValue={values.pref ?? ''} className="field-input">
            <option value="">全国</option>
            {PREFECTURES.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col justify-end gap-2">
          <label className="checkbox-row">
            <input type="checkbox" name="remote" value="1" defaultChecked={values.remote} className="checkbox" />
            <span>一部リモート可のみ</span>
          </label>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="btn-primary">
          絞り込む
        </button>
        <a href={kind === 'opening' ? '/openings' : '/solutions'}>条件をクリア</a>
      </div>
    </Form>
  );
}
