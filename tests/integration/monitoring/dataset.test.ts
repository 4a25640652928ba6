import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, loadAggregates, refreshSummary } from '../../../app/services/monitoring.server';
import { both, histogramTotal, parseMonitoringFilters, percentileOfHistogram, SECONDARY_TEXT, SUPPRESSED_TEXT, type MonitoringTable } from '../../../app/domain/monitoring';
import { createTestDb } from '../../helpers/test-db';
import { insertFixture, NOW } from './fixture';

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  await insertFixture(handle.db);
  await refreshSummary(handle.db, NOW);
});
afterAll(() => handle.close());

const filters = (q: string) => parseMonitoringFilters(new URLSearchParams(q), NOW).filters;
const aggregates = (q: string) => loadAggregates(handle.db, filters(q));
const row = (t: MonitoringTable, key: string) => {
  const r = key === 'total' ? t.total : t.rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key} in ${t.id}`);
  return Object.fromEntries(t.columns.map((c, i) => [c.key, r.cells[i]]));
};

describe('monitoring summary on a fixed dataset', () => {
  it('counts listings by state for FY2026 (L1, published 31 March 23:59 JST, belongs to FY2025)', async () => {
    const { opening, solution } = (await aggregates('fy=2026')).totals;
    expect({ listings: opening.listings, draft: opening.st_draft, open: opening.st_open, expired: opening.st_expired, filled: opening.st_filled, withdrawn: opening.st_withdrawn, published: opening.published })
      .toEqual({ listings: 6, draft: 1, open: 2, expired: 1, filled: 1, withdrawn: 1, published: 5 });
    expect({ listings: solution.listings, open: solution.st_open, published: solution.published }).toEqual({ listings: 1, open: 1, published: 1 });
    const fy25 = (await aggregates('fy=2025')).totals.opening;
    expect({ listings: fy25.listings, published: fy25.published, applications: fy25.applications }).toEqual({ listings: 1, published: 1, applications: 1 });
  });

  it('places applications by their JST date: 31 March 23:00 JST is FY2025, 1 April 09:00 JST is FY2026', async () => {
    const t = (await aggregates('fy=2026')).totals;
    expect(t.opening.applications).toBe(5);
    expect(t.solution.applications).toBe(1);
    const m = both(t);
    expect({
      applied: m.ap_applied, dialogue: m.ap_dialogue, interview: m.ap_interview, agreed: m.ap_agreed, preparing: m.ap_preparing,
      concluded: m.ap_concluded, withdrawn: m.ap_withdrawn, declined: m.ap_declined,
    }).toEqual({ applied: 1, dialogue: 1, interview: 1, agreed: 1, preparing: 0, concluded: 1, withdrawn: 1, declined: 0 });
    expect({ d: m.ap_reached_dialogue, a: m.ap_reached_agreed, c: m.ap_reached_concluded }).toEqual({ d: 4, a: 2, c: 1 });
    expect({ inquiries: m.inquiries, conversations: m.cv_total, replied: m.cv_replied }).toEqual({ inquiries: 1, conversations: 5, replied: 4 });
    expect({ total: m.ag_total, drafting: m.ag_drafting, agreed: m.ag_agreed, concluded: m.ag_concluded }).toEqual({ total: 2, drafting: 1, agreed: 0, concluded: 1 });
    expect((await aggregates('fy=2026&from=2026-03&to=2026-03')).totals.opening.applications).toBe(1);
  });

  it('builds the listing funnel and the 30-day rule', async () => {
    const m = both((await aggregates('fy=2026')).totals);
    expect([m.published, m.fn_applied, m.fn_dialogue, m.fn_agreed, m.fn_concluded]).toEqual([6, 3, 2, 1, 0]);
    expect(m.unanswered_30d).toBe(1);
    // FY2025: L1 alone, whose application A1 (sent in FY2026) was concluded
    const p = both((await aggregates('fy=2025')).totals);
    expect([p.published, p.fn_applied, p.fn_dialogue, p.fn_agreed, p.fn_concluded]).toEqual([1, 1, 1, 1, 1]);
  });

  it('computes exact medians and 90th percentiles (nearest rank) and hides them under 3 records', async () => {
    const d = await buildDashboard(handle.db, filters('fy=2026'), { now: NOW, charts: false });
    const t = d.tables.find((x) => x.id === 'durations')!;
    const agg = await aggregates('fy=2026');
    const reply = agg.durations.reply_hours;
    expect([histogramTotal(reply), percentileOfHistogram(reply, 50), percentileOfHistogram(reply, 90)]).toEqual([4, 3, 24]);
    // the 4 replies are 2 in 島根県 and 2 in 徳島県 (3未満 each), so 4 − 2 would say 2: the count is 秘匿,
    // and a median is never shown without its count
    expect(row(t, 'reply_hours')).toEqual({ records: SECONDARY_TEXT, median: SECONDARY_TEXT, p90: SECONDARY_TEXT });
    expect(row(t, 'agreement_days')).toEqual({ records: SUPPRESSED_TEXT, median: SUPPRESSED_TEXT, p90: SUPPRESSED_TEXT });
    expect(agg.durations.agreement_days).toEqual([{ value: 10, n: 2 }]);
  });

  it('filters by category, type and prefecture, counting a listing once in the total', async () => {
    const dx = (await aggregates('fy=2026&category=dx')).totals;
    expect([dx.opening.published, dx.solution.published, both(dx).applications]).toEqual([2, 1, 4]);
    const dispatch = (await aggregates('fy=2026&type=dispatch')).totals;
    expect([dispatch.opening.published, dispatch.solution.published, both(dispatch).applications]).toEqual([3, 1, 4]);
    const shimane = (await aggregates('fy=2026&pref=32')).totals;
    expect([shimane.opening.published, both(shimane).applications]).toEqual([3, 3]);
    const narrow = (await aggregates('fy=2026&pref=32&category=dx&type=dispatch')).totals;
    expect([narrow.opening.published, both(narrow).applications]).toEqual([1, 2]);
  });

  it('breaks down by category, prefecture and month with the events in their own month', async () => {
    const agg = await aggregates('fy=2026');
    expect(agg.byCategory.dx!.opening.published).toBe(2);
    expect(agg.byCategory.tourism!.opening.published).toBe(1);
    expect(both(agg.byCategory.tourism!).applications).toBe(1);
    expect(agg.byPref['32']!.opening.published).toBe(3);
    expect(agg.byPref['36']!.opening.published).toBe(2);
    expect(agg.byPref['13']!.solution.published).toBe(1);
    expect(both(agg.byMonth['2026-04']!).ev_agreed).toBe(2);
    expect(both(agg.byMonth['2026-05']!).ev_concluded).toBe(1);
    expect(agg.byMonth['2026-04']!.opening.published).toBe(4);
  });

  it('shows small counts of people as 3未満 in the tables and keeps public listing counts', async () => {
    const d = await buildDashboard(handle.db, filters('fy=2026'), { now: NOW, charts: false });
    const byPref = d.tables.find((t) => t.id === 'by-prefecture')!;
    expect(row(byPref, '36')).toMatchObject({ openings: 2, applications: SUPPRESSED_TEXT });
    expect(row(byPref, '13')).toMatchObject({ solutions: 1, applications: SUPPRESSED_TEXT });
    // in a world of six applications the protection of the small cells reaches the national total
    expect(row(byPref, 'total')).toMatchObject({ openings: 5, solutions: 1, applications: SECONDARY_TEXT });
    const status = d.tables.find((t) => t.id === 'status')!;
    expect(row(status, 'inquiries')).toEqual({ opening: SUPPRESSED_TEXT, solution: 0, all: SUPPRESSED_TEXT });
    const kpi = Object.fromEntries(d.kpis.map((k) => [k.id, k]));
    expect(kpi.concluded).toMatchObject({ value: null, suppressed: true });
    expect(kpi.openings).toMatchObject({ value: 5 });
    expect(kpi.reply).toMatchObject({ value: null, suppressed: true, hiddenText: SECONDARY_TEXT });
  });

  it('never carries message or application text into the summary', async () => {
    const d = await buildDashboard(handle.db, filters('fy=2026'), { now: NOW });
    expect(JSON.stringify(d)).not.toContain('本文は集計に使わない');
  });
});
