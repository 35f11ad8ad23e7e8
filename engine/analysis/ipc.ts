import { Dictionary, Int32, Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
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
