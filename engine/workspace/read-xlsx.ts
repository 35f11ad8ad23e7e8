import type { InputFile } from '../protocol';
import type { FileName } from './formats';
import type { ProblemLog } from './problems';
import type { RawTable, ReadOptions } from './raw-table';
import type { TableName } from './schema';
import { AS_TEXT, peekOf, tableNamed, type Peek, type Source } from './source';
import { MAX_PART_BYTES, openWorkbook, type SheetRef, type Workbook } from './xlsx-book';
import { SheetReader } from './xlsx-sheet';
import { unzipEntry, unzipEntrySync } from './zip';

/** Bytes of sheet XML read between two yields. */
const STEP_BYTES = 2 << 20;

/**
 * An .xlsx workbook as sources (MODEL §1): one per sheet, named `book.xlsx#Sheet`; a sheet named
 * after a table is that table (a whole workspace can be one workbook), and the only data sheet of
 * a workbook named after a table (`positions.xlsx`) is that table. Sheets named README are notes.
 * Row numbers are sheet rows. Null when the workbook cannot be opened (logged).
 */
export function xlsxSources(file: InputFile, name: FileName, named: TableName | null, log: ProblemLog): Source[] | null {
  const book = openWorkbook(file.bytes);
  if (typeof book === 'string') {
    log.error(named ?? name.base, null, null, name.base, `is not a readable Excel workbook: ${book}`);
    return null;
  }
  const sheets = book.sheets.filter((s) => s.name.trim().toLowerCase() !== 'readme');
  const onlyOne = sheets.length === 1;
  const total = sheets.reduce((n, s) => n + s.entry.compressedSize, 0) || 1;
  return sheets.map((sheet) => ({
    name: `${name.base}#${sheet.name}`,
    file: name.base,
    named: tableNamed(sheet.name) ?? (onlyOne ? named : null),
    format: 'xlsx',
    bytes: Math.floor((file.bytes.length * sheet.entry.compressedSize) / total),
    peek: (rows, log) => peekSheet(file.bytes, book, sheet, rows, log),
    read: (table, opts, log) => readSheet(file.bytes, book, sheet, table, `${name.base}#${sheet.name}`, opts, log),
  }));
}

function peekSheet(bytes: Uint8Array, book: Workbook, sheet: SheetRef, rows: number, log: ProblemLog): Peek | null {
  const xml = unzipEntrySync(bytes, sheet.entry, MAX_PART_BYTES);
  const source = sheet.name;
  if (typeof xml === 'string') {
    log.error(source, null, null, source, `cannot be read: ${xml}`);
    return null;
  }
  const reader = new SheetReader(xml, book.strings, tableNamed(sheet.name) ?? 'assets', source, AS_TEXT, log, rows, book.dateStyles);
  while (!reader.step(Infinity));
  const t = reader.result();
  return t ? peekOf(t, null) : null;
}

function* readSheet(
  bytes: Uint8Array,
  book: Workbook,
  sheet: SheetRef,
  table: TableName,
  source: string,
  opts: ReadOptions,
  log: ProblemLog,
): Generator<number, RawTable | null, void> {
  const size = Math.max(1, sheet.entry.size);
  const share = sheet.entry.compressedSize;
  const unzip = unzipEntry(bytes, sheet.entry, MAX_PART_BYTES);
  let u = unzip.next();
  while (!u.done) {
    yield Math.floor((share * u.value) / size / 2);
    u = unzip.next();
  }
  const xml = u.value;
  if (typeof xml === 'string') {
    log.error(table, null, null, source, `cannot be read: ${xml}`);
    return null;
  }
  const reader = new SheetReader(xml, book.strings, table, source, opts, log, Infinity, book.dateStyles);
  while (!reader.step(STEP_BYTES)) yield Math.floor(share / 2 + (share * reader.done) / xml.length / 2);
  return reader.result();
}
