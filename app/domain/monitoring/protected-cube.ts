import { CATEGORY_IDS } from '../listings/categories';
import { LISTING_TYPE_IDS } from '../listings/model';
import { PREF_CODES } from '../listings/prefectures';
import { suppressCells, SECONDARY_TEXT, WITHHELD_TEXT, type CellGroup, type CellState } from './disclosure';
import { ANY, MEASURES, UNKNOWN_PREF, type MeasureId } from './measures';
import { fiscalYearMonths, fiscalYearOfMonth, type MonthKey } from './period';
import { SUPPRESSED_TEXT, type ProtectedCount } from './small-cells';

/**
 * The cube every view is cut from, for one fiscal year: period (the year 'FY' or one month) ×
 * type × category × prefecture, each fixed to a member or '*', and the kind of listing. A view
 * fixes at most one of the four; its breakdown tables fix one more. So the cells any view can
 * show are the cube's cells with at most two dimensions fixed, and they are suppressed together.
 */
export type CubeDim = 'period' | 'type' | 'category' | 'pref';
export interface CubeCoord {
  /** 'FY' for the whole fiscal year, else a month of it */
  period: string;
  type: string;
  category: string;
  pref: string;
}
export type CellKind = 'opening' | 'solution' | 'both';

export const FY = 'FY';
/** Personal measures of the summary table (counts of people, or of listings people applied to). */
export const PERSONAL_MEASURES = MEASURES.filter((m) => m.personal).map((m) => m.id) as MeasureId[];
export const DERIVED_MEASURES = ['cv_unreplied'] as const;
export const DURATION_COUNTS = ['du_reply', 'du_agreement'] as const;
export type ModelMeasure = MeasureId | (typeof DERIVED_MEASURES)[number] | (typeof DURATION_COUNTS)[number];
/** What a breakdown table (one more dimension fixed) shows. */
export const BREAKDOWN_MEASURES: ModelMeasure[] = ['applications', 'ap_reached_dialogue', 'ap_reached_agreed', 'ap_reached_concluded', 'inquiries'];
/** Only the month table shows the events of the month. */
export const EVENT_MEASURES: ModelMeasure[] = ['ev_agreed', 'ev_concluded'];

const STATUS_GROUPS: [ModelMeasure, ModelMeasure[]][] = [
  ['applications', ['ap_applied', 'ap_dialogue', 'ap_interview', 'ap_agreed', 'ap_preparing', 'ap_concluded', 'ap_withdrawn', 'ap_declined']],
  ['cv_total', ['cv_replied', 'cv_unreplied']],
  ['ag_total', ['ag_drafting', 'ag_agreed', 'ag_concluded']],
];

/** One row of the summary as the database gives it: a month and a cell with at most two of type/category/prefecture fixed. */
export interface CubeInputRow {
  month: MonthKey;
  kind: 'opening' | 'solution';
  type: string;
  category: string;
  pref: string;
  measures: Partial<Record<MeasureId, number>>;
}
/** Duration records per month and cell (at most one of type/category/prefecture fixed). */
export interface DurationCountRow {
  month: MonthKey;
  type: string;
  category: string;
  pref: string;
  du_reply: number;
  du_agreement: number;
}

export const cellKey = (c: CubeCoord, kind: CellKind, measure: ModelMeasure) => `${c.period}|${c.type}|${c.category}|${c.pref}|${kind}|${measure}`;

export function fixedDims(c: CubeCoord): CubeDim[] {
  const out: CubeDim[] = [];
  if (c.period !== FY) out.push('period');
  if (c.type !== ANY) out.push('type');
  if (c.category !== ANY) out.push('category');
  if (c.pref !== ANY) out.push('pref');
  return out;
}

function members(dim: CubeDim, fiscalYear: number): readonly string[] {
  if (dim === 'period') return fiscalYearMonths(fiscalYear);
  if (dim === 'type') return LISTING_TYPE_IDS;
  if (dim === 'category') return CATEGORY_IDS;
  return [...PREF_CODES, UNKNOWN_PREF];
}

/** The measures a cell with this coordinate and kind can show on some page or export. */
export function measuresOf(c: CubeCoord, kind: CellKind): ModelMeasure[] {
  const n = fixedDims(c).length;
  if (n <= 1) return kind === 'both' ? [...PERSONAL_MEASURES, ...DERIVED_MEASURES, ...DURATION_COUNTS] : [...PERSONAL_MEASURES, ...DERIVED_MEASURES];
  if (n === 2 && kind === 'both') return c.period !== FY ? [...BREAKDOWN_MEASURES, ...EVENT_MEASURES] : BREAKDOWN_MEASURES;
  return [];
}

function* coords(fiscalYear: number): Generator<CubeCoord> {
  const dims: CubeDim[] = ['period', 'type', 'category', 'pref'];
  const base: CubeCoord = { period: FY, type: ANY, category: ANY, pref: ANY };
  yield base;
  for (let i = 0; i < dims.length; i += 1) {
    for (const a of members(dims[i]!, fiscalYear)) {
      const one = { ...base, [dims[i]!]: a };
      yield one;
      for (let j = i + 1; j < dims.length; j += 1) for (const b of members(dims[j]!, fiscalYear)) yield { ...one, [dims[j]!]: b };
    }
  }
}

export interface ProtectedCube {
  fiscalYear: number;
  value(c: CubeCoord, kind: CellKind, measure: ModelMeasure): number;
  /** null when no view may show this cell */
  state(c: CubeCoord, kind: CellKind, measure: ModelMeasure): CellState | null;
  /** months of the year in which anything personal was recorded */
  activeMonths: Set<MonthKey>;
  size: { cells: number; groups: number; small: number; secondary: number };
}

/** Builds every cell and relation of one fiscal year and suppresses them together. */
export function buildProtectedCube(fiscalYear: number, rows: readonly CubeInputRow[], durations: readonly DurationCountRow[]): ProtectedCube {
  const months = fiscalYearMonths(fiscalYear);
  const raw = new Map<string, number>();
  const add = (key: string, v: number) => {
    if (v) raw.set(key, (raw.get(key) ?? 0) + v);
  };
  const activeMonths = new Set<MonthKey>();
  for (const r of rows) {
    if (!months.includes(r.month)) continue;
    const per = [r.month, FY];
    for (const period of per) {
      const c = { period, type: r.type, category: r.category, pref: r.pref };
      if (fixedDims(c).length > 2) continue;
      for (const m of [...PERSONAL_MEASURES]) {
        const v = Number(r.measures[m] ?? 0);
        add(cellKey(c, r.kind, m), v);
        add(cellKey(c, 'both', m), v);
        if (v && c.type === ANY && c.category === ANY && c.pref === ANY) activeMonths.add(r.month);
      }
      const unreplied = Number(r.measures.cv_total ?? 0) - Number(r.measures.cv_replied ?? 0);
      add(cellKey(c, r.kind, 'cv_unreplied'), unreplied);
      add(cellKey(c, 'both', 'cv_unreplied'), unreplied);
    }
  }
  for (const d of durations) {
    if (!months.includes(d.month)) continue;
    for (const period of [d.month, FY]) {
      const c = { period, type: d.type, category: d.category, pref: d.pref };
      if (fixedDims(c).length > 1) continue;
      add(cellKey(c, 'both', 'du_reply'), Number(d.du_reply));
      add(cellKey(c, 'both', 'du_agreement'), Number(d.du_agreement));
    }
  }

  const values = new Map<string, number>();
  const published = new Set<string>();
  const groups: CellGroup[] = [];
  const kinds: CellKind[] = ['opening', 'solution', 'both'];
  for (const c of coords(fiscalYear)) {
    for (const kind of kinds) {
      const ms = measuresOf(c, kind);
      for (const m of ms) {
        const key = cellKey(c, kind, m);
        published.add(key);
        values.set(key, raw.get(key) ?? 0);
      }
    }
  }
  for (const c of coords(fiscalYear)) {
    const fixed = fixedDims(c);
    if (fixed.length > 1) continue;
    for (const kind of kinds) {
      const ms = measuresOf(c, kind);
      // a total and its parts along each dimension not yet fixed
      for (const dim of ['period', 'type', 'category', 'pref'] as CubeDim[]) {
        if (fixed.includes(dim)) continue;
        const childCoords = members(dim, fiscalYear).map((v) => ({ ...c, [dim]: v }));
        const childMeasures = measuresOf(childCoords[0]!, kind);
        for (const m of ms) {
          if (!childMeasures.includes(m)) continue;
          groups.push({ parent: cellKey(c, kind, m), children: childCoords.map((cc) => cellKey(cc, kind, m)) });
        }
      }
      // a status and its states
      for (const [total, parts] of STATUS_GROUPS) groups.push({ parent: cellKey(c, kind, total), children: parts.map((p) => cellKey(c, kind, p)) });
    }
    // both kinds = openings + solutions
    for (const m of measuresOf(c, 'opening')) groups.push({ parent: cellKey(c, 'both', m), children: [cellKey(c, 'opening', m), cellKey(c, 'solution', m)] });
  }
  const states = suppressCells(values, groups, () => true);
  let small = 0;
  let secondary = 0;
  for (const s of states.values()) {
    if (s === 'small') small += 1;
    else if (s === 'secondary') secondary += 1;
  }
  return {
    fiscalYear,
    value: (c, kind, m) => values.get(cellKey(c, kind, m)) ?? 0,
    state: (c, kind, m) => {
      const key = cellKey(c, kind, m);
      return published.has(key) ? (states.get(key) ?? 'shown') : null;
    },
    activeMonths,
    size: { cells: values.size, groups: groups.length, small, secondary },
  };
}

/** A cell as a view shows it: the number, 「3未満」, 「秘匿」, or 「非表示」 outside the cube. */
export function readCell(cube: ProtectedCube | null, c: CubeCoord | null, kind: CellKind, measure: ModelMeasure): ProtectedCount {
  const s = cube && c ? cube.state(c, kind, measure) : null;
  if (s === null) return { value: null, suppressed: true, hiddenText: WITHHELD_TEXT };
  if (s === 'small') return { value: null, suppressed: true, hiddenText: SUPPRESSED_TEXT };
  if (s === 'secondary') return { value: null, suppressed: true, hiddenText: SECONDARY_TEXT };
  return { value: cube!.value(c!, kind, measure), suppressed: false };
}

/**
 * The cube coordinate of a view, or null when the view would show counts of people outside the
 * cube: a period that is neither one month nor a fiscal year (a part of a year counts as the
 * year when nothing personal was recorded in the months left out), or two or more of
 * month/type/category/prefecture fixed at once.
 */
export function viewCoord(
  view: { from: MonthKey; to: MonthKey; type: string | null; category: string | null; pref: string | null },
  cube: Pick<ProtectedCube, 'fiscalYear' | 'activeMonths'>,
): CubeCoord | null {
  const fy = fiscalYearOfMonth(view.from);
  if (fiscalYearOfMonth(view.to) !== fy || fy !== cube.fiscalYear) return null;
  let period: string;
  if (view.from === view.to) period = view.from;
  else {
    const outside = fiscalYearMonths(fy).filter((m) => m < view.from || m > view.to);
    if (outside.some((m) => cube.activeMonths.has(m))) return null;
    period = FY;
  }
  const c = { period, type: view.type ?? ANY, category: view.category ?? ANY, pref: view.pref ?? ANY };
  return fixedDims(c).length <= 1 ? c : null;
}

/** The same coordinate with one dimension fixed to a member (a row of a breakdown table). */
export function withDim(c: CubeCoord | null, dim: CubeDim, member: string): CubeCoord | null {
  return c ? { ...c, [dim]: member } : null;
}
