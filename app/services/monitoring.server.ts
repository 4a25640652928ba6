import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import {
  durationHistogram,
  findRefreshInfo,
  recordsForPeriod,
  refreshMonitoringSummary,
  sumCube,
  type CubeSlice,
  type CubeSum,
  type RefreshResult,
} from '../../db/queries/monitoring';
import { CATEGORY_IDS } from '../domain/listings/categories';
import { LISTING_TYPE_IDS } from '../domain/listings/model';
import { PREF_CODES } from '../domain/listings/prefectures';
import {
  ANY,
  both,
  buildProtectedCube,
  buildTables,
  classOf,
  emptySplit,
  FIRST_FISCAL_YEAR,
  fiscalYearOf,
  labelColour,
  MAP_METRICS,
  mapClasses,
  MEASURE_IDS,
  monthKeyOf,
  monthsBetween,
  PREFECTURE_TILES,
  fiscalYearMonths,
  fiscalYearOfMonth,
  protectedFunnel,
  readPersonal,
  viewCoord,
  withDim,
  summariseDurations,
  SUPPRESSED_COLOUR,
  UNKNOWN_PREF,
  type DashboardAggregates,
  type FilterErrors,
  type KindSplit,
  type MapClass,
  type Measures,
  type MonitoringFilters,
  type MonitoringTable,
  type ProtectedCube,
  type CubeRecord,
  type ViewProtection,
} from '../domain/monitoring';
import { renderCharts, type Chart } from './monitoring-charts.server';

export { parseMonitoringFilters } from '../domain/monitoring';

/** The summary is rebuilt in the background once it is older than this when someone looks. */
export const SUMMARY_MAX_AGE_MS = 10 * 60_000;

const refreshing = new WeakMap<Kysely<Database>, Promise<RefreshResult>>();

/** Rebuilds the summary now; concurrent callers on one database share the same run. */
export function refreshSummary(db: Kysely<Database>, now: Date = new Date()): Promise<RefreshResult> {
  let pending = refreshing.get(db);
  if (!pending) {
    pending = refreshMonitoringSummary(db, now).finally(() => refreshing.delete(db));
    refreshing.set(db, pending);
  }
  return pending;
}

/**
 * A summary is always there to read: built on the first visit, then refreshed behind the reader's
 * back when stale, so no request waits for a rebuild at scale.
 */
async function ensureSummary(db: Kysely<Database>, now: Date, onError: (e: unknown) => void): Promise<Date> {
  const info = await findRefreshInfo(db);
  if (!info) return (await refreshSummary(db, now)).refreshedAt;
  const at = new Date(info.refreshed_at);
  if (now.getTime() - at.getTime() > SUMMARY_MAX_AGE_MS) refreshSummary(db).catch(onError);
  return at;
}

function toAggregates(rows: CubeSum[]): Record<string, KindSplit> {
  const out: Record<string, KindSplit> = {};
  for (const r of rows) {
    const split = (out[r.key] ??= emptySplit());
    const m = {} as Measures;
    for (const id of MEASURE_IDS) m[id] = Number(r[id] ?? 0);
    split[r.kind] = m;
  }
  return out;
}

const cubes = new WeakMap<Kysely<Database>, { at: string; years: Map<number, Promise<ProtectedCube>> }>();

/**
 * The protected cube of a fiscal year: every cell any view can show, suppressed together. Built
 * once per summary refresh and year, then shared by every view, report and export.
 */
export function protectedCube(db: Kysely<Database>, fiscalYear: number, refreshedAt: Date): Promise<ProtectedCube> {
  const at = refreshedAt.toISOString();
  let entry = cubes.get(db);
  if (!entry || entry.at !== at) cubes.set(db, (entry = { at, years: new Map() }));
  let cube = entry.years.get(fiscalYear);
  if (!cube) {
    const months = fiscalYearMonths(fiscalYear);
    cube = recordsForPeriod(db, months[0]!, months[11]!).then((records) =>
      buildProtectedCube(
        fiscalYear,
        records.map((r) => ({ month: r.month, kind: r.kind as CubeRecord['kind'], family: r.family, pref: r.pref_code, cats: r.cats, types: r.types, measures: r.measures, n: Number(r.n) })),
      ),
    );
    cube.catch(() => entry!.years.delete(fiscalYear));
    entry.years.set(fiscalYear, cube);
  }
  return cube;
}

/** How one view reads counts of people: its cell of its fiscal year's protected cube, or none. */
export async function viewProtection(db: Kysely<Database>, filters: MonitoringFilters, refreshedAt: Date): Promise<ViewProtection> {
  const cube = await protectedCube(db, fiscalYearOfMonth(filters.from), refreshedAt);
  return { cube, coord: viewCoord(filters, cube) };
}

export function sliceOf(filters: MonitoringFilters): CubeSlice {
  return { from: filters.from, to: filters.to, category: filters.category ?? ANY, type: filters.type ?? ANY, pref: filters.pref ?? ANY };
}

/** Reads every sum one view needs from the summary (six indexed reads, run side by side). */
export async function loadAggregates(db: Kysely<Database>, filters: MonitoringFilters): Promise<DashboardAggregates> {
  const slice = sliceOf(filters);
  const [totals, byMonth, byType, byCategory, byPref, durations] = await Promise.all([
    sumCube(db, slice, 'none'),
    sumCube(db, slice, 'month'),
    sumCube(db, slice, 'type', LISTING_TYPE_IDS),
    sumCube(db, slice, 'category', CATEGORY_IDS),
    sumCube(db, { ...slice, pref: ANY }, 'pref', [...PREF_CODES, UNKNOWN_PREF]),
    durationHistogram(db, slice),
  ]);
  return {
    totals: toAggregates(totals)[''] ?? emptySplit(),
    byMonth: toAggregates(byMonth),
    byType: toAggregates(byType),
    byCategory: toAggregates(byCategory),
    byPref: toAggregates(byPref),
    durations: {
      reply_hours: durations.filter((d) => d.metric === 'reply_hours').map((d) => ({ value: d.value, n: Number(d.n) })),
      agreement_days: durations.filter((d) => d.metric === 'agreement_days').map((d) => ({ value: d.value, n: Number(d.n) })),
    },
  };
}

export interface MapTile {
  code: string;
  name: string;
  short: string;
  x: number;
  y: number;
  value: number | null;
  suppressed: boolean;
  hiddenText?: string;
  fill: string;
  text: string;
  selected: boolean;
}

export interface DashboardMap {
  metric: MonitoringFilters['map'];
  label: string;
  tiles: MapTile[];
  classes: MapClass[];
  hasSuppressed: boolean;
}

function buildMap(agg: DashboardAggregates, filters: MonitoringFilters, guard: ViewProtection): DashboardMap {
  const metric = filters.map;
  const read = (s: KindSplit | undefined): number => {
    if (!s) return 0;
    if (metric === 'openings') return s.opening.published;
    if (metric === 'unanswered') return s.opening.unanswered_30d;
    return s.opening.ap_reached_concluded + s.solution.ap_reached_concluded;
  };
  const values = PREFECTURE_TILES.map((t) => {
    const v = read(agg.byPref[t.code]);
    return metric === 'matches' ? readPersonal(guard, withDim(guard.coord, 'pref', t.code), 'both', 'ap_reached_concluded') : { value: v, suppressed: false };
  });
  const classes = mapClasses(Math.max(0, ...values.map((v) => v.value ?? 0)));
  const tiles = PREFECTURE_TILES.map((t, i) => {
    const v = values[i]!;
    const cls = v.value === null ? null : classOf(v.value, classes);
    return {
      ...t,
      value: v.value,
      suppressed: v.suppressed,
      hiddenText: v.hiddenText,
      fill: cls ? cls.colour : SUPPRESSED_COLOUR,
      text: cls ? labelColour(cls.index) : '#1a1a1c',
      selected: filters.pref === t.code,
    };
  });
  return { metric, label: MAP_METRICS.find((m) => m.id === metric)!.label, tiles, classes, hasSuppressed: values.some((v) => v.suppressed) };
}

export interface Kpi {
  id: string;
  label: string;
  value: number | null;
  suppressed: boolean;
  hiddenText?: string;
  unit: string;
}

function buildKpis(agg: DashboardAggregates, guard: ViewProtection): Kpi[] {
  const o = agg.totals.opening;
  const s = agg.totals.solution;
  const [reply, agreement] = summariseDurations(agg, guard);
  const p = (id: string, label: string, measure: Parameters<typeof readPersonal>[3]): Kpi => ({ id, label, unit: '件', ...readPersonal(guard, guard.coord, 'both', measure) });
  return [
    { id: 'openings', label: '起業人募集の掲載', value: o.published, suppressed: false, unit: '件' },
    { id: 'solutions', label: 'ソリューションの掲載', value: s.published, suppressed: false, unit: '件' },
    p('applications', '応募・打診', 'applications'),
    p('conversations', '会話', 'cv_total'),
    p('concluded', '締結', 'ap_reached_concluded'),
    { id: 'unanswered', label: '30日以上応募のない募集', value: o.unanswered_30d, suppressed: false, unit: '件' },
    p('inquiries', '対象要件の警告（問い合わせとして送信）', 'inquiries'),
    { id: 'reply', label: '初回返信までの時間（中央値）', ...reply!.median, unit: '時間' },
    { id: 'agreement', label: '合意までの日数（中央値）', ...agreement!.median, unit: '日' },
  ];
}

export interface Dashboard {
  filters: MonitoringFilters;
  errors: FilterErrors;
  refreshedAt: string;
  /** false when the view's filters allow no counts of people (see viewCoord) */
  personalShown: boolean;
  kpis: Kpi[];
  tables: MonitoringTable[];
  map: DashboardMap;
  charts: Chart[];
  months: string[];
}

/** Everything the dashboard page shows, from the summary only: counts, never a message or an agreement text. */
export async function buildDashboard(
  db: Kysely<Database>,
  filters: MonitoringFilters,
  opts: { now?: Date; errors?: FilterErrors; onError?: (e: unknown) => void; charts?: boolean } = {},
): Promise<Dashboard> {
  const now = opts.now ?? new Date();
  const refreshedAt = await ensureSummary(db, now, opts.onError ?? (() => {}));
  const [agg, guard] = await Promise.all([loadAggregates(db, filters), viewProtection(db, filters, refreshedAt)]);
  const funnel = protectedFunnel(both(agg.totals), guard);
  const tables = buildTables(agg, filters, guard);
  return {
    filters,
    errors: opts.errors ?? {},
    refreshedAt: refreshedAt.toISOString(),
    personalShown: guard.coord !== null,
    kpis: buildKpis(agg, guard),
    tables,
    map: buildMap(agg, filters, guard),
    charts:
      opts.charts === false
        ? []
        : await renderCharts(
            agg,
            filters,
            funnel.map((f) => ({ label: f.label, count: f.protectedCount.value, text: f.protectedCount.suppressed ? (f.protectedCount.hiddenText ?? '3未満') : String(f.protectedCount.value) })),
            tables,
          ),
    months: monthsBetween(filters.from, filters.to),
  };
}

/** One table of a view, for the CSV and XLSX exports. */
export async function buildTable(db: Kysely<Database>, filters: MonitoringFilters, id: MonitoringTable['id'], now = new Date()) {
  const refreshedAt = await ensureSummary(db, now, () => {});
  const [agg, guard] = await Promise.all([loadAggregates(db, filters), viewProtection(db, filters, refreshedAt)]);
  return { table: buildTables(agg, filters, guard).find((t) => t.id === id)!, refreshedAt };
}

/** Fiscal years offered in the filter: from the programme's first year on the platform to next year. */
export function fiscalYearOptions(now: Date): number[] {
  const current = fiscalYearOf(monthKeyOf(now) + '-01');
  const years: number[] = [];
  for (let y = current + 1; y >= FIRST_FISCAL_YEAR; y -= 1) years.push(y);
  return years;
}
