import { Link } from '@remix-run/react';
import { KIND_LABELS, KIND_PATHS } from '../../domain/listings';
import type { ListingIndexData } from '../../routes/__listings.server';
import { ListingGrid } from './listing-card';
import { ListingFilters } from './listing-filters';

const INTRO = {
  opening: '自治体が、地域の課題に一緒に取り組む人材を募集しています。',
  solution: '企業・個人が、自治体の課題に対して提供できる知見や人材を掲載しています。',
};

/** The list of published listings of one kind, with the filters and paging. */
export function ListingIndex({ data }: { data: ListingIndexData }) {
  const { kind, filters, cards, total, page, pages } = data;
  const base = KIND_PATHS[kind];
  const qs = (p: number) => {
    const s = new URLSearchParams();
    if (filters.category) s.set('category', filters.category);
    if (filters.type) s.set('type', filters.type);
    if (filters.pref) s.set('pref', filters.pref);
    if (filters.remote) s.set('remote', '1');
    s.set('page', String(p));
    return `${base}?${s}`;
  };
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="page-title mb-2">{KIND_LABELS[kind]}</h1>
          <p>{INTRO[kind]}</p>
        </div>
        {data.canCreate ? (
          <Link to={`${base}/new`} className="btn-primary">
            {kind === 'opening' ? '起業人を募集する' : 'ソリューションを掲載する'}
          </Link>
        ) : null}
      </div>
      <ListingFilters kind={kind} values={filters} />
      <p className="mb-4" role="status" aria-live="polite">
        <strong>{total}</strong> 件{total > 0 ? `（${page} / ${pages} ページ）` : ''}
        <span className="ml-4 text-sm">
          キーワードで探すときは <Link to={`/search?kind=${kind}`}>検索</Link> をご利用ください。
        </span>
      </p>
      <ListingGrid cards={cards} empty="条件に合う掲載はありません。条件を減らしてお試しください。" />
      {pages > 1 ? (
        <nav aria-label="ページ送り" className="mt-8 flex flex-wrap justify-center gap-4">
          {page > 1 ? (
            <Link to={qs(page - 1)} rel="prev" className="btn-secondary btn-small">
              前のページ
            </Link>
          ) : null}
          {page < pages ? (
            <Link to={qs(page + 1)} rel="next" className="btn-secondary btn-small">
              次のページ
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
