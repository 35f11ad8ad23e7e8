import { ByteDict } from './byte-dict';
import type { CsvPart } from './csv-part';
import { parseDecimal } from './parse-decimal';
import { ByteStringColumn, type NumberSummary, type RawColumn, type RawNumberColumn, type RawTable } from './raw-table';
import type { TableName } from './schema';

const NO_F64 = new Float64Array(0);
const NO_I32 = new Int32Array(0);

/**
 * The columns of a CSV table as its records are read: numbers straight into Float64Arrays
 * (NaN = empty), everything else dictionary-encoded. Arrays grow by doubling; the parser writes
 * row `rows` and the caller commits it with `rows++`.
 */
export class CsvColumns {
  rows = 0;
  private capacity: number;
  readonly numeric: Uint8Array;
  readonly nums: Float64Array[] = [];
  readonly codes: Int32Array[] = [];
  readonly dicts: ByteDict[] = [];
  private readonly invalid: { row: number; text: string }[][] = [];
  rowNumbers: Int32Array;
  /**
   * Per number column, the bounds of the values written so far (see NumberSummary), while every
   * value went through noteNumbers or append: a record read by the full parser loses them.
   */
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly empty: Float64Array;
  private readonly fractional: Float64Array;
  private counted = true;

  /** With `space`, the columns are laid out in it (as many rows as fit) until they must grow. */
  constructor(
    readonly headers: readonly string[],
    numeric: readonly boolean[],
    capacity: number,
    space?: ArrayBufferLike,
  ) {
    const fits = space ? Math.floor(space.byteLength / rowBytes(numeric)) : 0;
    if (fits < 16) space = undefined;
    this.capacity = space ? fits : Math.max(16, capacity);
    this.numeric = Uint8Array.from(numeric, (x) => (x ? 1 : 0));
    // Float64 columns first, so that each starts at a multiple of 8 bytes.
    let at = 0;
    const f64 = (): Float64Array => {
      if (!space) return new Float64Array(this.capacity);
      const a = new Float64Array(space, at, this.capacity);
      at += a.byteLength;
      return a;
    };
    for (let j = 0; j < headers.length; j++) this.nums.push(numeric[j] ? f64() : NO_F64);
    const i32 = (): Int32Array => {
      if (!space) return new Int32Array(this.capacity);
      const a = new Int32Array(space, at, this.capacity);
      at += a.byteLength;
      return a;
    };
    for (let j = 0; j < headers.length; j++) {
      this.codes.push(numeric[j] ? NO_I32 : i32());
      this.dicts.push(new ByteDict());
      this.invalid.push([]);
    }
    this.rowNumbers = i32();
    this.low = new Float64Array(headers.length).fill(Infinity);
    this.high = new Float64Array(headers.length).fill(-Infinity);
    this.empty = new Float64Array(headers.length);
    this.fractional = new Float64Array(headers.length);
  }

  /** Values written to number column j by the fast path: their bounds (see NumberSummary). */
  noteNumbers(j: number, low: number, high: number, empty: number, fractional: number): void {
    if (low < (this.low[j] as number)) this.low[j] = low;
    if (high > (this.high[j] as number)) this.high[j] = high;
    this.empty[j] = (this.empty[j] as number) + empty;
    this.fractional[j] = (this.fractional[j] as number) + fractional;
  }

  /** Empty cells written to text column j by the fast path (its count feeds RawStringColumn.empty). */
  noteEmpty(j: number, empty: number): void {
    this.empty[j] = (this.empty[j] as number) + empty;
  }

  /** A value was written without noteNumbers or noteEmpty: no column's summary is known any more. */
  uncounted(): void {
    this.counted = false;
  }

  private summary(j: number): NumberSummary | undefined {
    if (!this.counted) return undefined;
    return { min: this.low[j] as number, max: this.high[j] as number, empty: this.empty[j] as number, fractional: this.fractional[j] as number };
  }

  /** Makes room for row `rows`. */
  reserve(): void {
    if (this.rows < this.capacity) return;
    this.grow(this.capacity * 2);
  }

  /** Makes room for `rows` rows in all. */
  ensure(rows: number): void {
    if (rows > this.capacity) this.grow(Math.max(rows, this.capacity * 2));
  }

  /** Copies row `from` to row `to` (to drop a blank record). */
  moveRow(from: number, to: number): void {
    for (let j = 0; j < this.headers.length; j++) {
      if (this.numeric[j]) (this.nums[j] as Float64Array)[to] = (this.nums[j] as Float64Array)[from] as number;
      else (this.codes[j] as Int32Array)[to] = (this.codes[j] as Int32Array)[from] as number;
      const invalid = this.invalid[j] as { row: number; text: string }[];
      for (let q = invalid.length - 1; q >= 0 && (invalid[q] as { row: number }).row >= from; q--) {
        const x = invalid[q] as { row: number };
        if (x.row === from) x.row = to;
      }
    }
  }

  private grow(cap: number): void {
    for (let j = 0; j < this.headers.length; j++) {
      if (this.numeric[j]) this.nums[j] = copyF64(this.nums[j] as Float64Array, cap);
      else this.codes[j] = copyI32(this.codes[j] as Int32Array, cap);
    }
    this.rowNumbers = copyI32(this.rowNumbers, cap);
    this.capacity = cap;
  }

  /**
   * The number in a cell the fast path could not read (a quoted cell, Unicode spaces, or not a
   * number at all: then it is listed as invalid and stored as NaN).
   */
  numberOf(text: string, j: number, r: number): number {
    const t = text.trim();
    if (t === '') return NaN;
    const v = parseDecimal(t);
    if (v - v === 0) return v;
    (this.invalid[j] as { row: number; text: string }[]).push({ row: r, text: t });
    return NaN;
  }

  /**
   * Appends a part of the same file read elsewhere (the records after this one's): numbers as
   * they are, codes through this table's dictionaries, lines counted from `lineAt` (the part's
   * first line).
   */
  append(part: CsvPart, lineAt: number): void {
    const r0 = this.rows;
    this.ensure(r0 + part.rows);
    for (let j = 0; j < this.headers.length; j++) {
      const col = part.columns[j];
      if (col === undefined) continue;
      if (col.kind === 'number') {
        (this.nums[j] as Float64Array).set(col.values, r0);
        const invalid = this.invalid[j] as { row: number; text: string }[];
        for (const x of col.invalid) invalid.push({ row: x.row + r0, text: x.text });
        const s = col.summary;
        if (s) this.noteNumbers(j, s.min, s.max, s.empty, s.fractional);
        else this.uncounted();
      } else {
        const map = (this.dicts[j] as ByteDict).absorb({ offsets: col.offsets, data: col.data }, col.sorted, col.distinct);
        const out = this.codes[j] as Int32Array;
        const codes = col.codes;
        let empty = 0;
        for (let i = 0; i < part.rows; i++) {
          const c = codes[i] as number;
          if (c < 0) empty++;
          out[r0 + i] = c < 0 ? c : (map[c] as number);
        }
        this.noteEmpty(j, empty);
      }
    }
    const lines = part.lines;
    const rowNumbers = this.rowNumbers;
    for (let i = 0; i < part.rows; i++) rowNumbers[r0 + i] = (lines[i] as number) + lineAt;
    this.rows = r0 + part.rows;
  }

  /** This table's columns as a part of a larger one (see append); the arrays are views of its own. */
  part(): CsvPart {
    const n = this.rows;
    const columns = this.headers.map((_, j): CsvPart['columns'][number] => {
      if (this.numeric[j]) {
        const summary = this.summary(j);
        const values = (this.nums[j] as Float64Array).subarray(0, n);
        return summary ? { kind: 'number', values, invalid: this.invalid[j] ?? [], summary } : { kind: 'number', values, invalid: this.invalid[j] ?? [] };
      }
      const dict = this.dicts[j] as ByteDict;
      const { offsets, data } = dict.utf8();
      return { kind: 'string', codes: (this.codes[j] as Int32Array).subarray(0, n), offsets, data, sorted: dict.sorted, distinct: dict.distinct };
    });
    return { rows: n, lines: this.rowNumbers.subarray(0, n), columns };
  }

  finish(table: TableName, source: string): RawTable {
    const n = this.rows;
    // A view when little is unused (it saves a copy of every column), a copy otherwise.
    const tight = n * 4 >= this.capacity * 3;
    const cut = <T extends Float64Array | Int32Array>(a: T): T => (tight ? (a.subarray(0, n) as T) : (a.slice(0, n) as T));
    const columns: RawColumn[] = this.headers.map((header, j): RawColumn => {
      if (!this.numeric[j]) return new ByteStringColumn(header, cut(this.codes[j] as Int32Array), this.dicts[j] as ByteDict, this.counted ? (this.empty[j] as number) : undefined);
      const summary = this.summary(j);
      const col: RawNumberColumn = { kind: 'number', header, values: cut(this.nums[j] as Float64Array), invalid: this.invalid[j] ?? [] };
      if (summary) col.summary = summary;
      return col;
    });
    return { table, source, rowCount: n, columns, rowNumbers: cut(this.rowNumbers) };
  }
}

/** Bytes a row takes in CsvColumns: 8 per number column, 4 per text column and 4 for its line. */
export function rowBytes(numeric: ArrayLike<boolean | number>): number {
  let n = 4;
  for (let j = 0; j < numeric.length; j++) n += numeric[j] ? 8 : 4;
  return n;
}

function copyF64(a: Float64Array, cap: number): Float64Array {
  const out = new Float64Array(cap);
  out.set(a);
  return out;
}

function copyI32(a: Int32Array, cap: number): Int32Array {
  const out = new Int32Array(cap);
  out.set(a);
  return out;
}
