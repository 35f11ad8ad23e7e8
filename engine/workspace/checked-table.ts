import type { ByteDict } from './byte-dict';
import type { NumberSummary, RawColumn, RawTable } from './raw-table';
import { rowNumberOf } from './raw-table';
import type { TableName, TableSpec } from './schema';

/**
 * A string column as the validator keeps it: codes into dict, -1 = empty. Its dict may be made
 * only when read (see RawStringColumn): use dictSize() for its length.
 */
export interface StringColumn {
  codes: Int32Array;
  readonly dict: string[];
  byteDict?: ByteDict;
}

/**
 * One table after its cells were checked (MODEL §1): model columns under their MODEL names,
 * numbers with defaults filled (NaN = empty or unreadable), enums lower-cased, string defaults
 * filled. A required column the file lacks is in `missing` and in neither map.
 */
export interface CheckedTable {
  name: TableName;
  spec: TableSpec;
  raw: RawTable;
  rows: number;
  numbers: Map<string, Float64Array>;
  /** The reader's bounds of the number columns it proved in range (their values as read): later checks may skip a pass on them. */
  bounds: Map<string, NumberSummary>;
  strings: Map<string, StringColumn>;
  missing: Set<string>;
  /** Columns that are not in the model, kept as read, in file order. */
  unknown: RawColumn[];
}

/** The row as the user finds it in the file (CSV line, record number). */
export function rowOf(t: CheckedTable, i: number): number {
  return rowNumberOf(t.raw, i);
}

/** The text of row i of a string column, or null when the cell is empty. */
export function textAt(col: StringColumn, i: number): string | null {
  const c = col.codes[i] as number;
  return c < 0 ? null : (col.dict[c] as string);
}

/** "1.5" rather than "1.5000000000000002": a number as people write it, for rule texts. */
export function showNumber(v: number): string {
  return String(Number(v.toPrecision(12)));
}
