import type { ByteDict, Utf8Values } from './byte-dict';
import type { TableName } from './schema';

/**
 * A table as a reader produced it, before validation: typed columns under the file's own
 * headers, in file order. Every reader (CSV, JSON, Arrow, Parquet, Excel) returns this shape.
 */
export interface RawTable {
  table: TableName;
  /** File name or sheet name, for messages. */
  source: string;
  rowCount: number;
  columns: RawColumn[];
  /**
   * How the user finds record i (0-based) in the file: CSV line of the record's first line
   * (header = 1), Excel sheet row, otherwise i + 1. Absent means i + 1.
   */
  rowNumbers?: Int32Array;
  /**
   * Headers of columns the reader could not read (a type it cannot take, damaged data), each
   * already reported: validation goes on with the other columns, and does not call them missing.
   */
  unreadable?: string[];
}

/** Numbers: NaN marks an empty cell; cells that were text but not a number are listed in `invalid`. */
export interface RawNumberColumn {
  kind: 'number';
  header: string;
  values: Float64Array;
  /** Record indices whose cell could not be read as a number, with the text found. */
  invalid: { row: number; text: string }[];
  /** What the reader saw of `values` as it wrote them, where it kept count (the CSV reader). */
  summary?: NumberSummary;
}

/**
 * Bounds of a number column, counted as its values were written: every value lies in
 * [min, max] unless it is NaN; `empty` counts the NaNs (at least), `fractional` the values that
 * may not be integers (at least). Validation skips its pass over a column whose summary proves
 * every value in range (check-columns.ts).
 */
export interface NumberSummary {
  min: number;
  max: number;
  empty: number;
  fractional: number;
}

/** Strings, dictionary-encoded: codes[i] indexes dict; -1 marks an empty cell. */
export interface RawStringColumn {
  kind: 'string';
  header: string;
  codes: Int32Array;
  /** The distinct values. It may be made on first read from `byteDict`: use dictSize() for its length. */
  readonly dict: string[];
  /** The same values as UTF-8 bytes with an index over them, when the reader built one (CSV). */
  byteDict?: ByteDict;
  /** Empty cells (code −1), at least, as the reader counted them where it kept count (CSV): 0 proves none. */
  readonly empty?: number;
}

/** A string column read straight from bytes: its strings are made only if something reads them. */
export class ByteStringColumn implements RawStringColumn {
  readonly kind = 'string';
  private strings: string[] | null = null;

  constructor(
    public header: string,
    public codes: Int32Array,
    readonly byteDict: ByteDict,
    readonly empty?: number,
  ) {}

  get dict(): string[] {
    this.strings ??= this.byteDict.strings();
    return this.strings;
  }

  get utf8(): Utf8Values {
    return this.byteDict.utf8();
  }
}

/** How many distinct values a string column has, without making its strings. */
export function dictSize(col: { readonly dict: string[]; byteDict?: ByteDict }): number {
  return col.byteDict ? col.byteDict.size : col.dict.length;
}

export type RawColumn = RawNumberColumn | RawStringColumn;

/** What a reader is told about the columns it will meet: model columns that hold numbers. */
export interface ReadOptions {
  /** True when the column under this (normalised) header must be parsed as a number. */
  isNumeric(normalizedHeader: string): boolean;
  /** True when the column holds ids or references to them (MODEL §1): a true/false stored there is refused. */
  isIdentifier?(normalizedHeader: string): boolean;
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  /** CSV only: which tokenizer the fast path uses (see CsvFastPath); tests and benchmarks compare them. */
  scanner?: CsvScanner;
}

/** The CSV fast path's tokenizer: by file size (default), JavaScript, or WebAssembly (`window`: bytes it holds at a time; tests make it small). */
export type CsvScanner = 'auto' | 'js' | 'wasm' | { wasmWindow: number };

export function rowNumberOf(t: RawTable, i: number): number {
  return t.rowNumbers ? (t.rowNumbers[i] ?? i + 1) : i + 1;
}

/** Dictionary-encodes strings as a reader meets them. Empty strings (after trim) become -1. */
export class DictBuilder {
  private readonly index = new Map<string, number>();
  readonly dict: string[] = [];

  code(raw: string): number {
    const s = raw.trim();
    if (s === '') return -1;
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dict.length;
      this.index.set(s, c);
      this.dict.push(s);
    }
    return c;
  }
}
