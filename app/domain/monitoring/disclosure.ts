/**
 * Small cells across every view. Each view of the dashboard, the report and the exports is a
 * slice of one cube (fiscal year or month × type × category × prefecture × kind), so suppression
 * is decided once, on every cell any view can show, and every view reads the same decision:
 *
 * - primary: a count of people between 1 and 2 is 「3未満」;
 * - secondary: in every published total and its parts (a row or column with its total, opening +
 *   solution = both, a status breakdown and its total) each hidden cell must keep at least two
 *   possible values given the shown numbers and the labels (「3未満」 is 1 or 2, 「秘匿」 any value),
 *   otherwise another cell of that group is hidden as 「秘匿」;
 * - across measures and views: no hidden cell counts exactly the records of one shown cell less
 *   those of another (or of one shown cell alone), whatever their measures and views; one of the
 *   two is hidden as 「秘匿」 (protected-cube.ts compares the record sets behind the cells);
 * - views that would show cells outside the cube (two or more of month/type/category/prefecture
 *   narrowed at once, or a period that is neither a fiscal year nor one month) show no counts of
 *   people at all.
 */
import { SMALL_CELL_THRESHOLD } from './small-cells';

export const SECONDARY_TEXT = '秘匿';
export const WITHHELD_TEXT = '非表示';

export type CellState = 'shown' | 'small' | 'secondary';

/** One linear relation between published cells: parent = Σ children (for overlapping dimensions, at most). */
export interface CellGroup {
  parent: string;
  children: string[];
}

const INF = Number.POSITIVE_INFINITY;

function bounds(state: CellState, value: number): [number, number] {
  if (state === 'shown') return [value, value];
  if (state === 'small') return [1, SMALL_CELL_THRESHOLD - 1];
  return [0, INF];
}

/**
 * True when, knowing the group's relation and every shown value, some hidden member of the group
 * has only one possible value (the check assumes the reader also knows how far the children's sum
 * exceeds the parent on an overlapping dimension, so it errs on the safe side).
 */
export function groupDiscloses(group: CellGroup, value: (key: string) => number, state: (key: string) => CellState): boolean {
  const members = [{ key: group.parent, coef: -1 }, ...group.children.map((key) => ({ key, coef: 1 }))];
  const k = members.reduce((s, m) => s + m.coef * value(m.key), 0);
  const terms = members.map((m) => {
    const [lo, hi] = bounds(state(m.key), value(m.key));
    return m.coef > 0 ? { ...m, lo, hi } : { ...m, lo: -hi, hi: -lo };
  });
  let lo = 0;
  let hi = 0;
  let loInf = 0;
  let hiInf = 0;
  for (const t of terms) {
    if (t.lo === -INF) loInf += 1;
    else lo += t.lo;
    if (t.hi === INF) hiInf += 1;
    else hi += t.hi;
  }
  for (const t of terms) {
    if (state(t.key) === 'shown') continue;
    // the others' sum, without this member
    const oLo = t.lo === -INF ? (loInf > 1 ? -INF : lo) : loInf > 0 ? -INF : lo - t.lo;
    const oHi = t.hi === INF ? (hiInf > 1 ? INF : hi) : hiInf > 0 ? INF : hi - t.hi;
    // coef·x = k − others
    const a = k - oHi;
    const b = k - oLo;
    const [xLo, xHi] = t.coef > 0 ? [a, b] : [-b, -a];
    const [own0, own1] = bounds(state(t.key), value(t.key));
    const from = Math.max(xLo, own0);
    const to = Math.min(xHi, own1);
    if (to - from < 1) return true;
  }
  return false;
}

/**
 * Primary and secondary suppression over every cell of the cube. `personal` says which cells
 * count people (others are always shown). Hides the fewest-people cells first; a group whose
 * members are all hidden and still discloses has one of its 「3未満」 parts relabelled 「秘匿」.
 */
export function suppressCells(
  values: ReadonlyMap<string, number>,
  groups: readonly CellGroup[],
  personal: (key: string) => boolean,
  /** cells hidden already (kept hidden, and their groups checked again) */
  initial?: ReadonlyMap<string, CellState>,
): Map<string, CellState> {
  const state = new Map<string, CellState>(initial ?? []);
  const value = (key: string) => values.get(key) ?? 0;
  const stateOf = (key: string): CellState => state.get(key) ?? 'shown';
  for (const [key, v] of values) if (!state.has(key) && personal(key) && v > 0 && v < SMALL_CELL_THRESHOLD) state.set(key, 'small');

  const groupsOf = new Map<string, number[]>();
  groups.forEach((g, i) => {
    for (const key of [g.parent, ...g.children]) {
      let list = groupsOf.get(key);
      if (!list) groupsOf.set(key, (list = []));
      list.push(i);
    }
  });
  const queued = new Set<number>();
  const queue: number[] = [];
  const enqueueCell = (key: string) => {
    for (const i of groupsOf.get(key) ?? []) {
      if (!queued.has(i)) {
        queued.add(i);
        queue.push(i);
      }
    }
  };
  for (const key of state.keys()) enqueueCell(key);

  while (queue.length) {
    const i = queue.shift()!;
    queued.delete(i);
    const g = groups[i]!;
    let guard = 0;
    while (groupDiscloses(g, value, stateOf) && guard++ < g.children.length + 2) {
      const pick = choose(g, value, stateOf, personal);
      if (!pick) break;
      state.set(pick.key, pick.state);
      enqueueCell(pick.key);
    }
  }
  return state;
}

function choose(g: CellGroup, value: (k: string) => number, state: (k: string) => CellState, personal: (k: string) => boolean): { key: string; state: CellState } | null {
  const shownChildren = g.children.filter((k) => state(k) === 'shown' && personal(k));
  const smallest = (keys: string[]) => keys.reduce<string | null>((best, k) => (best === null || value(k) < value(best) ? k : best), null);
  const positive = smallest(shownChildren.filter((k) => value(k) > 0));
  if (positive) return { key: positive, state: 'secondary' };
  if (state(g.parent) === 'shown' && personal(g.parent) && value(g.parent) > 0) return { key: g.parent, state: 'secondary' };
  const small = g.children.find((k) => state(k) === 'small');
  if (small) return { key: small, state: 'secondary' };
  if (state(g.parent) === 'small') return { key: g.parent, state: 'secondary' };
  const zero = shownChildren[0];
  return zero ? { key: zero, state: 'secondary' } : null;
}
