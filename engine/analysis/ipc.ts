import { Bool, Dictionary, Float64, Int32, Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import { utf8Vector } from '../util/arrow-columns';

/** An Arrow IPC stream of named columns. */
export function ipcOf(columns: Record<string, Vector>): Uint8Array {
  return tableToIPC(new Table(columns), 'stream');
}

/**
 * Ids as a dictionary column with a fixed dictionary id (Arrow numbers dictionaries from a
 * process-wide counter otherwise, which would make the same table's bytes differ from run to
 * run). Analysis tables have one id column, so id 0 is theirs.
 */
export function idColumn(codes: Int32Array, dict: readonly string[]): Vector<Dictionary<Utf8, Int32>> {
  const type = new Dictionary(new Utf8(), new Int32(), 0);
  return makeVector(makeData({ type, length: codes.length, nullCount: 0, data: codes, dictionary: utf8Vector(dict) }));
}

/** The validity bitmap of rows where `valid` holds, and the number of the others (nulls). */
function validity(length: number, valid: (i: number) => boolean): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (valid(i)) nullBitmap[i >> 3] = (nullBitmap[i >> 3] as number) | (1 << (i & 7));
    else nullCount++;
  }
  return { nullBitmap, nullCount };
}

/** Float64 values with nulls where they are NaN (an empty CSV cell, not a number that means "none"). */
export function nullableF64(values: Float64Array): Vector<Float64> {
  return makeVector(makeData({ type: new Float64(), length: values.length, data: values, ...validity(values.length, (i) => !Number.isNaN(values[i])) }));
}

/** Int32 values with nulls where `isNull` holds (−1 for "never", in engine arrays). */
export function nullableI32(values: Int32Array, isNull: (v: number) => boolean): Vector<Int32> {
  return makeVector(makeData({ type: new Int32(), length: values.length, data: values, ...validity(values.length, (i) => !isNull(values[i] as number)) }));
}

/** Booleans with nulls where a value is not known (null in `values`). */
export function nullableBool(values: readonly (boolean | null)[]): Vector<Bool> {
  const data = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v) data[i >> 3] = (data[i >> 3] as number) | (1 << (i & 7));
  });
  return makeVector(makeData({ type: new Bool(), length: values.length, data, ...validity(values.length, (i) => values[i] !== null) }));
}
