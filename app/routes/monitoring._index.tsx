import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { ChartFigure } from '../components/monitoring/chart-figure';
import { DataTable } from '../components/monitoring/data-table';
import { FilterForm } from '../components/monitoring/filter-form';
import { KpiList } from '../components/monitoring/kpi-list';
import { TileMap } from '../components/monitoring/tile-map';
import { describeFilters, filtersToQuery, fiscalYearLabel, formatRate, monthKeyOf, monthLabel } from '../domain/monitoring';
import { requireCan } from '../services/auth.server';
import { buildDashboard, fiscalYearOptions, parseMonitoringFilters, refreshSummary } from '../services/monitoring.server';
import { formatDateTime, formatNumber } from '../utils/dates';

export const meta: MetaFunction = () => [{ title: 'モニタリング｜起業人マッチ' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, 'monitoring.view');
  const now = new Date();
  const { filters, errors } = parseMonitoringFilters(new URL(request.url).searchParams, now);
  const dashboard = await buildDashboard(context.db, filters, {
    now,
    errors,
    onError: (error) => context.logger.error({ err: error }, 'monitoring summary refresh failed'),
  });
  // the report of the period's last month, or of the current month while the period is still running
  const current = monthKeyOf(now);
  const reportMonth = filters.to < current ? filters.to : current;
  return json({ dashboard, years: fiscalYearOptions(now), reportMonth });
}

/** 「今すぐ集計」: rebuilds the summary, then shows the same view again. */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireCan(request, context, 'monitoring.view');
  await refreshSummary(context.db);
  const back = new URL(request.url);
  return redirect(`/monitoring${back.search}`);
}

export default function MonitoringDashboard() {
  const { dashboard: d, years, reportMonth } = useLoaderData<typeof loader>();
  const query = filtersToQuery(d.filters);
  const reportQuery = new URLSearchParams(filtersToQuery(d.filters, { fy: null, from: null, to: null, map: null }).slice(1));
  reportQuery.set('month', reportMonth);
  const reportHref = `/monitoring/report?${reportQuery.toString()}`;
  const table = (id: string) => d.tables.find((t) => t.id === id)!;
  const funnel = table('funnel');
  const chart = (id: string) => d.charts.find((c) => c.id === id);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">マッチング状況のモニタリング</h1>
        <p>
          {describeFilters(d.filters)}
          <span className="ml-2 text-sm text-solid-gray-700">
            集計時点：{formatDateTime(d.refreshedAt)}
          </span>
        </p>
        <p className="text-sm text-solid-gray-700">
          件数の集計のみを表示します。メッセージや協定書・契約書の本文は表示しません。人に関わる件数が3件未満の欄は「3未満」、それを他の欄や表との差から逆算できないよう伏せた欄は「秘匿」と表示します。
        </p>
        <div className="flex flex-wrap gap-3 print:hidden">
          <a className="btn-secondary" href={reportHref}>
            月次レポート（印刷用）
          </a>
          <Form method="post" action={`/monitoring${query}`}>
            <button type="submit" className="btn-secondary">
              今すぐ集計し直す
            </button>
          </Form>
        </div>
      </div>

      {d.personalShown ? null : (
        <p className="error-summary" role="status">
          この絞り込みでは、応募・会話・協定等の人に関わる件数を表示しません（「非表示」）。人に関わる件数は、年度または1か月の期間で、月・類型・分野・都道府県のうち1つまでを絞り込んだときに表示します。
        </p>
      )}

      <FilterForm filters={d.filters} errors={d.errors} years={years} action="/monitoring" />

      <section aria-labelledby="kpi-title" className="space-y-3">
        <h2 id="kpi-title" className="text-2xl font-bold">
          概況
        </h2>
        <KpiList kpis={d.kpis} label="概況の主要な数値" />
      </section>

      <section aria-labelledby="funnel-title" className="space-y-4">
        <h2 id="funnel-title" className="text-2xl font-bold">
          ファネルと期間
        </h2>
        <ol className="flex flex-wrap items-stretch gap-2" aria-label="ファネルの段階と移行率">
          {funnel.rows.map((r) => (
            <li key={r.key} className="card min-w-[8rem] flex-1 p-3 text-center">
              <span className="block text-sm text-solid-gray-700">{r.header}</span>
              <span className="block text-xl font-bold tabular-nums">{typeof r.cells[0] === 'number' ? formatNumber(r.cells[0]) : (r.cells[0] ?? '—')}</span>
              {r.key !== 'published' ? (
                <span className="block text-xs text-solid-gray-700">前段階から {formatRate(typeof r.cells[1] === 'number' ? r.cells[1] / 100 : null)}</span>
              ) : null}
            </li>
          ))}
        </ol>
        <div className="grid gap-6 lg:grid-cols-2">
          {chart('funnel') ? <ChartFigure chart={chart('funnel')!} /> : null}
          <div className="space-y-6">
            <DataTable table={funnel} exportQuery={query} />
            <DataTable table={table('durations')} exportQuery={query} />
          </div>
        </div>
      </section>

      <section aria-labelledby="proposals-title" className="space-y-4">
        <h2 id="proposals-title" className="text-2xl font-bold">
          マッチング提案
        </h2>
        <p className="text-sm text-solid-gray-700">提案が表示された組み合わせのうち、応募・スカウトに進み、実際に応募・スカウトが届いたものの数です。</p>
        <DataTable table={table('proposals')} exportQuery={query} />
      </section>

      <section aria-labelledby="map-section-title" className="space-y-4">
        <h2 id="map-section-title" className="text-2xl font-bold">
          都道府県別
        </h2>
        <nav aria-label="地図の表示項目" className="print:hidden">
          <ul className="flex flex-wrap gap-4 text-sm">
            {(['openings', 'matches', 'unanswered'] as const).map((m) => (
              <li key={m}>
                <a href={`/monitoring${filtersToQuery(d.filters, { map: m === 'openings' ? null : m })}`} aria-current={d.filters.map === m ? 'true' : undefined} className={d.filters.map === m ? 'font-bold' : undefined}>
                  {{ openings: '募集の掲載数', matches: '締結数', unanswered: '30日以上応募のない募集' }[m]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="grid gap-6 lg:grid-cols-2">
          <TileMap map={d.map} hrefFor={(code) => `/monitoring${filtersToQuery(d.filters, { pref: code })}`} />
          <div className="max-h-[36rem] overflow-y-auto">
            <DataTable table={table('by-prefecture')} exportQuery={query} />
          </div>
        </div>
      </section>

      <section aria-labelledby="breakdown-title" className="space-y-6">
        <h2 id="breakdown-title" className="text-2xl font-bold">
          類型・分野・月別
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          {chart('by-type') ? <ChartFigure chart={chart('by-type')!} /> : null}
          <DataTable table={table('by-type')} exportQuery={query} />
        </div>
        {chart('by-category') ? <ChartFigure chart={chart('by-category')!} /> : null}
        <DataTable table={table('by-category')} exportQuery={query} />
        {chart('by-month') ? <ChartFigure chart={chart('by-month')!} /> : null}
        <DataTable table={table('by-month')} exportQuery={query} />
      </section>

      <section aria-labelledby="status-title" className="space-y-4">
        <h2 id="status-title" className="text-2xl font-bold">
          状態別の件数
        </h2>
        <DataTable table={table('status')} exportQuery={query} />
      </section>
      <p className="text-sm text-solid-gray-700">
        年度は4月1日〜翌年3月31日（日本時間）です。{fiscalYearLabel(d.filters.fiscalYear)}の期間：{monthLabel(d.filters.from)}〜{monthLabel(d.filters.to)}。
      </p>
    </div>
  );
}
