import { parse } from 'csv-parse/sync';
import { tableMatrix, type Cell, type MonitoringTable } from './tables';

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; without it Japanese turns to mojibake. */
export const UTF8_BOM = '\uFEFF';

function field(value: Cell): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV (CRLF line ends) with a BOM and the table's notes after a blank line. */
export function tableToCsv(table: MonitoringTable): string {
  const lines = tableMatrix(table).map((row) => row.map(field).join(','));
  if (table.notes.length) lines.push('', ...table.notes.map((n) => field(`※${n}`)));
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}

/**
 * Reads a CSV written by tableToCsv back into rows of text (used by the round-trip tests and tools):
 * RFC 4180 through csv-parse, the BOM dropped, rows of any length (the notes have one field).
 */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
}
