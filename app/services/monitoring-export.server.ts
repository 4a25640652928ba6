import { CATEGORIES } from '../domain/listings/categories';
import { LISTING_TYPES } from '../domain/listings/model';
import { PREFECTURES } from '../domain/listings/prefectures';
import { describeFilters, fiscalYearLabel, monthLabel, tableMatrix, tableToCsv, type MonitoringFilters, type MonitoringTable } from '../domain/monitoring';
import { formatDateTime } from '../utils/dates';
import { contentDisposition } from './downloads.server';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** monitoring-by-category-fy2026.csv, monitoring-by-month-2026-04_2026-09-dx.xlsx: the ASCII name for clients without UTF-8 names. */
export function exportFileName(table: MonitoringTable, filters: MonitoringFilters, format: ExportFormat): string {
  const period = filters.customPeriod ? `${filters.from}_${filters.to}` : `fy${filters.fiscalYear}`;
  const parts = ['monitoring', table.id, period, filters.type, filters.category, filters.pref].filter(Boolean);
  return `${parts.join('-')}.${format}`;
}

/** 「モニタリング_分野別_令和8年度.csv」「モニタリング_月別_2026年4月〜2026年9月_DX.xlsx」: the name a reader sees. */
export function exportDisplayName(table: MonitoringTable, filters: MonitoringFilters, format: ExportFormat): string {
  const parts = [
    'モニタリング',
    table.title,
    filters.customPeriod ? `${monthLabel(filters.from)}〜${monthLabel(filters.to)}` : fiscalYearLabel(filters.fiscalYear),
    filters.type ? LISTING_TYPES.find((t) => t.id === filters.type)?.label : null,
    filters.category ? CATEGORIES.find((c) => c.id === filters.category)?.label : null,
    filters.pref ? PREFECTURES.find((p) => p.code === filters.pref)?.name : null,
  ];
  return `${parts.filter(Boolean).join('_')}.${format}`;
}

/** ExcelJS is loaded by the first export, not at start-up. */
const excel = async () => (await import('exceljs')).default;

/** One sheet: the table as it is on the page, numbers as numbers, a title row and the notes underneath. */
export async function tableToXlsx(table: MonitoringTable, filters: MonitoringFilters, refreshedAt: Date): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = '起業人マッチ';
  wb.created = refreshedAt;
  const ws = wb.addWorksheet(table.title.slice(0, 31));
  const matrix = tableMatrix(table);
  ws.addRow([`${table.title}（${describeFilters(filters)}）`]).font = { bold: true, size: 12 };
  ws.addRow([`集計時点：${formatDateTime(refreshedAt)}`]);
  ws.addRow([]);
  const header = ws.addRow(matrix[0]!);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.border = { bottom: { style: 'thin' } };
    c.alignment = { wrapText: true, vertical: 'bottom' };
  });
  for (const r of matrix.slice(1)) ws.addRow(r.map((v) => (v === null ? '—' : v)));
  if (table.total) ws.lastRow!.font = { bold: true };
  ws.addRow([]);
  for (const n of table.notes) ws.addRow([`※${n}`]);
  ws.getColumn(1).width = 28;
  for (let i = 2; i <= matrix[0]!.length; i += 1) {
    ws.getColumn(i).width = 16;
    ws.getColumn(i).alignment = { horizontal: 'right' };
  }
  ws.views = [{ state: 'frozen', ySplit: 4, xSplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first block of rows of an exported sheet, starting at the header row (for tests and tools). */
export async function readXlsxTable(buffer: Buffer): Promise<(string | number | null)[][]> {
  const wb = new (await excel()).Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (n < 4) return;
    const values = (row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? null : (v as string | number)));
    rows.push(values);
  });
  const end = rows.findIndex((r) => r.every((v) => v === null));
  return end < 0 ? rows : rows.slice(0, end);
}

export function exportResponse(body: string | Buffer, format: ExportFormat, name: { fileName: string; asciiFileName: string }): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'content-type': MIME[format],
      'content-disposition': contentDisposition('attachment', name.fileName, name.asciiFileName),
      'cache-control': 'private, no-store',
    },
  });
}

export { tableToCsv };
