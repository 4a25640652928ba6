import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { ChartFigure } from '../components/monitoring/chart-figure';
import { DataTable } from '../components/monitoring/data-table';
import { KpiList } from '../components/monitoring/kpi-list';
import { addMonths, describeFilters, fiscalYearLabel, fiscalYearMonths, fiscalYearOfMonth, isMonthKey, monthKeyOf, monthLabel } from '../domain/monitoring';
import { requireCan } from '../services/auth.server';
import { buildDashboard, parseMonitoringFilters } from '../services/monitoring.server';
import { formatDateTime } from '../utils/dates';
import { ErrorSummary } from '../components/forms';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `月次レポート ${data ? monthLabel(data.month) : ''}｜起業人マッチ` }];

/**
 * The monthly report: the month on its own, then the fiscal year to date. Same filters as the
 * dashboard (type, category, prefecture), printed on A4 with the site's header and menus hidden.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, 'monitoring.view');
  const now = new Date();
  const params = new URL(request.url).searchParams;
  const requested = params.get('month') ?? '';
  const month = isMonthKey(requested) ? requested : addMonths(monthKeyOf(now), -1);
  const withPeriod = (from: string, to: string) => {
    const p = new URLSearchParams(params);
    p.set('from', from);
    p.set('to', to);
    p.delete('fy');
    return parseMonitoringFilters(p, now);
  };
  const monthView = withPeriod(month, month);
  const fiscalYear = fiscalYearOfMonth(month);
  const ytdView = withPeriod(fiscalYearMonths(fiscalYear)[0]!, month);
  const [single, ytd] = await Promise.all([
    buildDashboard(context.db, { ...monthView.filters, fiscalYear }, { now, charts: false }),
    buildDashboard(context.db, { ...ytdView.filters, fiscalYear }, { now }),
  ]);
  // fy, from and to do not choose the report's period, but a wrong one is reported like a wrong prefecture
  const { errors: queryErrors } = parseMonitoringFilters(params, now);
  const errors = {
    ...(requested && !isMonthKey(requested) ? { month: ['対象月はYYYY-MM形式で指定してください'] } : {}),
    ...queryErrors,
    ...monthView.errors,
  };
  return json({ month, single, ytd, errors, generatedAt: now.toISOString() });
}

const PRINT_CSS = `@page { size: A4; margin: 14mm; }
@media print {
  body > header, body > footer, body > a[href="#main"], .print-hidden { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  .card { box-shadow: none !important; }
  section { break-inside: avoid; }
}`;

export default function MonthlyReport() {
  const { month, single, ytd, errors, generatedAt } = useLoaderData<typeof loader>();
  // one list per loaded page, so the summary takes focus when the page comes, not on every render
  const problems = useMemo(() => Object.values(errors).flat(), [errors]);
  const pick = (d: typeof single, id: string) => d.tables.find((t) => t.id === id)!;
  const fy = ytd.filters.fiscalYear;
  return (
    <article className="space-y-8" aria-labelledby="report-title">
      {/* as raw CSS: a text child would be escaped by the server (「&gt;」) and differ from the browser's render */}
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <header className="space-y-2 border-b-2 border-solid-gray-800 pb-4">
        <p className="text-sm">地域活性化起業人 マッチング状況 月次報告</p>
        <h1 id="report-title" className="text-3xl font-bold">
          {`${monthLabel(month)}の状況`}
        </h1>
        <p>
          {describeFilters(single.filters)}（{fiscalYearLabel(fy)}累計：{monthLabel(ytd.filters.from)}〜{monthLabel(month)}）
        </p>
        <p className="text-sm text-solid-gray-700">
          集計時点：{formatDateTime(single.refreshedAt)} ／ 作成：
          {formatDateTime(generatedAt)}
        </p>
        {/* fy, from and to have no field on this page: their problems are listed without a link */}
        <ErrorSummary formErrors={problems} labels={{}} formId="report" title="指定に誤りがあるため、既定の値で表示しています。" className="print-hidden" />
        <form method="get" className="print-hidden flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="month" className="field-label">
              対象月
            </label>
            <input id="month" name="month" type="month" className="field-input" defaultValue={month} />
          </div>
          {(['type', 'category', 'pref'] as const).map((k) =>
            single.filters[k] ? <input key={k} type="hidden" name={k} value={single.filters[k]!} /> : null,
          )}
          <button type="submit" className="btn-secondary">
            表示
          </button>
          <a href="/monitoring">ダッシュボードへ戻る</a>
        </form>
      </header>

      <section aria-labelledby="month-title" className="space-y-4">
        <h2 id="month-title" className="text-2xl font-bold">
          {`1. ${monthLabel(month)}の件数`}
        </h2>
        <KpiList kpis={single.kpis} label={`${monthLabel(month)}の主要な数値`} />
        <DataTable table={pick(single, 'by-type')} />
      </section>

      <section aria-labelledby="ytd-title" className="space-y-6">
        <h2 id="ytd-title" className="text-2xl font-bold">
          {`2. ${fiscalYearLabel(fy)}の累計（${monthLabel(ytd.filters.from)}〜${monthLabel(month)}）`}
        </h2>
        <KpiList kpis={ytd.kpis} label={`${fiscalYearLabel(fy)}累計の主要な数値`} />
        <DataTable table={pick(ytd, 'funnel')} />
        <DataTable table={pick(ytd, 'durations')} />
        {ytd.charts.find((c) => c.id === 'by-month') ? <ChartFigure chart={ytd.charts.find((c) => c.id === 'by-month')!} /> : null}
        <DataTable table={pick(ytd, 'by-month')} />
        <DataTable table={pick(ytd, 'by-category')} />
        <DataTable table={pick(ytd, 'by-prefecture')} />
        <DataTable table={pick(ytd, 'status')} />
      </section>
      <p className="print-hidden">
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          印刷する（ブラウザの印刷機能を使います）
        </button>
      </p>
    </article>
  );
}
