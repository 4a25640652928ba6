import { formatCell, type MonitoringTable } from '../../domain/monitoring';

/**
 * One monitoring table as an accessible HTML table: caption, column and row headers with scope,
 * numbers right-aligned. The same table model feeds the CSV and XLSX exports.
 */
export function DataTable({ table, exportQuery, headingLevel = 3 }: { table: MonitoringTable; exportQuery?: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={`table-${table.id}`} className="space-y-2 break-inside-avoid">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Heading id={`table-${table.id}`} className="text-lg font-bold">
          {table.title}
        </Heading>
        {exportQuery !== undefined ? (
          <p className="text-sm print:hidden">
            ダウンロード：
            <a href={`/monitoring/export/${table.id}.csv${exportQuery}`} download>
              CSV<span className="sr-only">（{table.title}）</span>
            </a>
            {' ・ '}
            <a href={`/monitoring/export/${table.id}.xlsx${exportQuery}`} download>
              Excel<span className="sr-only">（{table.title}）</span>
            </a>
          </p>
        ) : null}
      </div>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`${table.title}（横にスクロールできます）`}>
        <table className="w-full border-collapse text-sm" data-table={table.id}>
          <caption className="sr-only">{table.title}</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-600 text-left align-bottom">
              <th scope="col" className="p-2">
                {table.rowHeader}
              </th>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className="p-2 text-right">
                  {c.label}
                  {c.unit ? `（${c.unit}）` : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.key} className="border-b border-solid-gray-200">
                <th scope="row" className="p-2 text-left font-normal">
                  {r.header}
                </th>
                {r.cells.map((v, i) => (
                  <td key={table.columns[i]!.key} className="p-2 text-right tabular-nums">
                    {formatCell(v, table.columns[i])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {table.total ? (
            <tfoot>
              <tr className="border-t-2 border-solid-gray-600 font-bold">
                <th scope="row" className="p-2 text-left">
                  {table.total.header}
                </th>
                {table.total.cells.map((v, i) => (
                  <td key={table.columns[i]!.key} className="p-2 text-right tabular-nums">
                    {formatCell(v, table.columns[i])}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {table.notes.length ? (
        <ul className="list-none space-y-1 text-xs text-solid-gray-700">
          {table.notes.map((n) => (
            <li key={n}>※{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
