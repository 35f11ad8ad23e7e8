import type {
  Float64,
  Uint8} from 'apache-arrow';
import {
  Bool,
  Dictionary,
  Int32,
  Utf8,
  makeData,
  makeVector,
  type Vector,
  type DataType,
} from 'apache-arrow';

/** Strings as one Arrow Utf8 vector (offsets + bytes), built without per-row objects. */
export function utf8Vector(strings: readonly string[]): Vector<Utf8> {
  const n = strings.length;
  const offsets = new Int32Array(n + 1);
  let ascii = true;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const s = strings[i] as string;
    for (let k = 0; k < s.length && ascii; k++) if (s.charCodeAt(k) > 127) ascii = false;
    bytes += s.length;
    offsets[i + 1] = bytes;
  }
  let data: Uint8Array;
  if (ascii) {
    data = new Uint8Array(bytes);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const s = strings[i] as string;
      for (let k = 0; k < s.length; k++) data[at++] = s.charCodeAt(k);
    }
  } else {
    const enc = new TextEncoder();
    const parts = strings.map((s) => enc.encode(s));
    bytes = 0;
    for (let i = 0; i < n; i++) {
      bytes += (parts[i] as Uint8Array).length;
      offsets[i + 1] = bytes;
    }
    data = new Uint8Array(bytes);
    for (let i = 0; i < n; i++) data.set(parts[i] as Uint8Array, offsets[i] as number);
  }
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets: offsets, data }));
}

/** A dictionary-encoded string column; code -1 becomes null. */
export function dictVector(codes: Int32Array, dict: readonly string[]): Vector<Dictionary<Utf8, Int32>> {
  let nulls = 0;
  for (let i = 0; i < codes.length; i++) if ((codes[i] as number) < 0) nulls++;
  let nullBitmap: Uint8Array | undefined;
  let data = codes;
  if (nulls > 0) {
    nullBitmap = new Uint8Array((codes.length + 7) >> 3);
    data = new Int32Array(codes.length);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i] as number;
      if (c >= 0) {
        nullBitmap[i >> 3] = (nullBitmap[i >> 3] as number) | (1 << (i & 7));
        data[i] = c;
      }
    }
  }
  const type = new Dictionary(new Utf8(), new Int32());
  return makeVector(
    makeData({ type, length: codes.length, nullCount: nulls, nullBitmap, data, dictionary: utf8Vector(dict) }),
  );
}

export function f64Vector(values: Float64Array): Vector<Float64> {
  return makeVector(values);
}

export function i32Vector(values: Int32Array): Vector<Int32> {
  return makeVector(values);
}

export function boolVector(values: Uint8Array): Vector<Bool> {
  const bits = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i]) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
  return makeVector(makeData({ type: new Bool(), length: values.length, nullCount: 0, data: bits }));
}

export function u8Vector(values: Uint8Array): Vector<Uint8> {
  return makeVector(values);
}

/** Reads any string-like Arrow vector as codes + dictionary (zero-copy for one-chunk dictionaries). */
export function readStrings(v: Vector<DataType>): { codes: Int32Array; dict: string[] } {
  const t = v.type as DataType;
  if (v.data.length === 1 && t instanceof Dictionary && v.nullCount === 0) {
    const d = v.data[0];
    const values = d?.values;
    // Arrow pads buffers: take exactly the column's rows.
    if (values instanceof Int32Array && d?.dictionary && d.offset === 0 && values.length >= v.length) {
      return { codes: values.subarray(0, v.length), dict: d.dictionary.toArray() as string[] };
    }
  }
  const codes = new Int32Array(v.length);
  const index = new Map<string, number>();
  const dict: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const raw: unknown = v.get(i);
    if (raw === null || raw === undefined) {
      codes[i] = -1;
      continue;
    }
    const s = String(raw);
    let c = index.get(s);
    if (c === undefined) {
      c = dict.length;
      index.set(s, c);
      dict.push(s);
    }
    codes[i] = c;
  }
  return { codes, dict };
}

/** Reads a numeric Arrow vector as float64, nulls as NaN (zero-copy for one null-free Float64 chunk). */
export function readFloats(v: Vector<DataType>): Float64Array {
  if (v.data.length === 1 && v.nullCount === 0) {
    const d = v.data[0];
    const values = d?.values;
    if (values instanceof Float64Array && d?.offset === 0 && values.length >= v.length) return values.subarray(0, v.length);
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v.get(i);
    out[i] = x === null || x === undefined ? NaN : Number(x);
  }
  return out;
}

/** Like dictVector, but the dictionary keeps only the strings the codes use (in first-use order). */
export function compactDictVector(codes: Int32Array, dict: readonly string[] | { length: number; get(i: number): string }): Vector<Dictionary<Utf8, Int32>> {
  if (Array.isArray(dict) && codes.length >= dict.length) return dictVector(codes, dict as readonly string[]);
  const at = Array.isArray(dict) ? (c: number) => (dict as readonly string[])[c] as string : (c: number) => (dict as { get(i: number): string }).get(c);
  const remap = new Map<number, number>();
  const used: string[] = [];
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c < 0) {
      out[i] = -1;
      continue;
    }
    let k = remap.get(c);
    if (k === undefined) {
      k = used.length;
      remap.set(c, k);
      used.push(at(c));
    }
    out[i] = k;
  }
  return dictVector(out, used);
}
