import { CSV_SCAN_WASM } from './csv-scan-wasm';

/** Bytes of the file the scanner holds at a time; a record longer than this is tokenized in JS. */
const WINDOW = 1 << 20;
/** Text columns that get a table of their short values, and its slots at most (it takes values until half full). */
const TABLES = 8;
const TABLE_SLOTS = 1 << 16;
/** Codes a table slot can hold (ShortIndex's limit). */
const MAX_CODE = (1 << 27) - 2;

interface ScanExports {
  tokenize(pos: number, stopAt: number, max: number, n: number, atEnd: number, base: number, delim: number, ncols: number, ends: number, starts: number, out: number): number;
  numbers(j: number, k: number, base: number, ncols: number, tab: number, ends: number, starts: number, empties: number, vals: number, slow: number, pow: number, out: number): number;
  codes(j: number, k: number, base: number, ncols: number, tab: number, ends: number, starts: number, empties: number, codes: number, miss: number, table: number, mask: number, out: number): number;
  put(table: number, mask: number, a: number, len: number, code: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

/** The scanner's module, compiled once per thread; null where WebAssembly (or its SIMD) is not available. */
function scanModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(CSV_SCAN_WASM);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * CsvFastPath's hot loops in WebAssembly (csv-scan.wat): the tokenizer (16 bytes a step with
 * SIMD), plain decimals, and the codes of a text column's short values from a table of its own.
 * Measured on 60 MB of positions in one process (2026-12-01): the tokenizer 195 → 45 ms, the
 * whole read of the file 431–525 → 308–354 ms at best. The file is copied into its memory a
 * window at a time; `ends`, `starts` and the other arrays are views of that memory, which never grows.
 */
export class CsvScan {
  /** Cell ends and record starts (twice the rows: CsvFastPath keeps scratch in the second half), file positions. */
  readonly ends: Int32Array;
  readonly starts: Int32Array;
  /** Per record of the chunk, its empty cells (CsvFastPath's blank-line count). */
  readonly empties: Int32Array;
  /** numbers(): the values of the chunk's cells, and the records whose cells it left to the caller. */
  readonly values: Float64Array;
  readonly slow: Int32Array;
  /** codes(): the codes of the chunk's cells (its `slow` list holds the records it left to the caller). */
  readonly codeValues: Int32Array;
  private readonly window: Uint8Array;
  private readonly out: Int32Array;
  private readonly outF64: Float64Array;
  private readonly kernel: ScanExports;
  private readonly endsAt: number;
  private readonly startsAt: number;
  private readonly emptiesAt: number;
  private readonly valuesAt: number;
  private readonly slowAt: number;
  private readonly powAt: number;
  private readonly outAt: number;
  private readonly codesAt: number;
  private readonly tablesAt: number;
  /** Per column, its table (−1: none yet), and how many values each table holds. */
  private readonly tableOf: Int32Array;
  private readonly tableSize = new Int32Array(TABLES);
  private tablesUsed = 0;
  /** Where the window was last filled from (−1: not since the last tokenize call). */
  private base = -1;
  /** Bytes per record in the last window, to copy about as much as the next call reads. */
  private recordBytes = 0;
  /** Where the record after the last call's starts. */
  next = 0;
  /** A byte of 128 or more was scanned. */
  nonAscii = false;

  /** A scanner for chunks of up to `rows` records of `ncols` cells of a file of `fileBytes`; null without WebAssembly. */
  static make(rows: number, ncols: number, fileBytes: number, window = WINDOW): CsvScan | null {
    const mod = scanModule();
    if (!mod) return null;
    // A small file gets a small window and tables (a text column has at most a value per record).
    let slots = 256;
    while (slots < TABLE_SLOTS && slots < fileBytes / 4) slots *= 2;
    try {
      return new CsvScan(mod, rows, ncols, Math.max(1, Math.min(WINDOW, Math.floor(window), fileBytes)), slots);
    } catch {
      return null;
    }
  }

  private constructor(
    mod: WebAssembly.Module,
    rows: number,
    private readonly ncols: number,
    private readonly windowBytes: number,
    private readonly slots: number,
  ) {
    this.endsAt = (windowBytes + 32 + 63) & ~63;
    this.startsAt = this.endsAt + 4 * rows * ncols;
    this.emptiesAt = this.startsAt + 8 * rows;
    this.valuesAt = this.emptiesAt + 4 * rows;
    this.slowAt = this.valuesAt + 8 * rows;
    this.powAt = this.slowAt + 4 * rows;
    this.outAt = this.powAt + 8 * 10;
    this.codesAt = this.outAt + 64;
    this.tablesAt = (this.codesAt + 4 * rows + 63) & ~63;
    this.tableOf = new Int32Array(ncols).fill(-1);
    // Pages of tables never used are never touched: they take no memory.
    const memory = new WebAssembly.Memory({ initial: Math.ceil((this.tablesAt + Math.min(TABLES, ncols) * 16 * slots) / 65536) });
    const instance = new WebAssembly.Instance(mod, { env: { memory } });
    this.kernel = instance.exports as unknown as ScanExports;
    const buffer = memory.buffer;
    this.window = new Uint8Array(buffer, 0, windowBytes + 32);
    this.ends = new Int32Array(buffer, this.endsAt, rows * ncols);
    this.starts = new Int32Array(buffer, this.startsAt, 2 * rows);
    this.empties = new Int32Array(buffer, this.emptiesAt, rows);
    this.values = new Float64Array(buffer, this.valuesAt, rows);
    this.slow = new Int32Array(buffer, this.slowAt, rows);
    this.codeValues = new Int32Array(buffer, this.codesAt, rows);
    new Float64Array(buffer, this.powAt, 10).set(Array.from({ length: 10 }, (_, e) => Number(`1e${e}`)));
    this.out = new Int32Array(buffer, this.outAt, 16);
    this.outF64 = new Float64Array(buffer, this.outAt, 8);
  }

  /**
   * CsvFastPath.tokenize of bytes[pos…]: the cell ends of up to `max` records from `pos` (a
   * record that starts before `stopAt` is read whole) into `ends` and their starts into `starts`;
   * returns how many, with `next` set — or −1 when the record at `pos` is longer than the window.
   */
  tokenize(bytes: Uint8Array, pos: number, stopAt: number, max: number, delim: number): number {
    const n = bytes.length;
    const most = Math.min(n - pos, this.windowBytes);
    let len = most;
    if (this.recordBytes > 0) len = Math.min(len, Math.ceil(this.recordBytes * max * 1.25) + 1024);
    this.base = pos;
    for (;;) {
      const atEnd = pos + len === n;
      const w = this.window;
      w.set(bytes.subarray(pos, pos + len));
      w[len] = atEnd ? 0 : (bytes[pos + len] as number);
      w.fill(0, len + 1, len + 17);
      const k = this.kernel.tokenize(0, Math.min(stopAt, n) - pos, max, len, atEnd ? 1 : 0, pos, delim, this.ncols, this.endsAt, this.startsAt, this.outAt);
      const out = this.out;
      this.next = out[0] as number;
      if (out[1] !== 0) this.nonAscii = true;
      if (k > 0) this.recordBytes = (this.next - pos) / k;
      if (k > 0 || out[2] === 0) return k;
      // The window ended inside the first record: a larger one, or the caller's own tokenizer.
      if (len >= most) {
        this.base = -1;
        return -1;
      }
      len = most;
    }
  }

  /** The chunk just tokenized is in the window (numbers() reads it there). */
  get holdsChunk(): boolean {
    return this.base >= 0;
  }

  /**
   * CsvFastPath.numbers for column j of the k records just tokenized: plain decimals into
   * `values` (NaN for an empty cell, counted in `empties`); returns how many records' cells it
   * left in `slow` (their values are the caller's). `tab`: a tab is padding.
   */
  numbers(j: number, k: number, tab: boolean): number {
    return this.kernel.numbers(j, k, this.base, this.ncols, tab ? 1 : 0, this.endsAt, this.startsAt, this.emptiesAt, this.valuesAt, this.slowAt, this.powAt, this.outAt);
  }

  /** Column j's table of short values, or −1 (all in use). */
  table(j: number): number {
    let t = this.tableOf[j] as number;
    if (t < 0 && this.tablesUsed < Math.min(TABLES, this.ncols)) t = this.tableOf[j] = this.tablesUsed++;
    return t;
  }

  /**
   * CsvFastPath.strings for text column j of the k records just tokenized, with table t: the
   * codes of values in the table into `codeValues` (−1 for an empty cell, counted in `empties`);
   * returns how many records' cells it left in `slow` for the caller (who asks the column's
   * dictionary and then put()s the value).
   */
  codes(j: number, t: number, k: number, tab: boolean): number {
    return this.kernel.codes(j, k, this.base, this.ncols, tab ? 1 : 0, this.endsAt, this.startsAt, this.emptiesAt, this.codesAt, this.slowAt, this.tablesAt + t * 16 * this.slots, this.slots - 1, this.outAt);
  }

  /** Puts bytes[a, b) of the chunk with its code into table t (while it has room; values of 1–12 bytes). */
  put(t: number, a: number, b: number, code: number): void {
    const len = b - a;
    if (len < 1 || len > 12 || code > MAX_CODE || 2 * (this.tableSize[t] as number) >= this.slots) return;
    this.tableSize[t] = (this.tableSize[t] as number) + this.kernel.put(this.tablesAt + t * 16 * this.slots, this.slots - 1, a - this.base, len, code);
  }

  /** The last numbers() call's fast values: low, high, empty cells, values with a fraction part. */
  get low(): number {
    return this.outF64[2] as number;
  }
  get high(): number {
    return this.outF64[3] as number;
  }
  get empty(): number {
    return this.out[8] as number;
  }
  get fractional(): number {
    return this.out[9] as number;
  }
}
