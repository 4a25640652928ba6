import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitoringFilters, SECONDARY_TEXT, SUPPRESSED_TEXT, WITHHELD_TEXT } from '../../../app/domain/monitoring';
import { buildTable, refreshSummary } from '../../../app/services/monitoring.server';
import { createTestDb } from '../../helpers/test-db';

/*
 * マッチング提案 in the ministry's monitoring: per organisation and pairing, shown → acted on →
 * followed by an application or scout between the two sides; counts only, under the small-cell rule.
 */
const NOW = new Date('2026-06-15T03:00:00Z');
let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  const org = async (slug: string, kind: string, extra: Record<string, unknown>) =>
    (await db.insertInto('organisations').values({ slug, kind, status: 'approved', name: slug, ...extra } as never).returning('id').executeTakeFirstOrThrow()).id as string;
  const listing = async (kind: 'opening' | 'solution', organisation_id: string, types: string[], categories: string[], pref_code: string | null) =>
    (
      await db
        .insertInto('listings')
        .values({
          kind,
          organisation_id,
          status: 'published',
          title: `${kind} proposal fixture`,
          categories,
          types,
          term_min_months: 6,
          term_max_months: 12,
          pref_code,
          published_at: new Date('2026-04-10T00:00:00Z'),
          created_at: new Date('2026-04-09T00:00:00Z'),
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id as number;
  const ama = await org('pr-ama', 'municipality', { lg_code: '322059' });
  const kamiyama = await org('pr-kamiyama', 'municipality', { lg_code: '363219' });
  const companies = [] as string[];
  for (let i = 1; i <= 4; i += 1) companies.push(await org(`pr-company-${i}`, 'company', { head_office_lg_code: '131016', corporate_number: `999999999990${i}`, company_class: 'A' }));
  const o1 = await listing('opening', ama, ['dispatch'], ['dx'], '32');
  const o2 = await listing('opening', kamiyama, ['side_job'], ['tourism'], '36');
  const s = [] as number[];
  for (const c of companies) s.push(await listing('solution', c, ['dispatch', 'side_job'], ['dx'], null));

  const events: { kind: string; opening_id: number; solution_id: number; organisation_id: string; fiscal_year: number; created_at: Date }[] = [];
  const ev = (kind: string, opening: number, solution: number, organisation: string, at: string) =>
    events.push({ kind, opening_id: opening, solution_id: solution, organisation_id: organisation, fiscal_year: 2026, created_at: new Date(at) });
  // 島根県 (dispatch): shown to three companies and to the municipality for three solutions (6 pairings)
  for (let i = 0; i < 3; i += 1) {
    ev('shown', o1, s[i]!, companies[i]!, '2026-05-01T00:00:00Z');
    ev('shown', o1, s[i]!, companies[i]!, '2026-05-02T00:00:00Z'); // shown twice: one pairing
    ev('shown', o1, s[i]!, ama, '2026-05-01T01:00:00Z');
  }
  // acted on by the three companies and by the municipality for the first solution
  for (let i = 0; i < 3; i += 1) ev('acted', o1, s[i]!, companies[i]!, '2026-05-03T00:00:00Z');
  ev('acted', o1, s[0]!, ama, '2026-05-03T00:00:00Z');
  ev('dismissed', o1, s[1]!, ama, '2026-05-03T00:00:00Z');
  // 徳島県 (side job): shown to four companies, acted on by one, no application
  for (let i = 0; i < 4; i += 1) ev('shown', o2, s[i]!, companies[i]!, '2026-05-05T00:00:00Z');
  ev('acted', o2, s[3]!, companies[3]!, '2026-05-06T00:00:00Z');
  // last fiscal year: not in 2026
  ev('shown', o2, s[0]!, kamiyama, '2026-03-20T00:00:00Z');
  await db.insertInto('proposal_events').values(events as never).execute();

  const application = async (listing_id: number, listing_kind: string, kind: string, applicant: string, owner: string, at: string) =>
    db
      .insertInto('applications')
      .values({ listing_id, listing_kind, kind, applicant_organisation_id: applicant, owner_organisation_id: owner, program_type: 'dispatch', message: '提案からの応募です。', state: 'applied', created_at: new Date(at), updated_at: new Date(at) } as never)
      .execute();
  // after acting: two companies apply, the municipality scouts the first solution
  await application(o1, 'opening', 'application', companies[0]!, ama, '2026-05-04T00:00:00Z');
  await application(o1, 'opening', 'application', companies[1]!, ama, '2026-05-04T00:00:00Z');
  await application(s[0]!, 'solution', 'scout', ama, companies[0]!, '2026-05-04T00:00:00Z');
  // the third company had applied before the proposal: not an application that followed it
  await application(o1, 'opening', 'application', companies[2]!, ama, '2026-04-20T00:00:00Z');
  await refreshSummary(db, NOW);
});
afterAll(() => handle.close());

async function proposals(query: string) {
  const { filters } = parseMonitoringFilters(new URLSearchParams(query), NOW);
  const { table } = await buildTable(handle.db, filters, 'proposals', NOW);
  return Object.fromEntries(table.rows.map((r) => [r.key, r.cells]));
}

describe('proposals in the monitoring', () => {
  it('counts each organisation × pairing once: shown, acted on, then followed by an application or scout', async () => {
    const fy = await proposals('fy=2026');
    expect(fy.pr_shown![0]).toBe(10);
    expect(fy.pr_applied![0]).toBe(3);
    const dispatch = await proposals('fy=2026&type=dispatch');
    expect(dispatch.pr_shown![0]).toBe(6);
    expect(dispatch.pr_applied![0]).toBe(3);
    // the month of the events, and nothing in the month before
    expect((await proposals('from=2026-05&to=2026-05')).pr_shown![0]).toBe(10);
    expect((await proposals('from=2026-04&to=2026-04')).pr_shown![0]).toBe(0);
  });

  it('keeps the small-cell rule: one pairing acted on in 徳島県 reads 3未満 and is not the difference of two shown counts', async () => {
    const tokushima = await proposals('fy=2026&pref=36');
    expect(tokushima.pr_shown![0]).toBe(4);
    expect(tokushima.pr_acted![0]).toBe(SUPPRESSED_TEXT);
    expect(tokushima.pr_acted![1]).toBeNull(); // no rate from a hidden count
    // all of Japan (5) less 島根県 (4) would give 徳島県's 1: at least one of them is 秘匿
    const all = (await proposals('fy=2026')).pr_acted![0];
    const shimane = (await proposals('fy=2026&pref=32')).pr_acted![0];
    expect([all, shimane]).toContain(SECONDARY_TEXT);
    expect([all, shimane].filter((v) => typeof v === 'number')).toHaveLength(1);
    // by type the same records: side job (1) is 3未満, and dispatch and the total are not both shown
    expect((await proposals('fy=2026&type=side_job')).pr_acted![0]).toBe(SUPPRESSED_TEXT);
    const dispatch = (await proposals('fy=2026&type=dispatch')).pr_acted![0];
    expect(typeof dispatch === 'number' && typeof all === 'number').toBe(false);
  });

  it('shows no proposal counts on a view narrowed twice', async () => {
    const t = await proposals('fy=2026&type=dispatch&pref=32');
    expect(t.pr_shown![0]).toBe(WITHHELD_TEXT);
  });
});
