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
/**
 * マッチング提案, counted per organisation and pairing (opening × solution): shown to it at least
 * once, acted on (応募 / スカウト from the proposal), and followed by an application or scout
 * between the two sides after it was acted on. Placed by the month first shown and by the
 * opening's types, categories and prefecture.
 */
export const PROPOSAL_MEASURES = ['pr_shown', 'pr_acted', 'pr_applied'] as const;
export type ProposalMeasure = (typeof PROPOSAL_MEASURES)[number];
export type ModelMeasure = MeasureId | (typeof DERIVED_MEASURES)[number] | (typeof DURATION_COUNTS)[number] | ProposalMeasure;
/** What a breakdown table (one more dimension fixed) shows. */
export const BREAKDOWN_MEASURES: ModelMeasure[] = ['applications', 'ap_reached_dialogue', 'ap_reached_agreed', 'ap_reached_concluded', 'inquiries'];
/** Only the month table shows the events of the month. */
export const EVENT_MEASURES: ModelMeasure[] = ['ev_agreed', 'ev_concluded'];

const STATUS_GROUPS: [ModelMeasure, ModelMeasure[]][] = [
  ['applications', ['ap_applied', 'ap_dialogue', 'ap_interview', 'ap_agreed', 'ap_preparing', 'ap_concluded', 'ap_withdrawn', 'ap_declined']],
  ['cv_total', ['cv_replied', 'cv_unreplied']],
  ['ag_total', ['ag_drafting', 'ag_agreed', 'ag_concluded']],
];

/**
 * A group of records behind the counts of people: records that share their month, kind,
 * prefecture, categories, types and the set of measures they count in (monitoring_records).
 * Duration and proposal records have kind '*' (they count only in both kinds together).
 */
export interface CubeRecord {
  month: MonthKey;
  kind: 'opening' | 'solution' | '*';
  family: string;
  pref: string;
  cats: readonly string[];
  types: readonly string[];
  measures: readonly string[];
  n: number;
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
  if (n <= 1) return kind === 'both' ? [...PERSONAL_MEASURES, ...DERIVED_MEASURES, ...DURATION_COUNTS, ...PROPOSAL_MEASURES] : [...PERSONAL_MEASURES, ...DERIVED_MEASURES];
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

export const MODEL_MEASURES: ModelMeasure[] = [...PERSONAL_MEASURES, ...DERIVED_MEASURES, ...DURATION_COUNTS, ...PROPOSAL_MEASURES];
const KINDS: CellKind[] = ['opening', 'solution', 'both'];
const coordKey = (c: CubeCoord) => `${c.period}|${c.type}|${c.category}|${c.pref}`;

/*
 * Which records a cell counts, as a fingerprint: the sum over its records of n × a random weight,
 * modulo two primes. Equal record sets have equal fingerprints, and the fingerprint of a union of
 * disjoint sets is the sum of theirs, so "cell A less cell B counts exactly the records of hidden
 * cell H" is found by looking up fingerprint(A) − fingerprint(H) among the shown cells.
 * (Unequal sets collide with a chance of about 1 in 2·10¹⁸; a collision only hides one cell more.)
 */
const P1 = 2_147_483_647;
const P2 = 1_000_000_007;
function weights(seed: number) {
  let t = seed >>> 0;
  const next = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  return () => [1 + Math.floor(next() * (P1 - 1)), 1 + Math.floor(next() * (P2 - 1))] as const;
}

/**
 * Builds every cell of one fiscal year from its records and suppresses them together:
 * the relations between cells (totals and parts, kinds, a status and its states) and, over the
 * records themselves, every pair of shown cells, whatever their view or measure.
 */
export function buildProtectedCube(fiscalYear: number, records: readonly CubeRecord[]): ProtectedCube {
  const months = fiscalYearMonths(fiscalYear);
  const allCoords = [...coords(fiscalYear)];
  const coordIndex = new Map(allCoords.map((c, i) => [coordKey(c), i]));
  const NM = MODEL_MEASURES.length;
  const measureIndex = new Map<string, number>(MODEL_MEASURES.map((m, i) => [m, i]));
  const size = allCoords.length * KINDS.length * NM;
  const published = new Uint8Array(size);
  const keys: string[] = new Array(size);
  allCoords.forEach((c, ci) => {
    KINDS.forEach((kind, ki) => {
      for (const m of measuresOf(c, kind)) {
        const idx = (ci * KINDS.length + ki) * NM + measureIndex.get(m)!;
        published[idx] = 1;
        keys[idx] = cellKey(c, kind, m);
      }
    });
  });

  const inYear = records.filter((r) => months.includes(r.month));
  /** calls `cell` with every published cell that counts the records of `r` */
  const cellsOf = (r: CubeRecord, cell: (idx: number) => void) => {
    const ms = r.measures.map((m) => measureIndex.get(m)).filter((m): m is number => m !== undefined);
    if (!ms.length) return;
    const kinds = r.kind === '*' ? [2] : [KINDS.indexOf(r.kind), 2];
    for (const period of [r.month, FY])
      for (const type of [ANY, ...r.types])
        for (const category of [ANY, ...r.cats])
          for (const pref of [ANY, r.pref]) {
            const c = { period, type, category, pref };
            if (fixedDims(c).length > 2) continue;
            const ci = coordIndex.get(coordKey(c));
            if (ci === undefined) continue;
            for (const ki of kinds)
              for (const mi of ms) {
                const idx = (ci * KINDS.length + ki) * NM + mi;
                if (published[idx]) cell(idx);
              }
          }
  };
  const value = new Float64Array(size);
  const h1 = new Float64Array(size);
  const h2 = new Float64Array(size);
  const firstRecord = new Int32Array(size).fill(-1);
  const activeMonths = new Set<MonthKey>();
  const nextWeight = weights(fiscalYear);
  inYear.forEach((r, ri) => {
    const [w1, w2] = nextWeight();
    const n = Number(r.n);
    if (r.family !== 'duration' && n > 0) activeMonths.add(r.month);
    cellsOf(r, (idx) => {
      value[idx] += n;
      h1[idx] = (h1[idx]! + ((n * w1) % P1)) % P1;
      h2[idx] = (h2[idx]! + ((n * w2) % P2)) % P2;
      if (firstRecord[idx] === -1) firstRecord[idx] = ri;
    });
  });

  const values = new Map<string, number>();
  const indexOfKey = new Map<string, number>();
  for (let idx = 0; idx < size; idx += 1) {
    if (!published[idx]) continue;
    values.set(keys[idx]!, value[idx]!);
    indexOfKey.set(keys[idx]!, idx);
  }
  const groups: CellGroup[] = [];
  for (const c of allCoords) {
    const fixed = fixedDims(c);
    if (fixed.length > 1) continue;
    for (const kind of KINDS) {
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

  let states = suppressCells(values, groups, () => true);
  const fingerprint = (idx: number) => `${h1[idx]},${h2[idx]}`;
  const EMPTY = '0,0';
  /**
   * Hides, for every hidden cell H with records and every shown cell A counting them all, A or the
   * shown cells B with A − B = H (as record sets). Returns how many cells it hid.
   */
  const hidePairs = (): number => {
    const shownBy = new Map<string, number[]>();
    for (const [key, idx] of indexOfKey) {
      if (states.has(key) || value[idx] === 0) continue;
      const f = fingerprint(idx);
      const list = shownBy.get(f);
      if (list) list.push(idx);
      else shownBy.set(f, [idx]);
    }
    let hid = 0;
    const hide = (f: string) => {
      for (const idx of shownBy.get(f) ?? []) {
        states.set(keys[idx]!, 'secondary');
        hid += 1;
      }
      shownBy.delete(f);
    };
    for (const [key, h] of indexOfKey) {
      if (!states.has(key) || value[h] === 0) continue;
      const r = firstRecord[h]!;
      const containing: number[] = [];
      cellsOf(inYear[r]!, (a) => {
        if (a !== h && !states.has(keys[a]!) && value[a]! >= value[h]!) containing.push(a);
      });
      for (const a of containing) {
        if (states.has(keys[a]!)) continue;
        const fa = fingerprint(a);
        const rest = `${(h1[a]! - h1[h]! + P1) % P1},${(h2[a]! - h2[h]! + P2) % P2}`;
        if (rest === EMPTY) hide(fa);
        else if (shownBy.has(rest)) {
          // hide the side shown in fewer cells (the smaller one when even)
          if ((shownBy.get(rest)!.length) <= (shownBy.get(fa)?.length ?? 0)) hide(rest);
          else hide(fa);
        }
      }
    }
    return hid;
  };
  for (let round = 0; round < 50 && hidePairs() > 0; round += 1) states = suppressCells(values, groups, () => true, states);

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
      return values.has(key) ? (states.get(key) ?? 'shown') : null;
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
