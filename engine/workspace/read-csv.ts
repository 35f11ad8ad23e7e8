import { err, ok, type Result } from '../util/result';
import { CsvColumns } from './csv-columns';
import { CsvParser, detectDelimiter } from './csv-parser';
import { findInvalidUtf8, invalidUtf8Problem, textStart } from './decode-text';
import { ProblemLog, type ImportProblem } from './problems';
import type { RawTable, ReadOptions } from './raw-table';
import { checkHeaders, tooLarge } from './read-common';
import type { TableName } from './schema';

const MAX_COLUMNS = 4096;
const TAB = 9;
const LF = 10;

/**
 * Reads one workspace table from CSV bytes (MODEL §1): UTF-8 with or without BOM, LF or CRLF,
 * delimiter `,` `;` tab or `|` (tab for `.tsv`), quoted cells with delimiters, doubled quotes and
 * line breaks. Cells are trimmed; blank lines skipped. Row numbers are file lines (header = 1).
 * Model number columns (`opts.isNumeric`) become Float64Arrays; other cells are dictionary-encoded.
 */
export function readCsv(bytes: Uint8Array, table: TableName, source: string, opts: ReadOptions): Result<RawTable, ImportProblem[]> {
  const log = new ProblemLog();
  const t = parseCsv(bytes, table, source, opts, log);
  return t ? ok(t) : err(log.items);
}

/** readCsv into a shared log: the table, or null when the file has problems (all logged). */
export function parseCsv(bytes: Uint8Array, table: TableName, source: string, opts: ReadOptions, log: ProblemLog): RawTable | null {
  if (opts.maxBytes !== undefined && bytes.length > opts.maxBytes) {
    log.error(table, null, null, source, tooLarge(bytes.length, opts.maxBytes, 'CSV'));
    return null;
  }
  const start = textStart(bytes);
  if (typeof start !== 'number') {
    log.error(table, null, null, source, start.rule);
    return null;
  }
  const bad = findInvalidUtf8(bytes, start);
  if (bad >= 0) {
    const p = invalidUtf8Problem(bytes, bad);
    log.error(table, p.line, null, null, p.rule);
    return null;
  }
  const errorsBefore = log.errors;
  const delim = source.toLowerCase().endsWith('.tsv') ? TAB : detectDelimiter(bytes, start);
  const parser = new CsvParser(bytes, delim, start);
  let line = 1;
  let headers: string[] | null = null;
  while (parser.pos < bytes.length && headers === null) {
    const texts = parser.textRecord();
    if (!parser.blank) {
      headers = texts.map((h) => h.trim());
      if (!quotesOk(parser, table, line, [], log)) return null;
    }
    line += parser.lines;
  }
  if (headers === null) {
    log.error(table, null, null, source, 'is empty; a header line naming the columns is expected');
    return null;
  }
  const headerLine = line - parser.lines;
  if (headers.length > MAX_COLUMNS) {
    log.error(table, headerLine, null, null, `has ${headers.length} columns; at most ${MAX_COLUMNS} are read`);
    return null;
  }
  const numeric = checkHeaders(headers, table, headerLine, opts, log);
  if (!numeric) return null;
  const cols = new CsvColumns(headers, numeric, estimateRows(bytes, parser.pos));
  const names = headers;
  while (parser.pos < bytes.length) {
    const at = parser.pos;
    cols.reserve();
    parser.dataRecord(cols);
    if (!parser.blank) {
      const quotes = quotesOk(parser, table, line, names, log);
      if (parser.unclosedQuote >= 0) break;
      if (parser.fields !== names.length) {
        const text = new TextDecoder().decode(bytes.subarray(at, Math.min(parser.pos, at + 200))).replace(/[\r\n]+$/, '');
        log.error(table, line, null, text, `has ${parser.fields} cells; the header has ${names.length}`);
      } else if (quotes) {
        cols.rowNumbers[cols.rows] = line;
        cols.rows++;
      }
    }
    line += parser.lines;
  }
  return log.errors === errorsBefore ? cols.finish(table, source) : null;
}

/** Logs a quote left open or text after a closing quote; `names` name the cells (the header's). */
function quotesOk(p: CsvParser, table: TableName, line: number, names: readonly string[], log: ProblemLog): boolean {
  if (p.unclosedQuote >= 0) {
    const rule = 'opens a quote that is never closed; close it or remove it';
    log.error(table, line + p.unclosedQuoteLine, nameOf(names, p.unclosedQuote), null, rule);
    return false;
  }
  if (p.textAfterQuote >= 0) {
    const rule = 'has text after its closing quote; quote the whole cell and double any quote inside it ("")';
    log.error(table, line, nameOf(names, p.textAfterQuote), null, rule);
    return false;
  }
  return true;
}

function nameOf(names: readonly string[], i: number): string {
  return names[i] ?? `column ${i + 1}`;
}

/** Rows to allocate at first, from the length of the first data line; the arrays grow as needed. */
function estimateRows(bytes: Uint8Array, pos: number): number {
  const lf = bytes.indexOf(LF, pos);
  const lineBytes = Math.max(8, (lf < 0 ? bytes.length : lf + 1) - pos);
  return Math.min(1 << 20, Math.ceil(((bytes.length - pos) / lineBytes) * 1.1) + 16);
}
