import { formatBytes } from './read-common';

/** The file formats a workspace table may come in (MODEL §1). */
export type FileFormat = 'csv' | 'json' | 'arrow' | 'parquet' | 'xlsx';

export const FORMAT_NAMES: Readonly<Record<FileFormat, string>> = {
  csv: 'CSV',
  json: 'JSON',
  arrow: 'Arrow',
  parquet: 'Parquet',
  xlsx: 'Excel (.xlsx)',
};

/**
 * Largest file read per format, in bytes. JSON is parsed whole into objects and a workbook is
 * unzipped into XML, so they get less room; Parquet is bounded again by its decoded size.
 */
export const MAX_FILE_BYTES: Readonly<Record<FileFormat, number>> = {
  csv: 1024 * 1024 * 1024,
  json: 256 * 1024 * 1024,
  arrow: 2 * 1024 * 1024 * 1024 - 1,
  parquet: 1024 * 1024 * 1024,
  xlsx: 256 * 1024 * 1024,
};

/** Largest decoded size of one table (the columns it becomes), in bytes: what the engine can hold. */
export const MAX_DECODED_BYTES = 4 * 1024 * 1024 * 1024;

/** Most rows one table may have (Arrow's 32-bit offsets and the engine's Int32 codes). */
export const MAX_ROWS = 100_000_000;

const BY_EXTENSION: ReadonlyMap<string, FileFormat> = new Map([
  ['csv', 'csv'],
  ['tsv', 'csv'],
  ['txt', 'csv'],
  ['json', 'json'],
  ['arrow', 'arrow'],
  ['feather', 'arrow'],
  ['arrows', 'arrow'],
  ['ipc', 'arrow'],
  ['parquet', 'parquet'],
  ['pq', 'parquet'],
  ['xlsx', 'xlsx'],
  ['xlsm', 'xlsx'],
]);

/** Formats people try that we do not read, with what to do instead. */
const UNREAD: ReadonlyMap<string, string> = new Map([
  ['xls', 'an Excel 97–2003 workbook (.xls); save it as .xlsx (Excel Workbook) or CSV'],
  ['xlsb', 'a binary Excel workbook (.xlsb); save it as .xlsx (Excel Workbook) or CSV'],
  ['ods', 'an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV'],
  ['numbers', 'an Apple Numbers document; export it as .xlsx or CSV'],
  ['gz', 'a compressed file; unpack it first'],
  ['zip', 'a zip archive; unpack it and import the files inside'],
]);

/** A file's name split for messages and table detection: `Positions.CSV` → positions, csv. */
export interface FileName {
  /** The name without folders. */
  base: string;
  /** The base name without extension, trimmed and lower-cased. */
  stem: string;
  ext: string;
}

export function splitName(name: string): FileName {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return { base, stem: stem.trim().toLowerCase(), ext: dot > 0 ? base.slice(dot + 1).toLowerCase() : '' };
}

/**
 * The format of a file from its extension, checked against its first bytes: a workbook saved
 * with a .csv name, or a Parquet file called .arrow, is read as what it is. `unread` says why a
 * known kind of file cannot be read; null means it is not a table file at all.
 */
export function detectFormat(name: FileName, bytes: Uint8Array): FileFormat | { unread: string } | null {
  const byName = BY_EXTENSION.get(name.ext);
  const unread = UNREAD.get(name.ext);
  if (unread) return { unread: `is ${unread}` };
  if (!byName) return null;
  return sniff(bytes) ?? byName;
}

/** The format the first bytes prove, if any (zip → xlsx, PAR1 → Parquet, ARROW1 → Arrow). */
function sniff(b: Uint8Array): FileFormat | null {
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) return 'xlsx';
  if (b.length >= 8 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31) return 'parquet';
  if (b.length >= 6 && String.fromCharCode(b[0] as number, b[1] as number, b[2] as number, b[3] as number, b[4] as number, b[5] as number) === 'ARROW1') return 'arrow';
  return null;
}

/** "is 12.5 MB; CSV files are read up to 8 MB". */
export function tooLargeRule(size: number, format: FileFormat, limit: number): string {
  return `is ${formatBytes(size)}; ${FORMAT_NAMES[format]} files are read up to ${formatBytes(limit)}`;
}

/** What a JSON file beside the tables holds by its name — a scenario, expected results, a column mapping (`firebreak map` writes one) — or null. */
export function notTableJson(stem: string): string | null {
  if (stem.startsWith('scenario')) return 'a scenario';
  if (stem.startsWith('expected')) return 'expected results';
  if (stem.startsWith('mapping') || stem.endsWith('mapping')) return 'a column mapping (pass it with --map)';
  return null;
}
