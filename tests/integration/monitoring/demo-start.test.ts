import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitoringFilters, SUPPRESSED_TEXT, tableToCsv } from '../../../app/domain/monitoring';
import { fiscalYearOf } from '../../../app/domain/rules/fiscal-year';
import { buildDashboard } from '../../../app/services/monitoring.server';
import { seedDemoWithScale } from '../../../db/seed';
import { createTestDb } from '../../helpers/test-db';

/* The demo `npm start` fills is large enough that the ministry dashboard shows a funnel, not 「3未満」. */

const NOW = new Date('2026-12-07T03:00:00Z');
let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
  await seedDemoWithScale(handle.db, () => {}, { now: NOW });
});
afterAll(() => handle?.close());

describe('the demo start', () => {
  it('holds a few thousand applications over two fiscal years, and seeding again adds nothing', async () => {
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from applications`.execute(handle.db)).rows[0]!.n;
    const years = await sql<{ at: Date }>`select created_at as at from applications`.execute(handle.db);
    const fys = new Set(years.rows.map((r) => fiscalYearOf(new Date(r.at))));
    expect(await count()).toBeGreaterThanOrEqual(3000);
    expect(fys.size).toBeGreaterThanOrEqual(2);
    const before = await count();
    await seedDemoWithScale(handle.db, () => {}, { now: NOW });
    expect(await count()).toBe(before);
  });

  it('the dashboard of the current fiscal year shows every stage of the funnel as a figure', async () => {
    const { filters } = parseMonitoringFilters(new URLSearchParams(), NOW);
    const d = await buildDashboard(handle.db, filters, { now: NOW, charts: false });
    const funnel = d.tables.find((t) => t.id === 'funnel')!;
    expect(funnel).toBeTruthy();
    const cells = tableToCsv(funnel).split(/\r?\n\r?\n/)[0]!.split(/\r?\n/).slice(1);
    expect(cells.map((line) => line.split(',')[0])).toEqual(['掲載', '応募あり', '対話', '合意', '締結']);
    for (const line of cells) expect(line, line).not.toMatch(new RegExp(`${SUPPRESSED_TEXT}|秘匿|非表示`));
    expect(cells.at(-1)!.split(',')[1]).toMatch(/^\d+$/);
    expect(d.kpis.filter((k) => k.suppressed)).toEqual([]);
  });
});
