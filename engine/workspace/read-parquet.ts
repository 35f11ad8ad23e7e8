import { tableFromIPC, type Table } from 'apache-arrow';
import type { InputFile } from '../protocol';
import { MAX_DECODED_BYTES, MAX_ROWS, type FileName } from './formats';
import { readParquetFooter, type ParquetFooter } from './parquet-footer';
import { parquetDecoder } from './parquet-wasm';
import type { ProblemLog } from './problems';
import type { RawTable, ReadOptions } from './raw-table';
import { arrowToRaw } from './read-arrow';
import { formatBytes } from './read-common';
import type { TableName } from './schema';
import { AS_TEXT, peekOf, type Source } from './source';

/**
 * A Parquet file as one source (MODEL §1): its footer is checked first (structure, sizes, flat
 * columns), then parquet-wasm decodes it one row group at a time into Arrow, read like an Arrow
 * file. Row numbers are 1-based record numbers. Null when the file cannot be opened (logged).
 */
export function parquetSource(file: InputFile, name: FileName, named: TableName | null, log: ProblemLog): Source[] | null {
  const { bytes } = file;
  const blame = named ?? name.base;
  const footer = readParquetFooter(bytes);
  if (typeof footer === 'string') {
    log.error(blame, null, null, name.base, `is not a readable Parquet file: ${footer}`);
    return null;
  }
  const decoded = footer.rowGroups.reduce((s, g) => s + g.bytes, 0);
  if (footer.rows > MAX_ROWS) {
    log.error(blame, null, null, name.base, `has ${footer.rows} rows; a table may have at most ${MAX_ROWS}`);
    return null;
  }
  if (decoded > MAX_DECODED_BYTES) {
    log.error(blame, null, null, name.base, `decodes to ${formatBytes(decoded)}; a table may take at most ${formatBytes(MAX_DECODED_BYTES)}`);
    return null;
  }
  return [
    {
      name: name.base,
      file: name.base,
      named,
      format: 'parquet',
      bytes: bytes.length,
      peek: (rows, log) => {
        const t = decode(bytes, { limit: rows }, named ?? 'assets', name.base, log);
        const raw = t ? arrowToRaw(t.numRows > rows ? t.slice(0, rows) : t, named ?? 'assets', name.base, AS_TEXT, log) : null;
        return raw ? peekOf(raw, footer.rows) : null;
      },
      read: (table, opts, log) => readGroups(bytes, footer, table, name.base, opts, log),
    },
  ];
}

function* readGroups(bytes: Uint8Array, footer: ParquetFooter, table: TableName, source: string, opts: ReadOptions, log: ProblemLog): Generator<number, RawTable | null, void> {
  const parts: Table[] = [];
  const total = Math.max(1, footer.rows);
  let rows = 0;
  for (let g = 0; g < footer.rowGroups.length; g++) {
    // One Arrow batch per row group: batches of the default 1,024 rows cost ten times more to decode and read.
    const t = decode(bytes, { rowGroups: [g], batchSize: Math.max(1024, (footer.rowGroups[g] as { rows: number }).rows) }, table, source, log);
    if (!t) return null;
    parts.push(t);
    rows += t.numRows;
    yield Math.floor((bytes.length * rows) / total);
  }
  const first = parts[0];
  if (!first) {
    const empty = decode(bytes, { limit: 0 }, table, source, log);
    return empty ? arrowToRaw(empty, table, source, opts, log) : null;
  }
  return arrowToRaw(parts.length === 1 ? first : first.concat(...parts.slice(1)), table, source, opts, log);
}

/** Decodes (part of) a Parquet file to an Arrow table; null with the reason logged when the decoder refuses it. */
function decode(bytes: Uint8Array, options: { rowGroups?: number[]; limit?: number; batchSize?: number }, table: TableName, source: string, log: ProblemLog): Table | null {
  const decoder = parquetDecoder();
  if (typeof decoder === 'string') {
    log.error(table, null, null, source, `cannot be read: ${decoder}`);
    return null;
  }
  try {
    const t = tableFromIPC(decoder.readParquet(bytes, options).intoIPCStream());
    if (t.schema.fields.length === 0) {
      log.error(table, null, null, source, 'has no columns');
      return null;
    }
    return t;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 160);
    log.error(table, null, null, source, `is not a readable Parquet file (${message})`);
    return null;
  }
}
