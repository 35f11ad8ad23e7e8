import type { ByteDict } from './byte-dict';
import type { CsvColumns } from './csv-columns';
import { DecimalScanner } from './parse-decimal';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads CSV records straight from the file's bytes (already checked to be UTF-8), any record at
 * all: quoted cells, blank lines, wrong cell counts. Numbers are parsed while their end is
 * sought, and no string is made for a value already seen. CsvFastPath reads the plain records. After each call the fields below describe the record just read;
 * `pos` is where the next one starts.
 */
export class CsvParser {
  pos: number;
  /** Cells in the last record (all of them, also past the header's count). */
  fields = 0;
  /** Line breaks the last record spans, its terminator included. */
  lines = 0;
  /** Every cell of the last record empty and unquoted: a blank line or one of only delimiters. */
  blank = true;
  /** The first cell with text after its closing quote, or -1. */
  textAfterQuote = -1;
  /** The cell whose quote is never closed, or -1; it opens `unclosedQuoteLine` lines into the record. */
  unclosedQuote = -1;
  unclosedQuoteLine = 0;
  private readonly padTab: boolean;
  private readonly num = new DecimalScanner();
  private cols: CsvColumns | null = null;
  private texts: string[] = [];

  constructor(
    readonly bytes: Uint8Array,
    readonly delim: number,
    start: number,
  ) {
    this.pos = start;
    this.padTab = delim !== TAB;
  }

  /** Reads the record at `pos` as strings (the header). */
  textRecord(): string[] {
    this.texts = [];
    this.cols = null;
    this.record();
    return this.texts;
  }

  /** Reads the record at `pos` into row `cols.rows` (call `cols.reserve()` first). */
  dataRecord(cols: CsvColumns): void {
    // Its numbers are written without their bounds being counted.
    cols.uncounted();
    this.cols = cols;
    this.record();
  }

  private isPad(c: number): boolean {
    return c === SPACE || (c === TAB && this.padTab);
  }

  /**
   * Splits the record at `pos` into cells and stores each as it is found: into `texts` for the
   * header, else into row `cols.rows` of the columns (cells past the header's count are counted only).
   */
  private record(): void {
    const bytes = this.bytes;
    const n = bytes.length;
    const delim = this.delim;
    const cols = this.cols;
    const ncols = cols === null ? 0 : cols.headers.length;
    const r = cols === null ? 0 : cols.rows;
    let p = this.pos;
    let f = 0;
    let blank = true;
    this.lines = 0;
    this.textAfterQuote = -1;
    this.unclosedQuote = -1;
    for (;;) {
      let c = p < n ? (bytes[p] as number) : -1;
      while (this.isPad(c)) c = ++p < n ? (bytes[p] as number) : -1;
      const a = p;
      if (c === QUOTE) {
        const text = this.quoted(p, f);
        p = this.pos;
        c = p < n ? (bytes[p] as number) : -1;
        blank = false;
        if (cols === null) this.texts[f] = text;
        else if (f < ncols) {
          if (cols.numeric[f]) (cols.nums[f] as Float64Array)[r] = cols.numberOf(text, f, r);
          else (cols.codes[f] as Int32Array)[r] = (cols.dicts[f] as ByteDict).codeOf(text);
        }
      } else if (cols !== null && f < ncols && cols.numeric[f]) {
        let v = this.num.scan(bytes, p, n);
        p = this.num.end;
        c = p < n ? (bytes[p] as number) : -1;
        if (c !== delim && c !== LF && c !== CR && c !== -1) {
          while (p < n) {
            c = bytes[p] as number;
            if (c === delim || c === LF || c === CR) break;
            p++;
          }
          if (p >= n) c = -1;
          v = cols.numberOf(decoder.decode(bytes.subarray(a, p)), f, r);
        } else if (p === a) v = NaN;
        else if (v - v !== 0) v = cols.numberOf(decoder.decode(bytes.subarray(a, p)), f, r);
        if (p > a) blank = false;
        (cols.nums[f] as Float64Array)[r] = v;
      } else {
        while (p < n) {
          c = bytes[p] as number;
          if (c === delim || c === LF || c === CR) break;
          p++;
        }
        if (p >= n) c = -1;
        let b = p;
        while (b > a && this.isPad(bytes[b - 1] as number)) b--;
        if (b > a) blank = false;
        if (cols === null) this.texts[f] = decoder.decode(bytes.subarray(a, b));
        else if (f < ncols) {
          const dict = cols.dicts[f] as ByteDict;
          (cols.codes[f] as Int32Array)[r] = dict.code(bytes, a, b);
        }
      }
      f++;
      if (c === delim) {
        p++;
        continue;
      }
      if (c === CR) {
        p++;
        if (p < n && bytes[p] === LF) p++;
        this.lines++;
      } else if (c === LF) {
        p++;
        this.lines++;
      }
      break;
    }
    this.fields = f;
    this.blank = blank;
    this.pos = p;
  }

  /**
   * Reads the quoted cell opening at p (cell f): its unescaped text. Leaves `pos` at the
   * delimiter or line break after it, skipping (and noting) any text after the closing quote.
   */
  private quoted(p: number, f: number): string {
    const bytes = this.bytes;
    const n = bytes.length;
    const openLine = this.lines;
    let q = p + 1;
    let doubled = false;
    while (q < n) {
      const d = bytes[q] as number;
      if (d === QUOTE) {
        if (bytes[q + 1] !== QUOTE) break;
        doubled = true;
        q += 2;
        continue;
      }
      if (d === LF || (d === CR && bytes[q + 1] !== LF)) this.lines++;
      q++;
    }
    const raw = decoder.decode(bytes.subarray(p + 1, Math.min(q, n)));
    if (q >= n) {
      this.unclosedQuote = f;
      this.unclosedQuoteLine = openLine;
    }
    let e = q + 1;
    while (e < n && this.isPad(bytes[e] as number)) e++;
    let c = e < n ? (bytes[e] as number) : -1;
    if (c !== this.delim && c !== LF && c !== CR && c !== -1) {
      if (this.textAfterQuote < 0) this.textAfterQuote = f;
      while (e < n) {
        c = bytes[e] as number;
        if (c === this.delim || c === LF || c === CR) break;
        e++;
      }
    }
    this.pos = Math.min(e, n);
    return doubled ? raw.replaceAll('""', '"') : raw;
  }
}

/**
 * Picks the delimiter among `,` `;` tab `|`: the one found most often outside quotes on the first
 * line; `,` on a tie or when there is none.
 */
export function detectDelimiter(bytes: Uint8Array, start: number): number {
  const candidates = [44, 59, TAB, 124];
  const counts = [0, 0, 0, 0];
  let inQuote = false;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) inQuote = !inQuote;
    else if (!inQuote) {
      if (c === LF || c === CR) break;
      const k = candidates.indexOf(c);
      if (k >= 0) counts[k] = (counts[k] as number) + 1;
    }
  }
  let best = 0;
  for (let k = 1; k < 4; k++) if ((counts[k] as number) > (counts[best] as number)) best = k;
  return candidates[best] as number;
}
