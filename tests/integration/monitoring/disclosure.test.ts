import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitoringRecords } from '../../../db/queries/monitoring';
import { seedDemoScale } from '../../../db/seed/demo-scale';
import { CATEGORY_IDS } from '../../../app/domain/listings/categories';
import { LISTING_TYPE_IDS } from '../../../app/domain/listings/model';
import { PREF_CODES } from '../../../app/domain/listings/prefectures';
import { fiscalYearMonths, parseCsv, SECONDARY_TEXT, SUPPRESSED_TEXT, tableToCsv, WITHHELD_TEXT, type MonitoringTable } from '../../../app/domain/monitoring';
import { buildDashboard, refreshSummary } from '../../../app/services/monitoring.server';
import { parseMonitoringFilters } from '../../../app/domain/monitoring';
import { createTestDb } from '../../helpers/test-db';

/*
 * The suppression audit. Over a seeded world of a few hundred applications, every view a user can
 * ask for (fiscal year, each month, parts of the year; no filter or any one type, category or
 * prefecture) is built, its tables read back from their CSV export, and every number on it is
 * written as the set of records it counts. Then every subtraction is tried: no hidden cell (「3未満」,
 * or 「秘匿」 with records) may be the records of one shown number less those of another shown
 * number (or of one shown number alone), on any two views and of any two measures.
 */

const NOW = new Date('2027-01-15T03:00:00Z');
const FY = 2026;
let handle: Awaited<ReturnType<typeof createTestDb>>;
type Atom = { month: string; kind: string; pref: string; cats: string[]; types: string[]; flags: Record<string, number>; n: number };
let atoms: Atom[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  await seedDemoScale(handle.db, { applications: 240, seed: 14, until: NOW });
  await refreshSummary(handle.db, NOW);
  const { rows, durations } = await monitoringRecords(handle.db, NOW);
  const byKey = new Map<string, Atom>();
  const add = (a: Omit<Atom, 'n'>) => {
    const key = JSON.stringify(a);
    const found = byKey.get(key);
    if (found) found.n += 1;
    else byKey.set(key, { ...a, n: 1 });
  };
  for (const r of rows) {
    const flags: Record<string, number> = {};
    for (const [k, v] of Object.entries(r)) if (!['month', 'kind', 'pref', 'cats', 'types'].includes(k) && Number(v)) flags[k] = Number(v);
    if (flags.cv_total && !flags.cv_replied) flags.cv_unreplied = 1;
    add({ month: r.month, kind: r.kind, pref: r.pref, cats: r.cats, types: r.types, flags });
  }
  for (const d of durations) add({ month: d.month, kind: 'any', pref: d.pref, cats: d.cats, types: [d.program_type], flags: { [d.metric === 'reply_hours' ? 'du_reply' : 'du_agreement']: 1 } });
  atoms = [...byKey.values()];
}, 240_000);
afterAll(() => handle.close());

interface Scope {
  from: string;
  to: string;
  type: string | null;
  category: string | null;
  pref: string | null;
}
const vectors = new Map<string, Float64Array>();
/** The records one number counts, as a vector over the atoms (the same number on many views is worked out once). */
function vector(scope: Scope, kind: 'opening' | 'solution' | 'both', measure: string): Float64Array {
  const key = `${scope.from}|${scope.to}|${scope.type}|${scope.category}|${scope.pref}|${kind}|${measure}`;
  let v = vectors.get(key);
  if (!v) vectors.set(key, (v = recordsOf(scope, kind, measure)));
  return v;
}
function recordsOf(scope: Scope, kind: 'opening' | 'solution' | 'both', measure: string): Float64Array {
  const v = new Float64Array(atoms.length);
  atoms.forEach((a, i) => {
    if (a.month < scope.from || a.month > scope.to) return;
    if (kind !== 'both' && a.kind !== kind) return;
    if (scope.pref && a.pref !== scope.pref) return;
    if (scope.category && !a.cats.includes(scope.category)) return;
    if (scope.type && !a.types.includes(scope.type)) return;
    const f = a.flags[measure] ?? 0;
    if (f) v[i] = f * a.n;
  });
  return v;
}

const STATUS_MEASURE: Record<string, string> = { inquiries: 'inquiries' };
const FUNNEL: Record<string, string> = { applied: 'fn_applied', in_dialogue: 'fn_dialogue', agreed: 'fn_agreed', concluded: 'fn_concluded' };
const COLUMN: Record<string, string> = {
  applications: 'applications',
  dialogue: 'ap_reached_dialogue',
  agreed: 'ap_reached_agreed',
  concluded: 'ap_reached_concluded',
  inquiries: 'inquiries',
  agreedInMonth: 'ev_agreed',
  concludedInMonth: 'ev_concluded',
};
const KPI: Record<string, string> = { applications: 'applications', conversations: 'cv_total', concluded: 'ap_reached_concluded', inquiries: 'inquiries' };

type Published = { where: string; text: string; vector: Float64Array };

/** Every count of people on a view, with the records behind it. Tables are read from their CSV export. */
function published(q: string, d: Awaited<ReturnType<typeof buildDashboard>>): Published[] {
  const f = d.filters;
  const base: Scope = { from: f.from, to: f.to, type: f.type, category: f.category, pref: f.pref };
  const out: Published[] = [];
  const push = (where: string, text: string, scope: Scope, kind: 'opening' | 'solution' | 'both', measure: string) => out.push({ where: `${q} ${where}`, text, vector: vector(scope, kind, measure) });
  for (const table of d.tables) {
    const csv = parseCsv(tableToCsv(table));
    const header = csv[0]!;
    const body = csv.slice(1, 1 + table.rows.length + (table.total ? 1 : 0));
    const keys = [...table.rows.map((r) => r.key), ...(table.total ? ['total'] : [])];
    body.forEach((line, r) => {
      const key = keys[r]!;
      table.columns.forEach((col, c) => {
        const text = line[c + 1]!;
        const where = `${table.id}/${key}/${col.key} (${header[c + 1]})`;
        const cellIn = (t: MonitoringTable['id']): Scope => {
          if (key === 'total') return t === 'by-prefecture' ? { ...base, pref: null } : base;
          if (t === 'by-type') return { ...base, type: key };
          if (t === 'by-category') return { ...base, category: key };
          if (t === 'by-prefecture') return { ...base, pref: key };
          return { ...base, from: key, to: key };
        };
        if (table.id === 'status') {
          const [entity, id] = key.split(':');
          const measure = key === 'inquiries' ? STATUS_MEASURE.inquiries! : entity === '掲載' ? null : id!;
          if (measure) push(where, text, base, col.key === 'all' ? 'both' : (col.key as 'opening' | 'solution'), measure);
        } else if (table.id === 'funnel') {
          if (col.key === 'count' && FUNNEL[key]) push(where, text, base, 'both', FUNNEL[key]!);
        } else if (table.id === 'durations') {
          if (col.key === 'records') push(where, text, base, 'both', key === 'reply_hours' ? 'du_reply' : 'du_agreement');
        } else if (COLUMN[col.key]) push(where, text, cellIn(table.id), 'both', COLUMN[col.key]!);
      });
    });
  }
  for (const k of d.kpis) if (KPI[k.id]) push(`kpi/${k.id}`, k.suppressed ? k.hiddenText! : String(k.value), base, 'both', KPI[k.id]!);
  if (d.map.metric === 'matches') for (const t of d.map.tiles) push(`map/${t.code}`, t.suppressed ? t.hiddenText! : String(t.value), { ...base, pref: t.code }, 'both', 'ap_reached_concluded');
  return out;
}

function views(): string[] {
  const months = fiscalYearMonths(FY);
  const periods = [`fy=${FY}`, ...months.map((m) => `from=${m}&to=${m}`), `from=${months[0]}&to=${months[8]}`, `from=${months[0]}&to=${months[11]}`, `from=${months[3]}&to=${months[5]}`];
  // every prefecture with records, and two without
  const prefs = [...new Set(atoms.map((a) => a.pref))].filter((p) => PREF_CODES.includes(p as never));
  const empty = PREF_CODES.filter((p) => !prefs.includes(p)).slice(0, 2);
  const narrow = ['', ...LISTING_TYPE_IDS.map((t) => `&type=${t}`), ...CATEGORY_IDS.map((c) => `&category=${c}`), ...[...prefs, ...empty].map((p) => `&pref=${p}`)];
  // April to March is the fiscal year itself: a view is built once per distinct set of filters
  const seen = new Set<string>();
  return periods
    .flatMap((p) => narrow.map((n) => `${p}${n}&map=matches`))
    .filter((q) => {
      const key = JSON.stringify(parseMonitoringFilters(new URLSearchParams(q), NOW).filters);
      return !seen.has(key) && seen.add(key);
    });
}

describe('small cells cannot be recovered across views', () => {
  it('no hidden cell of any view is one shown number minus another, on any views and measures', async () => {
    const all: Published[] = [];
    let withheld = 0;
    const qs = views();
    // a few views at a time: the summary reads of one overlap the table building of another
    for (let i = 0; i < qs.length; i += 6) {
      const batch = qs.slice(i, i + 6);
      const built = await Promise.all(
        batch.map((q) => buildDashboard(handle.db, parseMonitoringFilters(new URLSearchParams(q), NOW).filters, { now: NOW, charts: false })),
      );
      built.forEach((d, j) => {
        if (!d.personalShown) withheld += 1;
        all.push(...published(batch[j]!, d));
      });
    }
    const shown = all.filter((c) => /^\d+$/.test(c.text));
    const small = all.filter((c) => c.text === SUPPRESSED_TEXT);
    const secondary = all.filter((c) => c.text === SECONDARY_TEXT);
    // the world is large enough for real figures and for real suppression
    expect(shown.length).toBeGreaterThan(5_000);
    expect(small.length).toBeGreaterThan(100);
    expect(secondary.length).toBeGreaterThan(100);
    expect(withheld).toBeGreaterThan(0);
    expect(all.every((c) => /^\d+$/.test(c.text) || [SUPPRESSED_TEXT, SECONDARY_TEXT, WITHHELD_TEXT].includes(c.text)), 'every count is a number or a label').toBe(true);

    const sum = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
    // every shown number is what its records add up to, and no shown count of people is 1 or 2
    const wrong = shown.filter((c) => Number(c.text) !== sum(c.vector)).map((c) => `${c.where}: shows ${c.text}, records ${sum(c.vector)}`);
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(shown.filter((c) => [1, 2].includes(Number(c.text))).map((c) => c.where).slice(0, 10)).toEqual([]);
    // 3未満 is 1 or 2; 秘匿 marks a cell hidden to protect another
    expect(small.filter((c) => ![1, 2].includes(sum(c.vector))).map((c) => c.where).slice(0, 10)).toEqual([]);
    expect(secondary.some((c) => sum(c.vector) >= 3)).toBe(true);

    // every subtraction: no hidden cell is what one shown number minus another leaves, on any two views
    // (a table's total minus its shown cells is the same subtraction, summed)
    const sparse = (v: Float64Array) => [...v.keys()].filter((i) => v[i]).map((i) => `${i}:${v[i]}`);
    const shownSets = new Set(shown.map((c) => sparse(c.vector).join(',')));
    shownSets.add('');
    const shownSparse = [...new Set(shown.map((c) => sparse(c.vector).join(',')))].map((k) => new Map(k.split(',').filter(Boolean).map((e) => e.split(':').map(Number) as [number, number])));
    const leaks: string[] = [];
    // 3未満 cells, and 秘匿 cells that count records (a 秘匿 cell read back would open the cells it protects)
    for (const h of [...small, ...secondary.filter((c) => sum(c.vector) > 0)]) {
      const hs = [...h.vector.keys()].filter((i) => h.vector[i]);
      for (const big of shownSparse) {
        if (!hs.every((i) => big.get(i) === h.vector[i])) continue;
        const rest = [...big.entries()].filter(([i]) => !h.vector[i]).map(([i, v]) => `${i}:${v}`).join(',');
        if (shownSets.has(rest)) {
          const a = shown.find((c) => sparse(c.vector).join(',') === [...big.entries()].map(([i, v]) => `${i}:${v}`).join(','))!;
          const b = rest ? shown.find((c) => sparse(c.vector).join(',') === rest)! : null;
          leaks.push(`${h.where} (= ${sum(h.vector)}) = ${a.where} (${a.text}) − ${b ? `${b.where} (${b.text})` : '0'}`);
          break;
        }
      }
    }
    expect(leaks.slice(0, 20), `${leaks.length} hidden cells are one shown number minus another`).toEqual([]);
  }, 600_000);

  it('shows no count of people on a view that narrows two of month, type, category and prefecture', async () => {
    for (const q of [`fy=${FY}&type=dispatch&pref=${PREF_CODES[31]}`, `fy=${FY}&category=dx&type=side_job`, `from=2026-05&to=2026-05&pref=13`]) {
      const { filters } = parseMonitoringFilters(new URLSearchParams(q), NOW);
      const d = await buildDashboard(handle.db, filters, { now: NOW, charts: false });
      expect(d.personalShown, q).toBe(false);
      const texts = published(q, d).map((c) => c.text);
      expect(texts.length).toBeGreaterThan(50);
      expect(new Set(texts), q).toEqual(new Set([WITHHELD_TEXT]));
    }
  });
});
