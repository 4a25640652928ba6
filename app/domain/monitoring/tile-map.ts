import { PREFECTURES } from '../listings/prefectures';

/**
 * A tile-grid map of Japan: one equal square per prefecture, placed to keep neighbours next to each
 * other, so a small prefecture is as visible as Hokkaido. Columns run west→east, rows north→south.
 */
const TILES: Record<string, [number, number]> = {
  '01': [12, 0], '02': [12, 1], '05': [11, 2], '03': [12, 2], '06': [11, 3], '04': [12, 3],
  '17': [8, 4], '16': [9, 4], '15': [10, 4], '07': [11, 4],
  '18': [7, 5], '21': [8, 5], '20': [9, 5], '10': [10, 5], '09': [11, 5], '08': [12, 5],
  '32': [3, 6], '31': [4, 6], '28': [5, 6], '26': [6, 6], '25': [7, 6], '23': [8, 6], '19': [9, 6], '11': [10, 6], '13': [11, 6], '12': [12, 6],
  '35': [2, 7], '34': [3, 7], '33': [4, 7], '27': [5, 7], '29': [6, 7], '24': [7, 7], '22': [9, 7], '14': [11, 7],
  '41': [0, 8], '40': [1, 8], '44': [2, 8], '38': [3, 8], '37': [4, 8], '36': [5, 8], '30': [6, 8],
  '42': [0, 9], '43': [1, 9], '45': [2, 9], '39': [4, 9],
  '46': [1, 10],
  '47': [0, 11],
};

export const TILE_COLUMNS = 13;
export const TILE_ROWS = 12;

export interface Tile {
  code: string;
  name: string;
  /** short name without 都/府/県 for the tile label */
  short: string;
  x: number;
  y: number;
}

export const PREFECTURE_TILES: Tile[] = PREFECTURES.map((p) => ({
  code: p.code,
  name: p.name,
  short: p.name === '北海道' ? '北海道' : p.name.replace(/[都府県]$/, ''),
  x: TILES[p.code]![0],
  y: TILES[p.code]![1],
}));

/** Sequential blues of the Digital Agency palette, light → dark; class 0 is "none". */
export const MAP_COLOURS = ['#f1f1f4', '#c5d7fb', '#7096f8', '#3460fb', '#0031d8', '#00118f'] as const;
export const SUPPRESSED_COLOUR = '#d8d8db';

export interface MapClass {
  index: number;
  colour: string;
  /** 「1〜4」, 「0」 */
  label: string;
  min: number;
  max: number;
}

/**
 * Five equal-width classes over 1…max, plus 0 on its own (a prefecture with nothing is a finding
 * in itself). Bounds are whole numbers so the legend reads as counts.
 */
export function mapClasses(max: number): MapClass[] {
  const classes: MapClass[] = [{ index: 0, colour: MAP_COLOURS[0], label: '0', min: 0, max: 0 }];
  if (max <= 0) return classes;
  const n = Math.min(5, max);
  const step = max / n;
  let lower = 1;
  for (let i = 1; i <= n; i += 1) {
    const upper = i === n ? max : Math.max(lower, Math.floor(step * i));
    classes.push({ index: i, colour: MAP_COLOURS[i]!, label: lower === upper ? `${lower}` : `${lower}〜${upper}`, min: lower, max: upper });
    lower = upper + 1;
    if (lower > max) break;
  }
  return classes;
}

export function classOf(value: number, classes: readonly MapClass[]): MapClass {
  return classes.find((c) => value >= c.min && value <= c.max) ?? classes[classes.length - 1]!;
}

/** Dark tiles need white labels (WCAG contrast on the two darkest blues and the middle one). */
export function labelColour(index: number): string {
  return index >= 3 ? '#ffffff' : '#1a1a1c';
}
