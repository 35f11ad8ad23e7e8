import { Type, type DataType, type Table, type Vector } from 'apache-arrow';
import { readFloats, readStrings } from '../util/arrow-columns';

/** A column read once into typed arrays, for sorting, filtering and gathering pages. */
export type ColumnData =
  | { kind: 'number'; name: string; int: boolean; values: Float64Array }
  | { kind: 'string'; name: string; codes: Int32Array; dict: string[] }
  | { kind: 'bool'; name: string; values: Uint8Array };

const cache = new WeakMap<Table, Map<string, ColumnData>>();

function readBools(v: Vector<DataType>): Uint8Array {
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v.get(i) === true ? 1 : 0;
  return out;
}

/** The column `name` of `t` as typed arrays (cached per table), or null when there is no such column. */
export function columnData(t: Table, name: string): ColumnData | null {
  let byName = cache.get(t);
  if (!byName) {
    byName = new Map();
    cache.set(t, byName);
  }
  const hit = byName.get(name);
  if (hit) return hit;
  const v = t.getChild(name);
  if (!v) return null;
  const typeId = (v.type as DataType).typeId;
  let data: ColumnData;
  if (typeId === Type.Bool) data = { kind: 'bool', name, values: readBools(v) };
  else if (typeId === Type.Dictionary || typeId === Type.Utf8 || typeId === Type.LargeUtf8) data = { kind: 'string', name, ...readStrings(v) };
  else data = { kind: 'number', name, int: typeId === Type.Int, values: readFloats(v) };
  byName.set(name, data);
  return data;
}

export function columnNames(t: Table): string[] {
  return t.schema.fields.map((f) => f.name);
}
