import { err, ok, type Result } from '../util/result';
import { CsvColumns } from './csv-columns';
import { CsvFastPath } from './csv-fast';
import { cutPoint, partRows, partBytes, partSpace, type CsvPart, type HelperShare } from './csv-part';
import { CsvParser, detectDelimiter } from './csv-parser';
import { findInvalidUtf8, invalidUtf8Problem, textStart } from './decode-text';
import { ProblemLog, type ImportProblem } from './problems';
import type { RawTable, ReadOptions } from './raw-table';
import { checkHeaders, tooLarge } from './read-common';
import type { TableName } from './schema';

const MAX_COLUMNS = 4096;
const TAB = 9;
/** Files above this size are checked for UTF-8 while they are read rather than before. */
const CHECK_LATER_BYTES = 8 << 20;

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
  const reader = new CsvTableReader(bytes, table, source, opts, log);
  while (!reader.step(Infinity));
  return reader.result();
}

/**
 * readCsv in steps, so a long read can yield between them: `step(budget)` reads about `budget`
 * more bytes. `maxRows` stops after that many rows (a preview).
 */
export class CsvTableReader {
  /** Bytes read so far, of `bytes.length`. */
  done = 0;
  private finished = false;
  private parser: CsvParser | null = null;
  private fast: CsvFastPath | null = null;
  private cols: CsvColumns | null = null;
  private names: string[] = [];
  private line = 1;
  private slowRecords = 0;
  private checkLater = false;
  private readonly errorsBefore: number;
  /** Where this thread stops reading: the end, or the cut after which a helper reads the rest. */
  private end: number;
  private helping: Promise<CsvPart | null> | null = null;
  /** Part of the file was handed to the helper thread. */
  get shared(): boolean {
    return this.helping !== null;
  }
  private helped: CsvPart | null | undefined = undefined;
  /** Set while the reader waits for its helper: step() does nothing until it resolves. */
  waiting: Promise<void> | null = null;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly table: TableName,
    private readonly source: string,
    private readonly opts: ReadOptions,
    private readonly log: ProblemLog,
    private readonly maxRows = Infinity,
    private readonly helper: HelperShare | null = null,
  ) {
    this.errorsBefore = log.errors;
    this.end = bytes.length;
  }

  /** Reads on for about `budget` bytes; true when the whole table is read (or found unreadable). */
  step(budget: number): boolean {
    if (this.finished) return true;
    if (!this.cols && !this.start()) return this.finish();
    const parser = this.parser as CsvParser;
    const fast = this.fast as CsvFastPath;
    const cols = this.cols as CsvColumns;
    const n = this.end;
    const stopAt = Math.min(n, parser.pos + budget);
    while (parser.pos < n && cols.rows < this.maxRows) {
      const run = fast.run(parser.pos, stopAt, this.maxRows, cols, this.line);
      parser.pos = run.pos;
      this.line += run.lines;
      if (parser.pos >= stopAt || cols.rows >= this.maxRows) break;
      if (!this.slowRecord(parser, cols)) break;
    }
    this.done = parser.pos;
    if (parser.unclosedQuote >= 0 || cols.rows >= this.maxRows) return this.finish();
    if (parser.pos >= n && n < this.bytes.length) return this.joinHelper(parser, cols);
    if (parser.pos >= n) return this.finish();
    return false;
  }

  /** At the cut: takes the helper's part when it read it, else reads on here. */
  private joinHelper(parser: CsvParser, cols: CsvColumns): boolean {
    if (this.helped === undefined) {
      this.waiting ??= (this.helping as Promise<CsvPart | null>).then(() => undefined);
      return false;
    }
    this.waiting = null;
    const part = this.helped;
    this.end = this.bytes.length;
    if (part === null) return false;
    cols.append(part, this.line);
    parser.pos = this.end;
    return this.finish();
  }

  /** The table, or null when the file has problems (all logged). */
  result(): RawTable | null {
    const cols = this.cols;
    return cols && this.log.errors === this.errorsBefore ? cols.finish(this.table, this.source) : null;
  }

  private finish(): true {
    this.finished = true;
    this.done = this.bytes.length;
    if (this.checkLater && this.cols && (this.fast?.nonAscii || this.slowRecords > 0)) this.utf8Ok(textStart(this.bytes) as number);
    return true;
  }

  /** Whether the bytes from `start` are valid UTF-8; logs where they are not. */
  private utf8Ok(start: number): boolean {
    const bad = findInvalidUtf8(this.bytes, start);
    if (bad < 0) return true;
    const p = invalidUtf8Problem(this.bytes, bad);
    this.log.error(this.table, p.line, null, null, p.rule);
    return false;
  }

  /** Checks the file and reads its header; false when it cannot be read. */
  private start(): boolean {
    const { bytes, table, source, opts, log } = this;
    if (opts.maxBytes !== undefined && bytes.length > opts.maxBytes) {
      log.error(table, null, null, source, tooLarge(bytes.length, opts.maxBytes, 'CSV'));
      return false;
    }
    const start = textStart(bytes);
    if (typeof start !== 'number') {
      log.error(table, null, null, source, start.rule);
      return false;
    }
    // A large file is checked as it is read (most are plain ASCII, and then the check costs nothing).
    this.checkLater = bytes.length > CHECK_LATER_BYTES;
    if (!this.checkLater && !this.utf8Ok(start)) return false;
    const delim = source.toLowerCase().endsWith('.tsv') ? TAB : detectDelimiter(bytes, start);
    const parser = new CsvParser(bytes, delim, start);
    let headers: string[] | null = null;
    while (parser.pos < bytes.length && headers === null) {
      const texts = parser.textRecord();
      if (!parser.blank) {
        headers = texts.map((h) => h.trim());
        if (!quotesOk(parser, table, this.line, [], log)) return false;
      }
      this.line += parser.lines;
    }
    if (headers === null) {
      log.error(table, null, null, source, 'is empty; a header line naming the columns is expected');
      return false;
    }
    const headerLine = this.line - parser.lines;
    if (headers.length > MAX_COLUMNS) {
      log.error(table, headerLine, null, null, `has ${headers.length} columns; at most ${MAX_COLUMNS} are read`);
      return false;
    }
    const numeric = checkHeaders(headers, table, headerLine, opts, log);
    if (!numeric) return false;
    this.names = headers;
    this.parser = parser;
    this.fast = new CsvFastPath(bytes, delim, headers.length, opts.scanner);
    this.cols = new CsvColumns(headers, numeric, estimateRows(bytes, parser.pos, this.maxRows));
    if (this.helper?.parts.ready && this.maxRows === Infinity) this.startHelper(parser.pos, delim, this.helper);
    return true;
  }

  /** Hands the helper its share of the file (the end of it, or all of it); this thread reads up to the cut. */
  private startHelper(start: number, delim: number, helper: HelperShare): void {
    const cut = cutPoint(this.bytes, start, helper.share);
    if (cut < 0) return;
    this.end = cut;
    const numeric = (this.cols as CsvColumns).numeric;
    const bytes = partBytes(this.bytes, cut, (n) => helper.parts.room(n));
    this.helping = helper.parts.read(bytes, { delim, numeric: numeric.slice() }, partSpace(bytes, numeric)).then(
      (part) => (this.helped = part),
      () => (this.helped = null),
    );
  }

  /** Reads one record the fast path left (quotes, blank, wrong cell count); false at an unclosed quote. */
  private slowRecord(parser: CsvParser, cols: CsvColumns): boolean {
    const { bytes, table, names, log } = this;
    const at = parser.pos;
    this.slowRecords++;
    cols.reserve();
    parser.dataRecord(cols);
    if (!parser.blank) {
      const quotes = quotesOk(parser, table, this.line, names, log);
      if (parser.unclosedQuote >= 0) return false;
      if (parser.fields !== names.length) {
        const text = new TextDecoder().decode(bytes.subarray(at, Math.min(parser.pos, at + 200))).replace(/[\r\n]+$/, '');
        log.error(table, this.line, null, text, `has ${parser.fields} cells; the header has ${names.length}`);
      } else if (quotes) {
        cols.rowNumbers[cols.rows] = this.line;
        cols.rows++;
      }
    }
    this.line += parser.lines;
    return true;
  }
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
function estimateRows(bytes: Uint8Array, pos: number, maxRows: number): number {
  return Math.min(maxRows, 1 << 20, partRows(bytes, pos));
}
