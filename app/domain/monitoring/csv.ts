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

/** Reads a CSV written by tableToCsv back into rows of text (used by the round-trip tests and tools). */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cur += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cur);
      cur = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      row.push(cur);
      rows.push(row);
      row = [];
      cur = '';
    } else cur += ch;
  }
  if (cur !== '' || row.length) {
    row.push(cur);
    rows.push(row);
  }
  return rows;
}
