import type { LoaderFunctionArgs } from '@remix-run/node';
import { isTableId } from '../domain/monitoring';
import { requireCan } from '../services/auth.server';
import { buildTable, parseMonitoringFilters } from '../services/monitoring.server';
import { exportDisplayName, exportFileName, exportResponse, tableToCsv, tableToXlsx, type ExportFormat } from '../services/monitoring-export.server';

/** /monitoring/export/<table>.csv|.xlsx?<the view's filters>: one table of the view, as shown on the page. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCan(request, context, 'monitoring.view');
  const m = /^([a-z-]+)\.(csv|xlsx)$/.exec(params.file ?? '');
  if (!m || !isTableId(m[1]!)) throw new Response('見つかりません。', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const format = m[2] as ExportFormat;
  const now = new Date();
  const { filters } = parseMonitoringFilters(new URL(request.url).searchParams, now);
  const { table, refreshedAt } = await buildTable(context.db, filters, m[1], now);
  const name = { fileName: exportDisplayName(table, filters, format), asciiFileName: exportFileName(table, filters, format) };
  if (format === 'csv') return exportResponse(tableToCsv(table), format, name);
  return exportResponse(await tableToXlsx(table, filters, refreshedAt), format, name);
}
