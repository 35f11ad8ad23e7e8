import { tableToIPC, type Table } from 'apache-arrow';
import { tableToCsvBytes } from './to-csv';

export type ExportFormat = 'csv' | 'arrow';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'arrow'];

/** A result table as the bytes of a file. */
export interface ExportedTable {
  format: ExportFormat;
  bytes: Uint8Array;
  /** Data rows in the file (the CSV's lines after its header). */
  rows: number;
}

/**
 * The bytes of a table as a file: CSV (RFC 4180, UTF-8, `\n`, header first; see to-csv.ts) or an
 * Arrow IPC file (the random-access format `.arrow` readers expect). The bytes fill their own
 * buffer, so they can be transferred.
 */
export function exportTable(table: Table, format: ExportFormat): ExportedTable {
  if (format === 'arrow') return { format, bytes: own(tableToIPC(table, 'file')), rows: table.numRows };
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const bytes of tableToCsvBytes(table)) {
    parts.push(bytes);
    size += bytes.length;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { format, bytes, rows: table.numRows };
}

function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

export function isExportFormat(x: unknown): x is ExportFormat {
  return x === 'csv' || x === 'arrow';
}
