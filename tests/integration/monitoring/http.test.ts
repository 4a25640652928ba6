import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../db/seed/accounts';
import { parseCsv, parseMonitoringFilters, tableMatrix, UTF8_BOM } from '../../../app/domain/monitoring';
import { buildTable, refreshSummary } from '../../../app/services/monitoring.server';
import { readXlsxTable } from '../../../app/services/monitoring-export.server';
import { startTestServer } from '../../helpers/server';
import { Client } from '../accounts/client';
import { insertFixture } from './fixture';

let server: Awaited<ReturnType<typeof startTestServer>>;
let ministry: Client;

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
  await insertFixture(server.db);
  // refreshed "now", so no request starts a background rebuild during the test
  await refreshSummary(server.db);
  ministry = await Client.signedInAs(server.url, 'ministry');
});
afterAll(() => server?.close());

const expectedMatrix = async (id: Parameters<typeof buildTable>[2], query: string) => {
  const { filters } = parseMonitoringFilters(new URLSearchParams(query), new Date());
  return tableMatrix((await buildTable(server.db, filters, id)).table);
};

describe('monitoring over HTTP', () => {
  it('shows the dashboard with server-drawn charts, the tile map and accessible tables', async () => {
    const res = await ministry.get('/monitoring?fy=2026');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('マッチング状況のモニタリング');
    expect(html).toContain('<svg'); // ECharts SSR output, inlined
    expect(html).toContain('都道府県別の起業人募集の掲載数（タイル地図）');
    expect(html).toMatch(/<caption[^>]*>分野別<\/caption>/);
    expect(html).toContain('scope="row"');
    expect(html).toContain('href="/monitoring/export/by-category.csv?fy=2026"');
    expect(html).not.toContain('本文は集計に使わない');
  });

  it('reports a wrong filter and falls back to its default instead of failing', async () => {
    const res = await ministry.get('/monitoring?fy=20x6&pref=99');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('指定に誤りがあるため');
    expect(html).toContain('都道府県の指定が正しくありません');
  });

  it('exports CSV with a BOM and Japanese headers that parses back to the same table', async () => {
    const query = '?fy=2026&category=dx';
    const res = await ministry.get(`/monitoring/export/by-prefecture.csv${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename=monitoring-by-prefecture-fy2026-dx.csv; filename*=UTF-8''${encodeURIComponent('モニタリング_都道府県別_令和8年度_DX（自治体DX・地域社会DX）.csv')}`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const parsed = parseCsv(text);
    const want = await expectedMatrix('by-prefecture', query);
    expect(parsed[0]).toEqual(['都道府県', '起業人募集の掲載', 'ソリューションの掲載', '応募', '対話以降', '合意以降', '締結', '対象要件の警告', '30日以上応募のない募集']);
    expect(parsed.slice(0, want.length)).toEqual(want.map((r) => r.map((v) => (v === null ? '' : String(v)))));
    // 東京都 has one application (3未満), so 島根県's 3 is hidden too, as 秘匿: otherwise total − others would reveal it
    expect(parsed.find((r) => r[0] === '島根県')).toEqual(['島根県', '1', '0', '秘匿', '3未満', '3未満', '3未満', '3未満', '0']);
    expect(parsed.find((r) => r[0] === '合計')!.slice(1, 4)).toEqual(['2', '1', '秘匿']);
  });

  it('exports XLSX with numbers as numbers, read back equal to the table', async () => {
    const res = await ministry.get('/monitoring/export/status.xlsx?fy=2026');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await readXlsxTable(Buffer.from(await res.arrayBuffer()));
    const want = await expectedMatrix('status', 'fy=2026');
    expect(rows).toEqual(want.map((r) => r.map((v) => (v === null ? '—' : v))));
    // the one scout (3未満) would be 6 − 5: both totals are 秘匿
    expect(rows.find((r) => r[0] === '応募：合計')).toEqual(['応募：合計', '秘匿', '3未満', '秘匿']);
  });

  it('answers 404 for an unknown table or format', async () => {
    expect((await ministry.get('/monitoring/export/messages.csv')).status).toBe(404);
    expect((await ministry.get('/monitoring/export/status.pdf')).status).toBe(404);
  });

  it('prints a monthly report for a month and the fiscal year to date', async () => {
    const res = await ministry.get('/monitoring/report?month=2026-04&type=dispatch');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2026年4月の状況');
    expect(html).toContain('令和8年度の累計');
    expect(html).toContain('@page');
  });

  it('links the dashboard from the header for the ministry only', async () => {
    expect(await (await ministry.get('/')).text()).toContain('href="/monitoring"');
    const company = await Client.signedInAs(server.url, 'company');
    expect(await (await company.get('/')).text()).not.toContain('href="/monitoring"');
    expect((await company.get('/monitoring')).status).toBe(403);
  });
});
