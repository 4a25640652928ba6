import { CATEGORIES } from '../listings/categories';
import { LISTING_TYPES } from '../listings/model';
import { PREFECTURES } from '../listings/prefectures';
import { describeFilters, type MonitoringFilters } from './filters';
import { buildFunnel, type FunnelStageId } from './funnel';
import { addMeasures, both, DURATION_METRICS, emptySplit, UNKNOWN_PREF, type DurationMetric, type KindSplit, type MeasureId, type Measures } from './measures';
import { histogramTotal, percentileOfHistogram, type HistogramBin } from './percentile';
import { monthLabel, monthsBetween, type MonthKey } from './period';
import { readCell, withDim, type CellKind, type CubeCoord, type ModelMeasure, type ProtectedCube } from './protected-cube';
import { SECONDARY_TEXT, WITHHELD_TEXT } from './disclosure';
import { protectStatistic, SMALL_CELL_THRESHOLD, SUPPRESSED_TEXT, type ProtectedCount } from './small-cells';
import { ANY } from './measures';
import { formatNumber } from '../../utils/dates';

/** What the database hands the domain for one view: sums of the summary table. */
export interface DashboardAggregates {
  totals: KindSplit;
  byMonth: Record<MonthKey, KindSplit>;
  byType: Record<string, KindSplit>;
  byCategory: Record<string, KindSplit>;
  /** every prefecture, whatever the prefecture filter (the map and its table show the whole country) */
  byPref: Record<string, KindSplit>;
  durations: Record<DurationMetric, HistogramBin[]>;
}

/** A table cell: a number, a text (「3未満」 for a suppressed count) or nothing (「—」). */
export type Cell = number | string | null;

export interface TableColumn {
  key: string;
  label: string;
  /** '%' for rates (one decimal), else a unit shown in the header */
  unit?: string;
}

export interface TableRow {
  key: string;
  header: string;
  cells: Cell[];
}

export interface MonitoringTable {
  id: TableId;
  title: string;
  /** label of the row-header column */
  rowHeader: string;
  columns: TableColumn[];
  rows: TableRow[];
  total: TableRow | null;
  notes: string[];
}

export const TABLES = [
  { id: 'status', title: '状態別の件数' },
  { id: 'funnel', title: 'マッチングのファネル' },
  { id: 'durations', title: '初回返信・合意までの期間' },
  { id: 'proposals', title: 'マッチング提案' },
  { id: 'by-type', title: '類型別' },
  { id: 'by-category', title: '分野別' },
  { id: 'by-prefecture', title: '都道府県別' },
  { id: 'by-month', title: '月別' },
] as const;
export type TableId = (typeof TABLES)[number]['id'];
export const TABLE_IDS = TABLES.map((t) => t.id) as TableId[];

export function isTableId(id: string): id is TableId {
  return (TABLE_IDS as string[]).includes(id);
}

const SMALL_NOTE = `応募・会話・協定等の人に関わる件数は、${SMALL_CELL_THRESHOLD}件未満を「${SUPPRESSED_TEXT}」と表示し、合計や他の表・絞り込みとの差から逆算できないよう、必要な欄を「${SECONDARY_TEXT}」として伏せています（どの表・出力でも同じ欄を伏せます）。`;
const WITHHELD_NOTE = `人に関わる件数は、年度または1か月の期間で、月・類型・分野・都道府県のうち1つまでを絞り込んだときに表示します。それ以外の絞り込みでは「${WITHHELD_TEXT}」とします。`;

/**
 * How a view reads counts of people: its coordinate in the protected cube (null when the view
 * may show none) and the cube. Every table, chart, map and export of the view reads through it.
 */
export interface ViewProtection {
  cube: ProtectedCube | null;
  coord: CubeCoord | null;
}

export function readPersonal(p: ViewProtection, c: CubeCoord | null, kind: CellKind, measure: ModelMeasure): ProtectedCount {
  return readCell(p.cube, c, kind, measure);
}
const OVERLAP_NOTE = '募集・ソリューションは複数の類型・分野を選べるため、各行の合計は総数と一致しません。';

const cell = (p: ProtectedCount): Cell => (p.suppressed ? (p.hiddenText ?? SUPPRESSED_TEXT) : p.value);
const rate1 = (r: number | null): Cell => (r === null ? null : Math.round(r * 1000) / 10);

function statusTable(agg: DashboardAggregates, guard: ViewProtection): MonitoringTable {
  const groups: { entity: string; personal: boolean; rows: [MeasureId | 'cv_unreplied', string][]; total: MeasureId }[] = [
    {
      entity: '掲載',
      personal: false,
      rows: [['st_draft', '下書き'], ['st_open', '募集中'], ['st_expired', '締切'], ['st_filled', '決定により終了'], ['st_withdrawn', '取り下げ']],
      total: 'listings',
    },
    {
      entity: '応募',
      personal: true,
      rows: [['ap_applied', '応募済'], ['ap_dialogue', '対話中'], ['ap_interview', '面談調整中'], ['ap_agreed', '合意'], ['ap_preparing', '協定・契約準備'], ['ap_concluded', '締結済'], ['ap_withdrawn', '辞退'], ['ap_declined', '見送り']],
      total: 'applications',
    },
    { entity: '会話', personal: true, rows: [['cv_replied', '返信あり'], ['cv_unreplied', '返信待ち']], total: 'cv_total' },
    { entity: '協定書・契約書', personal: true, rows: [['ag_drafting', '作成中'], ['ag_agreed', '双方合意済み'], ['ag_concluded', '締結済']], total: 'ag_total' },
  ];
  const read = (m: Measures, id: MeasureId | 'cv_unreplied') => (id === 'cv_unreplied' ? m.cv_total - m.cv_replied : m[id]);
  const sources = [agg.totals.opening, agg.totals.solution, both(agg.totals)];
  const kinds: CellKind[] = ['opening', 'solution', 'both'];
  const rows: TableRow[] = [];
  for (const g of groups) {
    const columns = sources.map((m, k) => {
      if (!g.personal) return [...g.rows.map(([id]) => read(m, id)), m[g.total]].map((value) => ({ value, suppressed: false }));
      return [...g.rows.map(([id]) => id), g.total].map((id) => readPersonal(guard, guard.coord, kinds[k]!, id));
    });
    [...g.rows, [g.total, '合計'] as const].forEach(([id, label], i) => {
      rows.push({ key: `${g.entity}:${id}`, header: `${g.entity}：${label}`, cells: columns.map((c) => cell(c[i]!)) });
    });
  }
  const inquiries = kinds.map((k) => cell(readPersonal(guard, guard.coord, k, 'inquiries')));
  rows.push({ key: 'inquiries', header: '対象要件の警告：問い合わせとして送信', cells: inquiries });
  return {
    id: 'status',
    title: '状態別の件数',
    rowHeader: '区分：状態',
    columns: [{ key: 'opening', label: '起業人募集' }, { key: 'solution', label: 'ソリューション' }, { key: 'all', label: '合計' }],
    rows,
    total: null,
    notes: [
      '掲載は掲載日（下書きは作成日）、応募・会話・協定書等は応募日で期間に含めます。状態は集計時点のものです。',
      '応募の「ソリューション」列は、自治体からソリューションへの打診（スカウト）です。',
      SMALL_NOTE,
      WITHHELD_NOTE,
    ],
  };
}

export function funnelCounts(m: Measures): Record<FunnelStageId, number> {
  return { published: m.published, applied: m.fn_applied, in_dialogue: m.fn_dialogue, agreed: m.fn_agreed, concluded: m.fn_concluded };
}

const FUNNEL_MEASURES: Record<FunnelStageId, ModelMeasure | null> = { published: null, applied: 'fn_applied', in_dialogue: 'fn_dialogue', agreed: 'fn_agreed', concluded: 'fn_concluded' };

/** The funnel with counts of people read from the protected cube; a rate is hidden whenever a count it is computed from is. */
export function protectedFunnel(m: Measures, guard: ViewProtection) {
  const steps = buildFunnel(funnelCounts(m));
  const counts = steps.map((s): ProtectedCount => {
    const measure = FUNNEL_MEASURES[s.id];
    return measure ? readPersonal(guard, guard.coord, 'both', measure) : { value: s.count, suppressed: false };
  });
  return steps.map((s, i) => ({
    ...s,
    protectedCount: counts[i]!,
    rateFromPrevious: i === 0 || counts[i]!.suppressed || counts[i - 1]!.suppressed ? null : s.rateFromPrevious,
    rateFromStart: i === 0 || counts[i]!.suppressed ? null : s.rateFromStart,
  }));
}

function funnelTable(agg: DashboardAggregates, guard: ViewProtection): MonitoringTable {
  const steps = protectedFunnel(both(agg.totals), guard);
  return {
    id: 'funnel',
    title: 'マッチングのファネル',
    rowHeader: '段階',
    columns: [{ key: 'count', label: '募集・ソリューション数' }, { key: 'fromPrevious', label: '前段階からの移行率', unit: '%' }, { key: 'fromStart', label: '掲載からの到達率', unit: '%' }],
    rows: steps.map((s) => ({ key: s.id, header: s.label, cells: [cell(s.protectedCount), rate1(s.rateFromPrevious), rate1(s.rateFromStart)] })),
    total: null,
    notes: ['期間内に掲載された募集・ソリューションのうち、少なくとも1件の応募がその段階に達したものの数です。', SMALL_NOTE, WITHHELD_NOTE],
  };
}

export interface DurationSummary {
  metric: DurationMetric;
  label: string;
  unit: string;
  records: ProtectedCount;
  median: ProtectedCount;
  p90: ProtectedCount;
}

const DURATION_COUNT: Record<DurationMetric, ModelMeasure> = { reply_hours: 'du_reply', agreement_days: 'du_agreement' };

/** A median or percentile is shown only with its record count, and only over at least 3 records. */
export function summariseDurations(agg: DashboardAggregates, guard: ViewProtection): DurationSummary[] {
  return DURATION_METRICS.map((d) => {
    const bins = agg.durations[d.id] ?? [];
    const n = histogramTotal(bins);
    const records = readPersonal(guard, guard.coord, 'both', DURATION_COUNT[d.id]);
    const stat = (value: number | null): ProtectedCount => (records.suppressed ? { ...records } : protectStatistic(value, n));
    return {
      metric: d.id,
      label: d.label,
      unit: d.unit,
      records,
      median: stat(percentileOfHistogram(bins, 50)),
      p90: stat(percentileOfHistogram(bins, 90)),
    };
  });
}

function durationsTable(agg: DashboardAggregates, guard: ViewProtection): MonitoringTable {
  return {
    id: 'durations',
    title: '初回返信・合意までの期間',
    rowHeader: '指標',
    columns: [{ key: 'records', label: '件数' }, { key: 'median', label: '中央値' }, { key: 'p90', label: '90パーセンタイル' }],
    rows: summariseDurations(agg, guard).map((d) => ({
      key: d.metric,
      header: `${d.label}（${d.unit}）`,
      cells: [cell(d.records), cell(d.median), cell(d.p90)],
    })),
    total: null,
    notes: [
      '初回返信は応募から相手側の最初の返信まで（切り捨てて時間単位）、合意は応募から合意まで（切り捨てて日単位）。応募日で期間に含めます。',
      `中央値・90パーセンタイルは最近順位法（観測値のうち累積件数が順位に達した最小の値）です。${SMALL_CELL_THRESHOLD}件未満のときは表示しません。`,
    ],
  };
}

const PROPOSAL_ROWS: { measure: ModelMeasure; label: string }[] = [
  { measure: 'pr_shown', label: '提案が表示された組み合わせ' },
  { measure: 'pr_acted', label: '提案から応募・スカウトに進んだ' },
  { measure: 'pr_applied', label: '提案から応募・スカウトが届いた' },
];

/** Proposals shown → acted on → applications, counts of organisation × pairing read from the protected cube. */
function proposalsTable(guard: ViewProtection): MonitoringTable {
  const counts = PROPOSAL_ROWS.map((r) => readPersonal(guard, guard.coord, 'both', r.measure));
  return {
    id: 'proposals',
    title: 'マッチング提案',
    rowHeader: '段階',
    columns: [{ key: 'count', label: '件数' }, { key: 'fromPrevious', label: '前段階からの移行率', unit: '%' }],
    rows: PROPOSAL_ROWS.map((r, i) => {
      const c = counts[i]!;
      const prev = i > 0 ? counts[i - 1]! : null;
      const rate = prev && !c.suppressed && !prev.suppressed && prev.value ? c.value! / prev.value : null;
      return { key: r.measure, header: r.label, cells: [cell(c), rate1(rate)] };
    }),
    total: null,
    notes: [
      '組織ごとの募集×ソリューションの組み合わせの数です。表示は最初に提案が表示された月、類型・分野・都道府県は起業人募集のものです。',
      '「応募・スカウトが届いた」は、提案から進んだ後に、その二者の間で応募またはスカウトが送られたものです。',
      SMALL_NOTE,
      WITHHELD_NOTE,
    ],
  };
}

interface BreakdownColumn {
  key: string;
  label: string;
  read: (s: KindSplit) => number;
  /** the cube measure of a count of people (read from the protected cube), null for public counts */
  measure: ModelMeasure | null;
}
const BREAKDOWN_COLUMNS: BreakdownColumn[] = [
  { key: 'openings', label: '起業人募集の掲載', read: (s) => s.opening.published, measure: null },
  { key: 'solutions', label: 'ソリューションの掲載', read: (s) => s.solution.published, measure: null },
  { key: 'applications', label: '応募', read: (s) => s.opening.applications + s.solution.applications, measure: 'applications' },
  { key: 'dialogue', label: '対話以降', read: (s) => s.opening.ap_reached_dialogue + s.solution.ap_reached_dialogue, measure: 'ap_reached_dialogue' },
  { key: 'agreed', label: '合意以降', read: (s) => s.opening.ap_reached_agreed + s.solution.ap_reached_agreed, measure: 'ap_reached_agreed' },
  { key: 'concluded', label: '締結', read: (s) => s.opening.ap_reached_concluded + s.solution.ap_reached_concluded, measure: 'ap_reached_concluded' },
  { key: 'inquiries', label: '対象要件の警告', read: (s) => s.opening.inquiries + s.solution.inquiries, measure: 'inquiries' },
  { key: 'unanswered', label: '30日以上応募のない募集', read: (s) => s.opening.unanswered_30d, measure: null },
];
const EVENT_COLUMNS: BreakdownColumn[] = [
  { key: 'agreedInMonth', label: 'その月の合意', read: (s) => s.opening.ev_agreed + s.solution.ev_agreed, measure: 'ev_agreed' },
  { key: 'concludedInMonth', label: 'その月の締結', read: (s) => s.opening.ev_concluded + s.solution.ev_concluded, measure: 'ev_concluded' },
];

function breakdown(
  id: TableId,
  title: string,
  rowHeader: string,
  entries: { key: string; header: string; split: KindSplit; coord: CubeCoord | null }[],
  total: { split: KindSplit; coord: CubeCoord | null },
  guard: ViewProtection,
  notes: string[],
  columns = BREAKDOWN_COLUMNS,
): MonitoringTable {
  const read = (c: BreakdownColumn, split: KindSplit, coord: CubeCoord | null): ProtectedCount =>
    c.measure ? readPersonal(guard, coord, 'both', c.measure) : { value: c.read(split), suppressed: false };
  return {
    id,
    title,
    rowHeader,
    columns: columns.map((c) => ({ key: c.key, label: c.label })),
    rows: entries.map((e) => ({ key: e.key, header: e.header, cells: columns.map((c) => cell(read(c, e.split, e.coord))) })),
    total: { key: 'total', header: '合計', cells: columns.map((c) => cell(read(c, total.split, total.coord))) },
    notes: [...notes, SMALL_NOTE, WITHHELD_NOTE],
  };
}

const get = (record: Record<string, KindSplit>, key: string): KindSplit => record[key] ?? emptySplit();

export function prefectureEntries(agg: DashboardAggregates) {
  const entries = PREFECTURES.map((p) => ({ key: p.code, header: p.name, split: get(agg.byPref, p.code) }));
  const unknown = agg.byPref[UNKNOWN_PREF];
  if (unknown && both(unknown).listings + both(unknown).applications > 0) entries.push({ key: UNKNOWN_PREF, header: '所在地不明', split: unknown });
  return entries;
}

/** Every table of one view, in page order; the dashboard, the report and the exports all read these. */
export function buildTables(agg: DashboardAggregates, filters: MonitoringFilters, guard: ViewProtection): MonitoringTable[] {
  const prefEntries = prefectureEntries(agg);
  const nation = prefEntries.reduce<KindSplit>(
    (acc, e) => ({ opening: addMeasures(acc.opening, e.split.opening), solution: addMeasures(acc.solution, e.split.solution) }),
    emptySplit(),
  );
  const scope = `対象：${describeFilters(filters)}`;
  const c = guard.coord;
  const totals = { split: agg.totals, coord: c };
  return [
    withNote(statusTable(agg, guard), scope),
    withNote(funnelTable(agg, guard), scope),
    withNote(durationsTable(agg, guard), scope),
    withNote(proposalsTable(guard), scope),
    breakdown('by-type', '類型別', '類型', LISTING_TYPES.map((t) => ({ key: t.id, header: t.label, split: get(agg.byType, t.id), coord: withDim(c, 'type', t.id) })), totals, guard, [scope, OVERLAP_NOTE]),
    breakdown(
      'by-category',
      '分野別',
      '分野',
      CATEGORIES.map((x) => ({ key: x.id, header: x.label, split: get(agg.byCategory, x.id), coord: withDim(c, 'category', x.id) })),
      totals,
      guard,
      [scope, OVERLAP_NOTE],
    ),
    breakdown(
      'by-prefecture',
      '都道府県別',
      '都道府県',
      prefEntries.map((e) => ({ ...e, coord: withDim(c, 'pref', e.key) })),
      { split: nation, coord: withDim(c, 'pref', ANY) },
      guard,
      [
        `${scope.replace(/・[^・]+$/, '・全国')}（都道府県の絞り込みにかかわらず全都道府県を表示）`,
        '起業人募集は募集する自治体の所在地、ソリューションは掲載者の所在地で数えます。',
      ],
    ),
    breakdown(
      'by-month',
      '月別',
      '月',
      monthsBetween(filters.from, filters.to).map((m) => ({ key: m, header: monthLabel(m), split: get(agg.byMonth, m), coord: withDim(c, 'period', m) })),
      totals,
      guard,
      [scope, '「その月の合意」「その月の締結」は、その月に合意・締結したものの数です（それ以外の列は掲載日・応募日の月）。'],
      [...BREAKDOWN_COLUMNS, ...EVENT_COLUMNS],
    ),
  ];
}

function withNote(t: MonitoringTable, note: string): MonitoringTable {
  return { ...t, notes: [note, ...t.notes] };
}

/** A cell as shown on a page: 1,234 / 45.7% / 3未満 / — */
export function formatCell(value: Cell, column?: TableColumn): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (column?.unit === '%') return `${value.toFixed(1)}%`;
  return formatNumber(value);
}

/** Header row and body rows as plain values, for CSV and XLSX (numbers stay numbers). */
export function tableMatrix(table: MonitoringTable): Cell[][] {
  const header: Cell[] = [table.rowHeader, ...table.columns.map((c) => (c.unit ? `${c.label}（${c.unit}）` : c.label))];
  const body = [...table.rows, ...(table.total ? [table.total] : [])].map((r) => [r.header, ...r.cells]);
  return [header, ...body];
}
