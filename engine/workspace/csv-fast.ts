import type { ByteDict } from './byte-dict';
import type { CsvColumns } from './csv-columns';
import type { CsvScanner } from './raw-table';
import { CsvScan } from './csv-scan';
import { DecimalScanner } from './parse-decimal';
import { ShortIndex } from './short-index';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const CHUNK_ROWS = 4096;
/** Files from this size on are tokenized by the WebAssembly scanner (below it, its set-up is not worth it). */
const SCAN_BYTES = 256 << 10;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const POW10 = Array.from({ length: 10 }, (_, e) => Number(`1e${e}`));

/** What one call of CsvFastPath.run did. */
export interface FastRun {
  /** Where reading stopped: the start of a record the fast path leaves to the full parser, or the end. */
  pos: number;
  /** Lines read (one per record: a record the fast path reads never spans lines). */
  lines: number;
}

/**
 * The common case of CSV, fast: records without quotes, on one line, with as many cells as the
 * header. It finds a chunk of records' cell boundaries first, then reads the chunk column by
 * column (numbers straight to float64, text through its column's dictionary), so each column's
 * state stays hot. It stops at the first record it cannot read (a quote, a wrong cell count, a
 * blank line); the full parser (CsvParser) reads that one and hands back. In large files the
 * WebAssembly scanner (CsvScan) does the tokenizing, the plain decimals and the codes of values
 * it has seen; the JavaScript here does the rest, and all of it where WebAssembly cannot run.
 */
export class CsvFastPath {
  private readonly starts: Int32Array;
  private readonly w0s = new Int32Array(CHUNK_ROWS);
  private readonly w1s = new Int32Array(CHUNK_ROWS);
  private readonly w2s = new Int32Array(CHUNK_ROWS);
  private readonly lens = new Int32Array(CHUNK_ROWS);
  private readonly ends: Int32Array;
  /** Per record of the chunk, its empty cells: a record whose every cell is empty is a blank line. */
  private readonly empties: Int32Array;
  private readonly num = new DecimalScanner();
  private readonly padTab: boolean;
  private readonly dv: DataView;
  private readonly indexes: (ShortIndex | undefined)[] = [];
  private readonly scan: CsvScan | null;

  /** `scanner` chooses the tokenizer: by default the WebAssembly one for files from 256 KiB on, where it can be compiled. */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly delim: number,
    private readonly ncols: number,
    scanner: CsvScanner = 'auto',
  ) {
    const wasm = scanner === 'wasm' || typeof scanner === 'object' || (scanner === 'auto' && bytes.length >= SCAN_BYTES);
    this.scan = wasm ? CsvScan.make(CHUNK_ROWS, ncols, bytes.length, typeof scanner === 'object' ? scanner.wasmWindow : undefined) : null;
    this.ends = this.scan ? this.scan.ends : new Int32Array(CHUNK_ROWS * ncols);
    this.starts = this.scan ? this.scan.starts : new Int32Array(2 * CHUNK_ROWS);
    this.empties = this.scan ? this.scan.empties : new Int32Array(CHUNK_ROWS);
    this.padTab = delim !== TAB;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * Reads records from `pos` into `cols` until `stopAt` (a record that starts before it is read
   * whole), `maxRows` rows are committed, or a record needs the full parser. Row r's line is
   * `line` plus the lines before it in this run.
   */
  run(pos: number, stopAt: number, maxRows: number, cols: CsvColumns, line: number): FastRun {
    let p = pos;
    let lines = 0;
    while (p < stopAt && cols.rows < maxRows) {
      const k = this.tokenize(p, stopAt, Math.min(CHUNK_ROWS, maxRows - cols.rows));
      if (k === 0) break;
      cols.ensure(cols.rows + k);
      this.empties.fill(0, 0, k);
      for (let j = 0; j < this.ncols; j++) {
        if (cols.numeric[j]) this.numbers(j, k, cols);
        else this.strings(j, k, cols);
      }
      const r0 = cols.rows;
      const rowNumbers = cols.rowNumbers;
      let kept = 0;
      for (let i = 0; i < k; i++) {
        if (this.empties[i] === this.ncols) continue;
        if (kept !== i) cols.moveRow(r0 + i, r0 + kept);
        rowNumbers[r0 + kept] = line + lines + i;
        kept++;
      }
      cols.rows = r0 + kept;
      lines += k;
      p = this.next;
    }
    return { pos: p, lines };
  }

  /** Where the record after the last tokenized one starts. */
  private next = 0;
  /** A byte of 128 or more was read: the file is not plain ASCII and must be checked as UTF-8. */
  get nonAscii(): boolean {
    return this.highByte || (this.scan?.nonAscii ?? false);
  }
  private highByte = false;

  /** Which tokenizer reads the file. */
  get scanner(): 'js' | 'wasm' {
    return this.scan ? 'wasm' : 'js';
  }

  private tokenize(pos: number, stopAt: number, max: number): number {
    if (this.scan && max > 0 && pos < stopAt) {
      const k = this.scan.tokenize(this.bytes, pos, stopAt, max, this.delim);
      if (k >= 0) {
        this.next = this.scan.next;
        return k;
      }
    }
    return this.tokenizeJs(pos, stopAt, max);
  }

  /**
   * Finds the cell ends of up to `max` clean records from pos; returns how many. Reads four
   * bytes at a time and takes every delimiter, line break and quote among them from a bit mask
   * (SWAR), so plain bytes cost a fraction of a step each.
   */
  private tokenizeJs(pos: number, stopAt: number, max: number): number {
    const bytes = this.bytes;
    const n = bytes.length;
    const delim = this.delim;
    const ncols = this.ncols;
    const ends = this.ends;
    const starts = this.starts;
    const dv = this.dv;
    const d4 = Math.imul(delim, 0x01010101);
    const low = delim < 0x2d;
    let recStart = pos;
    let f = 0;
    let base = 0;
    let i = 0;
    let skipLf = -1;
    let high = 0;
    let p = pos;
    this.next = pos;
    if (max <= 0 || pos >= stopAt) return 0;
    for (; p < n; p += 4) {
      let m: number;
      if (p + 4 <= n) {
        const w = dv.getInt32(p, true);
        high |= w;
        if (low) {
          // Exact per byte (no borrow crosses bytes): the delimiters, and every other byte below
          // 0x2D — line breaks and the quote among them (a few other characters too, such as the
          // space: they are looked at and passed over).
          const x = w ^ d4;
          const cells = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
          const other = ~(((w & 0x7f7f7f7f) + 0x53535353) | w | cells) & 0x80808080;
          if (other === 0) {
            // Only delimiters: most words of a line.
            for (let c = cells; c !== 0; c &= c - 1) {
              if (f === ncols) return this.stop(recStart, i, high);
              ends[base + f++] = p + ((31 - Math.clz32(c & -c)) >> 3);
            }
            continue;
          }
          m = cells | other;
        } else {
          const x1 = w ^ d4;
          const x2 = w ^ 0x0a0a0a0a;
          const x3 = w ^ 0x0d0d0d0d;
          const x4 = w ^ 0x22222222;
          m = (((x1 - 0x01010101) & ~x1) | ((x2 - 0x01010101) & ~x2) | ((x3 - 0x01010101) & ~x3) | ((x4 - 0x01010101) & ~x4)) & 0x80808080;
        }
      } else {
        m = 0;
        for (let q = p; q < n; q++) {
          const c = bytes[q] as number;
          high |= c;
          if (c === delim || c === LF || c === CR || c === QUOTE) m |= 0x80 << ((q - p) << 3);
        }
      }
      while (m !== 0) {
        const bit = m & -m;
        m ^= bit;
        const q = p + ((31 - Math.clz32(bit)) >> 3);
        const c = bytes[q] as number;
        if (c === delim) {
          if (f === ncols) return this.stop(recStart, i, high);
          ends[base + f++] = q;
        } else if (c === LF || c === CR) {
          if (q === skipLf) continue;
          if (c === CR && bytes[q + 1] !== LF) return this.stop(recStart, i, high);
          ends[base + f++] = q;
          if (f !== ncols) return this.stop(recStart, i, high);
          starts[i++] = recStart;
          recStart = c === CR ? q + 2 : q + 1;
          if (c === CR) skipLf = q + 1;
          f = 0;
          base += ncols;
          if (i === max || recStart >= stopAt) return this.stop(recStart, i, high);
        } else if (c === QUOTE) return this.stop(recStart, i, high);
      }
    }
    // The last record, without a line break.
    if (recStart < n) {
      ends[base + f++] = n;
      if (f !== ncols) return this.stop(recStart, i, high);
      starts[i++] = recStart;
      recStart = n;
    }
    return this.stop(recStart, i, high);
  }

  private stop(next: number, records: number, high: number): number {
    this.next = next;
    if ((high & 0x80808080) !== 0) this.highByte = true;
    return records;
  }

  private isPad(c: number): boolean {
    return c === SPACE || (c === TAB && this.padTab);
  }

  private numbers(j: number, k: number, cols: CsvColumns): void {
    const scan = this.scan;
    if (scan?.holdsChunk) this.scannedNumbers(scan, j, k, cols);
    else this.readNumbers(j, k, cols);
  }

  /** numbers() by the WebAssembly scanner: it reads the plain decimals, this the rest (as readNumbers). */
  private scannedNumbers(scan: CsvScan, j: number, k: number, cols: CsvColumns): void {
    const nslow = scan.numbers(j, k, this.padTab);
    const out = cols.nums[j] as Float64Array;
    const r0 = cols.rows;
    out.set(scan.values.subarray(0, k), r0);
    let low = scan.low;
    let high = scan.high;
    let empty = scan.empty;
    let fractional = scan.fractional;
    for (let s = 0; s < nslow; s++) {
      const i = scan.slow[s] as number;
      this.span(i, j);
      out[r0 + i] = this.slowNumber(this.spanStart, this.spanEnd, j, r0 + i, cols);
      const v = out[r0 + i] as number;
      if (v !== v) empty++;
      else {
        if (!Number.isInteger(v)) fractional++;
        if (v < low) low = v;
        if (v > high) high = v;
      }
    }
    cols.noteNumbers(j, low, high, empty, fractional);
  }

  /** Where cell j of the chunk's record i is, its padding trimmed (for the cells the scanner leaves: the hot loops inline this). */
  private span(i: number, j: number): void {
    const bytes = this.bytes;
    const ends = this.ends;
    let a = j === 0 ? (this.starts[i] as number) : (ends[i * this.ncols + j - 1] as number) + 1;
    let b = ends[i * this.ncols + j] as number;
    while (a < b && this.isPad(bytes[a] as number)) a++;
    while (b > a && this.isPad(bytes[b - 1] as number)) b--;
    this.spanStart = a;
    this.spanEnd = b;
  }
  private spanStart = 0;
  private spanEnd = 0;

  private readNumbers(j: number, k: number, cols: CsvColumns): void {
    const bytes = this.bytes;
    const ends = this.ends;
    const starts = this.starts;
    const ncols = this.ncols;
    const empties = this.empties;
    const out = cols.nums[j] as Float64Array;
    const r0 = cols.rows;
    // The chunk's bounds, for validation (NumberSummary): a value with a fraction part counts as fractional.
    let low = Infinity;
    let high = -Infinity;
    let empty = 0;
    let fractional = 0;
    for (let i = 0; i < k; i++) {
      let a = j === 0 ? (starts[i] as number) : (ends[i * ncols + j - 1] as number) + 1;
      let b = ends[i * ncols + j] as number;
      while (a < b && this.isPad(bytes[a] as number)) a++;
      while (b > a && this.isPad(bytes[b - 1] as number)) b--;
      if (a === b) {
        out[r0 + i] = NaN;
        empties[i]++;
        empty++;
        continue;
      }
      // Plain decimals ([-+]digits[.digits]) of up to 9 digits in int32 arithmetic (a short
      // dependency chain); anything else through the full scanner.
      let q = a;
      const sign = bytes[q] as number;
      if (sign === 45 || sign === 43) q++;
      const d0 = q;
      let mant = 0;
      let d = 0;
      // At most 10 digits are read: a 10th says the number is too long for this path.
      let lim = b < d0 + 10 ? b : d0 + 10;
      while (q < lim && (d = (bytes[q] as number) - 48) >= 0 && d <= 9) {
        mant = (mant * 10 + d) | 0;
        q++;
      }
      let digits = q - d0;
      let frac = 0;
      if (digits <= 9 && q < b && bytes[q] === 46) {
        const f0 = ++q;
        lim = b < f0 + 10 - digits ? b : f0 + 10 - digits;
        while (q < lim && (d = (bytes[q] as number) - 48) >= 0 && d <= 9) {
          mant = (mant * 10 + d) | 0;
          q++;
        }
        frac = q - f0;
        digits += frac;
      }
      if (q === b && digits > 0 && digits <= 9) {
        const u = frac === 0 ? mant : mant / (POW10[frac] as number);
        const v = sign === 45 ? -u : u;
        out[r0 + i] = v;
        if (frac !== 0) fractional++;
        if (v < low) low = v;
        if (v > high) high = v;
      } else {
        out[r0 + i] = this.slowNumber(a, b, j, r0 + i, cols);
        // Read back from the column: a call's result is a boxed number, and low and high would box with it.
        const v = out[r0 + i] as number;
        if (v !== v) empty++;
        else {
          if (!Number.isInteger(v)) fractional++;
          if (v < low) low = v;
          if (v > high) high = v;
        }
      }
    }
    cols.noteNumbers(j, low, high, empty, fractional);
  }

  private slowNumber(a: number, b: number, j: number, r: number, cols: CsvColumns): number {
    const v = this.num.scan(this.bytes, a, b);
    return this.num.end === b && v - v === 0 ? v : cols.numberOf(decoder.decode(this.bytes.subarray(a, b)), j, r);
  }

  /**
   * A text column. While its values come in ascending order (ids) the dictionary takes them
   * directly; otherwise values up to 12 bytes go through a ShortIndex first (exact, and far
   * cheaper than hashing and comparing bytes), longer ones through the dictionary, all in row order.
   */
  private strings(j: number, k: number, cols: CsvColumns): void {
    const bytes = this.bytes;
    const n = bytes.length;
    const dv = this.dv;
    const ends = this.ends;
    const starts = this.starts;
    const ncols = this.ncols;
    const empties = this.empties;
    const out = cols.codes[j] as Int32Array;
    const dict = cols.dicts[j] as ByteDict;
    const r0 = cols.rows;
    const scan = this.scan;
    if (scan?.holdsChunk && !dict.sorted) {
      const t = scan.table(j);
      if (t >= 0) {
        this.scannedStrings(scan, t, j, k, out, r0, dict, cols);
        return;
      }
    }
    let index = this.indexes[j];
    if (index === undefined) index = this.indexes[j] = new ShortIndex();
    if (!dict.sorted && index.size < SMALL_INDEX) {
      this.fewStrings(j, k, out, r0, dict, index, cols);
      return;
    }
    const { w0s, w1s, w2s, lens } = this;
    let empty = 0;
    // First every cell's key, then the lookups: independent loads, so the memory waits overlap.
    for (let i = 0; i < k; i++) {
      let a = j === 0 ? (starts[i] as number) : (ends[i * ncols + j - 1] as number) + 1;
      let b = ends[i * ncols + j] as number;
      while (a < b && this.isPad(bytes[a] as number)) a++;
      while (b > a && this.isPad(bytes[b - 1] as number)) b--;
      if (a === b) {
        out[r0 + i] = -1;
        lens[i] = 0;
        empties[i]++;
        empty++;
        continue;
      }
      const len = b - a;
      if (dict.sorted) {
        // −1 here too for a cell of other white space only (the dictionary trims it).
        const code = dict.code(bytes, a, b);
        out[r0 + i] = code;
        if (code < 0) empty++;
        lens[i] = 0;
        continue;
      }
      starts[k + i] = a;
      // Values the index cannot hold wait for the second loop too: codes follow first appearance.
      if (len > 12 || a + 8 > n) {
        lens[i] = -len;
        continue;
      }
      w0s[i] = len >= 4 ? dv.getInt32(a, true) : dv.getInt32(a, true) & (MASK[len] as number);
      w1s[i] = len <= 4 ? 0 : len >= 8 ? dv.getInt32(a + 4, true) : dv.getInt32(a + 4, true) & (MASK[len - 4] as number);
      w2s[i] = len <= 8 ? 0 : dv.getInt32(b - 4, true);
      lens[i] = len;
    }
    for (let i = 0; i < k; i++) {
      const len = lens[i] as number;
      if (len === 0) continue;
      if (len < 0) {
        const a = starts[k + i] as number;
        const code = dict.code(bytes, a, a - len);
        out[r0 + i] = code;
        if (code < 0) empty++;
        continue;
      }
      const w0 = w0s[i] as number;
      const w1 = w1s[i] as number;
      const w2 = w2s[i] as number;
      let code = index.get(w0, w1, w2, len);
      if (code < 0) {
        const a = starts[k + i] as number;
        code = dict.code(bytes, a, a + len);
        if (code >= 0) index.put(w0, w1, w2, len, code);
        else empty++;
      }
      out[r0 + i] = code;
    }
    cols.noteEmpty(j, empty);
  }

  /** strings() by the WebAssembly scanner: it codes the values in its table, the dictionary the rest (and they go into the table). */
  private scannedStrings(scan: CsvScan, t: number, j: number, k: number, out: Int32Array, r0: number, dict: ByteDict, cols: CsvColumns): void {
    const nmiss = scan.codes(j, t, k, this.padTab);
    out.set(scan.codeValues.subarray(0, k), r0);
    let empty = scan.empty;
    for (let s = 0; s < nmiss; s++) {
      const i = scan.slow[s] as number;
      this.span(i, j);
      // −1 here too for a cell of other white space only (the dictionary trims it).
      const code = dict.code(this.bytes, this.spanStart, this.spanEnd);
      out[r0 + i] = code;
      if (code < 0) empty++;
      else scan.put(t, this.spanStart, this.spanEnd, code);
    }
    cols.noteEmpty(j, empty);
  }

  /** strings() for a column with few values so far: key and lookup in one pass. */
  private fewStrings(j: number, k: number, out: Int32Array, r0: number, dict: ByteDict, index: ShortIndex, cols: CsvColumns): void {
    const bytes = this.bytes;
    const n = bytes.length;
    const dv = this.dv;
    const ends = this.ends;
    const starts = this.starts;
    const ncols = this.ncols;
    const empties = this.empties;
    let empty = 0;
    for (let i = 0; i < k; i++) {
      let a = j === 0 ? (starts[i] as number) : (ends[i * ncols + j - 1] as number) + 1;
      let b = ends[i * ncols + j] as number;
      while (a < b && this.isPad(bytes[a] as number)) a++;
      while (b > a && this.isPad(bytes[b - 1] as number)) b--;
      const len = b - a;
      if (len === 0) {
        out[r0 + i] = -1;
        empties[i]++;
        empty++;
        continue;
      }
      if (len > 12 || a + 8 > n) {
        const code = dict.code(bytes, a, b);
        out[r0 + i] = code;
        if (code < 0) empty++;
        continue;
      }
      const w0 = len >= 4 ? dv.getInt32(a, true) : dv.getInt32(a, true) & (MASK[len] as number);
      const w1 = len <= 4 ? 0 : len >= 8 ? dv.getInt32(a + 4, true) : dv.getInt32(a + 4, true) & (MASK[len - 4] as number);
      const w2 = len <= 8 ? 0 : dv.getInt32(b - 4, true);
      let code = index.get(w0, w1, w2, len);
      if (code < 0) {
        code = dict.code(bytes, a, b);
        if (code >= 0) index.put(w0, w1, w2, len, code);
        else empty++;
      }
      out[r0 + i] = code;
    }
    cols.noteEmpty(j, empty);
  }
}

const MASK = [0, 0xff, 0xffff, 0xffffff];
/** Below this many values a column's ShortIndex stays in the first-level cache: one pass, no overlap needed. */
const SMALL_INDEX = 512;
