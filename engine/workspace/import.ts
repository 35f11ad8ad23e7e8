import type { InputFile } from '../protocol';
import { err, ok, type Result } from '../util/result';
import { ProblemLog, type ImportProblem } from './problems';
import type { RawTable, ReadOptions } from './raw-table';
import { parseArrow } from './read-arrow';
import { tooLarge } from './read-common';
import { parseCsv } from './read-csv';
import { parseJson } from './read-json';
import { SCHEMA, TABLE_NAMES, type TableName } from './schema';
import { validateInto } from './validate';
import type { Workspace } from './workspace';

/** Why an import was rejected: the first 1,000 problems (errors first), and how many there are. */
export interface ImportFailure {
  problems: ImportProblem[];
  total: number;
  errors: number;
}

/** The file formats read in this version (Parquet and Excel come later). */
export type FileFormat = 'csv' | 'json' | 'arrow';

/** Largest file read per format, in bytes. JSON is parsed whole into objects, so it gets less room. */
export const MAX_FILE_BYTES: Readonly<Record<FileFormat, number>> = {
  csv: 1024 * 1024 * 1024,
  json: 256 * 1024 * 1024,
  arrow: 2 * 1024 * 1024 * 1024 - 1,
};

const FORMATS: ReadonlyMap<string, FileFormat | 'later'> = new Map([
  ['csv', 'csv'],
  ['tsv', 'csv'],
  ['txt', 'csv'],
  ['json', 'json'],
  ['arrow', 'arrow'],
  ['feather', 'arrow'],
  ['arrows', 'arrow'],
  ['parquet', 'later'],
  ['xlsx', 'later'],
]);

/**
 * Imports a workspace from files (MODEL §1): the reader is chosen by extension, the table by the
 * base name (`Positions.CSV` is positions); scenario, expected-result and other files are
 * ignored with a warning. Returns the whole validated workspace or every problem: nothing is
 * changed by a failed import, because nothing is changed at all. `limits` caps each file's size
 * by format.
 */
export function importWorkspace(
  files: InputFile[],
  limits: Readonly<Record<FileFormat, number>> = MAX_FILE_BYTES,
): Result<Workspace, ImportFailure> {
  const read: ReadFiles = { log: new ProblemLog(), raw: [], unreadable: new Map() };
  for (const file of files) readFile(file, limits, read);
  const ws = validateInto(read.raw, read.log, read.unreadable);
  const { log } = read;
  return ws ? ok(ws) : err({ problems: log.items, total: log.total, errors: log.errors });
}

/** What the files gave so far: their tables, the files of tables that could not be read, and every problem. */
interface ReadFiles {
  log: ProblemLog;
  raw: RawTable[];
  unreadable: Map<TableName, string[]>;
}

function readFile(file: InputFile, limits: Readonly<Record<FileFormat, number>>, read: ReadFiles): void {
  const { log } = read;
  const { base, stem, ext } = splitName(file.name);
  const failed = (t: TableName | null): void => {
    if (t) read.unreadable.set(t, [...(read.unreadable.get(t) ?? []), base]);
  };
  const lower = stem.trim().toLowerCase();
  const table = TABLE_NAMES.find((t) => t === lower) ?? null;
  const format = FORMATS.get(ext);
  if (format === 'json' && (lower.startsWith('scenario') || lower.startsWith('expected'))) {
    log.warn(base, null, null, base, `holds ${lower.startsWith('scenario') ? 'a scenario' : 'expected results'}, not a table; ignored`);
  } else if (format === 'later' && (table !== null || ext === 'xlsx')) {
    const kind = ext === 'xlsx' ? 'Excel (.xlsx)' : 'Parquet';
    log.error(table ?? base, null, null, base, `is a ${kind} file; ${kind} is not supported yet in this version: save the table as CSV or Arrow`);
    failed(table);
  } else if (format === undefined || format === 'later' || (table === null && format !== 'json')) {
    log.warn(base, null, null, base, `is not a table of the workspace (its name is none of ${TABLE_NAMES.join(', ')}); ignored`);
  } else if (file.bytes.length > limits[format]) {
    log.error(table ?? base, null, null, base, tooLarge(file.bytes.length, limits[format], FORMAT_NAMES[format]));
    failed(table);
  } else if (format === 'json') {
    const r = parseJson(file.bytes, table, base, (t) => readOptions(t, limits.json), log);
    read.raw.push(...r.tables);
    r.failed.forEach(failed);
  } else if (table !== null) {
    const opts = readOptions(table, limits[format]);
    const t = format === 'csv' ? parseCsv(file.bytes, table, base, opts, log) : parseArrow(file.bytes, table, base, opts, log);
    if (t) read.raw.push(t);
    else failed(table);
  }
}

const FORMAT_NAMES: Readonly<Record<FileFormat, string>> = { csv: 'CSV', json: 'JSON', arrow: 'Arrow' };

function splitName(name: string): { base: string; stem: string; ext: string } {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? { base, stem: base.slice(0, dot), ext: base.slice(dot + 1).toLowerCase() } : { base, stem: base, ext: '' };
}

/** A reader reads a table's model number columns as numbers, everything else as text. */
export function readOptions(table: TableName, maxBytes?: number): ReadOptions {
  const numeric = new Set(SCHEMA[table].columns.filter((c) => c.type.kind === 'number').map((c) => c.name));
  return maxBytes === undefined ? { isNumeric: (h) => numeric.has(h) } : { isNumeric: (h) => numeric.has(h), maxBytes };
}

