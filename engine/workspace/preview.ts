import { Table, tableToIPC, type Vector } from 'apache-arrow';
import { utf8Vector } from './arrow-build';
import type { InputFile } from '../protocol';
import { chooseTables } from './choose-tables';
import { detectTable } from './detect-table';
import { MAX_FILE_BYTES, detectFormat, notTableJson, splitName, type FileFormat } from './formats';
import type { ImportOptions } from './import';
import { openFile } from './open-file';
import { ProblemLog, type ImportProblem } from './problems';
import type { TableName } from './schema';
import type { Source } from './source';
import { suggestMapping, type MappingSuggestion } from './suggest-mapping';

/** Rows a preview shows per source unless asked otherwise (at most MAX_PREVIEW_ROWS). */
export const PREVIEW_ROWS = 20;
export const MAX_PREVIEW_ROWS = 1000;

/** What an import would read from one source (a file, a workbook's sheet, a JSON document's key). */
export interface SourcePreview {
  /** The source's name: a file name, or `book.xlsx#Sheet` / `doc.json#key`; the key of ImportOptions.tables. */
  source: string;
  file: string;
  format: FileFormat;
  /** The table it would be read as; null when it would be left out. */
  table: TableName | null;
  /** What chose the table: the `tables` option, its name, or its columns. */
  tableFrom: 'option' | 'name' | 'columns' | null;
  /** Its columns as written in the file. */
  headers: string[];
  /**
   * Its first rows, every column as text (null = empty), as Arrow IPC stream bytes: one Utf8
   * column per header, in order (a repeated header gets " (2)" appended), then `_row`, the row
   * as the user finds it (CSV line, sheet row, record number) as text.
   */
  sample: Uint8Array;
  /** Rows in the whole source when known without reading it all, else null. */
  totalRows: number | null;
  /** How its columns map onto `table`, or onto the table they fit best when `table` is null. */
  suggestion: MappingSuggestion | null;
  /** Problems seen in what was read (first rows only: the import checks everything). */
  problems: ImportProblem[];
}

export interface WorkspacePreview {
  sources: SourcePreview[];
  /** Problems with files as a whole: unknown formats, unreadable files, files left out. */
  problems: ImportProblem[];
}

/**
 * What importing these files would read, without importing (for the import dialog): per
 * source, the table it is taken as and why, its headers, its first `rows` rows, and a suggested
 * mapping of its columns. `options` are those the import will get (tables chosen so far).
 */
export function previewFiles(files: readonly InputFile[], options: ImportOptions = {}, rows = PREVIEW_ROWS): WorkspacePreview {
  const log = new ProblemLog();
  const limits = options.limits ?? MAX_FILE_BYTES;
  const n = Math.max(1, Math.min(MAX_PREVIEW_ROWS, Math.floor(rows)));
  const sources: Source[] = [];
  for (const file of files) {
    const name = splitName(file.name);
    const format = detectFormat(name, file.bytes);
    if (format === null) log.warn(name.base, null, null, name.base, 'is not a table file (CSV, TSV, JSON, Arrow, Parquet or .xlsx); it would be ignored');
    else if (format === 'json' && notTableJson(name.stem) !== null) log.warn(name.base, null, null, name.base, `holds ${notTableJson(name.stem)}, not a table; it would be ignored`);
    else if (typeof format === 'object') log.error(name.base, null, null, name.base, format.unread);
    else sources.push(...(openFile(file, name, format, limits[format], log) ?? []));
  }
  const choices = chooseTables(sources, options.tables ?? {}, log);
  const previews = choices.map((c): SourcePreview => {
    const own = new ProblemLog();
    const peek = c.source.peek(n, own);
    const headers = peek?.headers ?? [];
    const suggestion = !peek ? null : c.table ? suggestMapping(headers, c.table, peek.columns) : (c.suggestion ?? detectTable(headers, peek.columns));
    return {
      source: c.source.name,
      file: c.source.file,
      format: c.source.format,
      table: c.table,
      tableFrom: c.how,
      headers,
      sample: sampleIpc(headers, peek?.columns ?? [], peek?.rowNumbers ?? []),
      totalRows: peek?.totalRows ?? null,
      suggestion,
      problems: own.items.map((p) => (c.table ? { ...p, table: c.table } : { ...p, table: c.source.name })),
    };
  });
  return { sources: previews, problems: log.items };
}

function sampleIpc(headers: readonly string[], columns: readonly (readonly (string | null)[])[], rowNumbers: readonly number[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  headers.forEach((h, j) => {
    let key = h;
    for (let k = 2; key in vectors || key === '_row'; k++) key = `${h} (${k})`;
    vectors[key] = utf8Vector(columns[j] ?? []);
  });
  vectors._row = utf8Vector(rowNumbers.map(String));
  return tableToIPC(new Table(vectors), 'stream');
}
