import type * as Echarts from 'echarts';
import { CATEGORIES } from '../domain/listings/categories';
import { LISTING_TYPES } from '../domain/listings/model';
import {
  monthLabel,
  monthsBetween,
  type DashboardAggregates,
  type KindSplit,
  type MonitoringFilters,
  type MonitoringTable,
} from '../domain/monitoring';

/*
 * Charts are drawn on the server as SVG (ECharts' server-side renderer): no script reaches the
 * browser, the page works under our CSP and prints as it looks. Every chart has its numbers in a
 * table next to it; the SVG is marked as an image with a text summary.
 */
const FONT = '"BIZ UDPGothic", "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif';
const COLOURS = ['#0031d8', '#e25100', '#197a4b', '#8843e1', '#c5d7fb'];

export interface Chart {
  id: string;
  title: string;
  /** one sentence read by screen readers in place of the drawing */
  summary: string;
  svg: string;
}

/*
 * Drawing is the costly part of a dashboard (tens of milliseconds per chart), and a chart is a pure
 * function of its option: the same numbers give the same SVG. Recent drawings are kept, so views
 * repeated between two summary refreshes do not draw again.
 */
const CACHE_SIZE = 256;
const drawn = new Map<string, string>();

export function clearChartCache() {
  drawn.clear();
}

// ECharts (tens of MB) is loaded by the first dashboard, not at start-up.
let echarts: typeof Echarts | undefined;

function render(option: Echarts.EChartsCoreOption, width: number, height: number): string {
  const key = JSON.stringify([option, width, height]);
  const hit = drawn.get(key);
  if (hit !== undefined) {
    drawn.delete(key);
    drawn.set(key, hit);
    return hit;
  }
  const svg = draw(option, width, height);
  drawn.set(key, svg);
  if (drawn.size > CACHE_SIZE) drawn.delete(drawn.keys().next().value!);
  return svg;
}

function draw(option: Echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts!.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    color: COLOURS,
    textStyle: { fontFamily: FONT, fontSize: 12, color: '#1a1a1c' },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Counts of people are drawn from the view's tables, so a chart never shows what a table hides. */
function column(tables: MonitoringTable[], id: MonitoringTable['id'], key: string): (number | null)[] {
  const t = tables.find((x) => x.id === id)!;
  const i = t.columns.findIndex((c) => c.key === key);
  return t.rows.map((r) => (typeof r.cells[i] === 'number' ? (r.cells[i] as number) : null));
}

const legend = { top: 0, textStyle: { fontFamily: FONT } };
const grid = (left: number) => ({ left, right: 24, top: 36, bottom: 36, containLabel: false });

function funnelChart(steps: { label: string; count: number | null; text: string }[]): Chart {
  const labels = steps.map((s) => s.label);
  return {
    id: 'funnel',
    title: 'マッチングのファネル',
    summary: `掲載から締結までの各段階の件数：${steps.map((s) => `${s.label} ${s.text}`).join('、')}。`,
    svg: render(
      {
        grid: grid(80),
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: labels, inverse: true },
        series: [{ type: 'bar', data: steps.map((s) => s.count), label: { show: true, position: 'right' }, barMaxWidth: 28 }],
      },
      640,
      240,
    ),
  };
}

function monthChart(agg: DashboardAggregates, filters: MonitoringFilters, tables: MonitoringTable[]): Chart {
  const months = monthsBetween(filters.from, filters.to);
  const get = (m: string): KindSplit | undefined => agg.byMonth[m];
  const openings = months.map((m) => get(m)?.opening.published ?? 0);
  const applications = column(tables, 'by-month', 'applications');
  const concluded = column(tables, 'by-month', 'concludedInMonth');
  return {
    id: 'by-month',
    title: '月別の推移',
    summary: `${monthLabel(filters.from)}から${monthLabel(filters.to)}までの月別の募集掲載数・応募数・締結数の推移。数値は月別の表にあります。`,
    svg: render(
      {
        legend,
        grid: grid(48),
        tooltip: {},
        xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '起業人募集の掲載', type: 'bar', data: openings, barMaxWidth: 18 },
          { name: '応募', type: 'line', data: applications, connectNulls: false },
          { name: 'その月の締結', type: 'line', data: concluded, connectNulls: false },
        ],
      },
      720,
      300,
    ),
  };
}

function typeChart(agg: DashboardAggregates, tables: MonitoringTable[]): Chart {
  const types = LISTING_TYPES;
  const split = (id: string) => agg.byType[id];
  const openings = types.map((t) => split(t.id)?.opening.published ?? 0);
  const applications = column(tables, 'by-type', 'applications');
  const concluded = column(tables, 'by-type', 'concluded');
  return {
    id: 'by-type',
    title: '類型別',
    summary: `企業派遣型・副業型・シニア型ごとの募集掲載数・応募数・締結数。数値は類型別の表にあります。`,
    svg: render(
      {
        legend,
        grid: grid(48),
        xAxis: { type: 'category', data: types.map((t) => t.label) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '起業人募集の掲載', type: 'bar', data: openings, barMaxWidth: 28 },
          { name: '応募', type: 'bar', data: applications, barMaxWidth: 28 },
          { name: '締結', type: 'bar', data: concluded, barMaxWidth: 28 },
        ],
      },
      480,
      280,
    ),
  };
}

function categoryChart(agg: DashboardAggregates, tables: MonitoringTable[]): Chart {
  const split = (id: string) => agg.byCategory[id];
  const short = (label: string) => (label.length > 12 ? `${label.slice(0, 11)}…` : label);
  const openings = CATEGORIES.map((c) => split(c.id)?.opening.published ?? 0);
  const applications = column(tables, 'by-category', 'applications');
  return {
    id: 'by-category',
    title: '分野別',
    summary: '総務省の15分野ごとの募集掲載数と応募数。数値は分野別の表にあります。',
    svg: render(
      {
        legend,
        grid: grid(170),
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: CATEGORIES.map((c) => short(c.label)), axisLabel: { width: 160, overflow: 'truncate' } },
        series: [
          { name: '起業人募集の掲載', type: 'bar', data: openings, barMaxWidth: 10 },
          { name: '応募', type: 'bar', data: applications, barMaxWidth: 10 },
        ],
      },
      720,
      480,
    ),
  };
}

export async function renderCharts(
  agg: DashboardAggregates,
  filters: MonitoringFilters,
  funnel: { label: string; count: number | null; text: string }[],
  tables: MonitoringTable[],
): Promise<Chart[]> {
  echarts ??= await import('echarts');
  return [funnelChart(funnel), monthChart(agg, filters, tables), typeChart(agg, tables), categoryChart(agg, tables)];
}
