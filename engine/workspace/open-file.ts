import type { InputFile } from '../protocol';
import { utf16AsUtf8 } from './decode-text';
import { tooLargeRule, type FileFormat, type FileName } from './formats';
import type { ProblemLog } from './problems';
import { parseArrow } from './read-arrow';
import { CsvTableReader } from './read-csv';
import { NOT_JSON, isJsonObject, openJson, rowsToTable } from './read-json';
import { parquetSource } from './read-parquet';
import { xlsxSources } from './read-xlsx';
import type { TableName } from './schema';
import { AS_TEXT, oneStep, peekOf, SHARED, tableNamed, type Source } from './source';

/** How many bytes a CSV reader reads between two yields (a few ms of work). */
const CSV_STEP_BYTES = 1 << 20;

/**
 * The sources (table-sized parts) of one file in a known format, or null when the file cannot
 * be opened at all (the problem is logged against `blame`: its table, or the file).
 */
export function openFile(given: InputFile, name: FileName, format: FileFormat, limit: number, log: ProblemLog): Source[] | null {
  const blame = tableNamed(name.stem) ?? name.base;
  if (given.bytes.length > limit) {
    log.error(blame, null, null, name.base, tooLargeRule(given.bytes.length, format, limit));
    return null;
  }
  // Text files read as UTF-8 (a too large one is refused above, before any copy).
  const file = format === 'csv' || format === 'json' ? { ...given, bytes: utf16AsUtf8(given.bytes) } : given;
  const { bytes } = file;
  const named = tableNamed(name.stem);
  switch (format) {
    case 'csv':
      return [csvSource(file, name, named)];
    case 'arrow':
      return [
        {
          name: name.base,
          file: name.base,
          named,
          format,
          bytes: bytes.length,
          peek: (rows, log) => {
            const t = parseArrow(bytes, named ?? 'assets', name.base, AS_TEXT, log, rows);
            return t ? peekOf(t, null) : null;
          },
          read: (table, opts, log) => oneStep(bytes.length, () => parseArrow(bytes, table, name.base, opts, log)),
        },
      ];
    case 'json':
      return jsonSources(file, name, named, log);
    case 'parquet':
      return parquetSource(file, name, named, log);
    case 'xlsx':
      return xlsxSources(file, name, named, log);
  }
}

function csvSource(file: InputFile, name: FileName, named: TableName | null): Source {
  const { bytes } = file;
  return {
    name: name.base,
    file: name.base,
    named,
    format: 'csv',
    bytes: bytes.length,
    peek: (rows, log) => {
      const reader = new CsvTableReader(bytes, named ?? 'assets', name.base, AS_TEXT, log, rows);
      while (!reader.step(Infinity));
      const t = reader.result();
      return t ? peekOf(t, null) : null;
    },
    read: function* (table, opts, log, helper) {
      const reader = new CsvTableReader(bytes, table, name.base, opts, log, Infinity, helper ?? null);
      let shared = false;
      while (!reader.step(CSV_STEP_BYTES)) {
        if (reader.shared && !shared) {
          shared = true;
          yield SHARED;
        }
        yield reader.waiting ?? reader.done;
      }
      return reader.result();
    },
  };
}

/** A JSON file: one source when it holds rows, one per key when it holds a document of tables. */
function jsonSources(file: InputFile, name: FileName, named: TableName | null, log: ProblemLog): Source[] | null {
  const doc = openJson(file.bytes, named ?? name.base, name.base, undefined, log);
  if (doc === NOT_JSON) return null;
  const source = (key: string | null, rows: unknown, share: number): Source => ({
    name: key === null ? name.base : `${name.base}#${key}`,
    file: name.base,
    named: key === null ? named : tableNamed(key),
    format: 'json',
    bytes: share,
    peek: (n, log) => {
      const t = rowsToTable(rows, (key === null ? named : tableNamed(key)) ?? 'assets', name.base, AS_TEXT, log, n);
      return t ? peekOf(t, Array.isArray(rows) ? rows.length : null) : null;
    },
    read: (table, opts, log) => oneStep(share, () => rowsToTable(rows, table, name.base, opts, log)),
  });
  if (Array.isArray(doc)) return [source(null, doc, file.bytes.length)];
  if (!isJsonObject(doc)) {
    log.error(named ?? name.base, null, null, name.base, 'must hold an array of row objects, or an object whose keys are table names');
    return null;
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) {
    log.error(named ?? name.base, null, null, name.base, 'is an empty document: it must hold an array of row objects, or an object whose keys are table names');
    return null;
  }
  return keys.map((k) => source(k, doc[k], Math.floor(file.bytes.length / keys.length)));
}
