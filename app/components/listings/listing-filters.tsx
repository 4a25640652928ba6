import { Form } from '@remix-run/react';
import { SelectField } from '../forms';
import { CATEGORIES, LISTING_TYPES, PREFECTURES, type ListingKind } from '../../domain/listings';

/** Filters of an index page: a GET form, so the URL holds the state and it works without JavaScript. */
export function ListingFilters({ kind, values }: { kind: ListingKind; values: { category?: string; type?: string; pref?: string; remote?: boolean } }) {
  return (
    <Form method="get" className="card mb-8" aria-labelledby="filters-title">
      <h2 id="filters-title" className="mb-4 text-lg font-bold">
        条件で絞り込む
      </h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField name="category" formId="filter" label="分野" className="" defaultValue={values.category ?? ''} placeholder="すべて" options={CATEGORIES.map((c) => ({ value: c.id, label: c.label }))} />
        <SelectField name="type" formId="filter" label="類型" className="" defaultValue={values.type ?? ''} placeholder="すべて" options={LISTING_TYPES.map((t) => ({ value: t.id, label: t.label }))} />
        <SelectField
          name="pref"
          formId="filter"
          label={kind === 'opening' ? '都道府県' : '活動できる地域'}
          className=""
          defaultValue={values.pref ?? ''}
          placeholder="全国"
          options={PREFECTURES.map((p) => ({ value: p.code, label: p.name }))}
        />
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
