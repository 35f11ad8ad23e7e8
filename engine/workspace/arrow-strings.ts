import { DataType, type Data, type Vector } from 'apache-arrow';
import { ByteDict } from './byte-dict';

/**
 * A string column of an Arrow table read straight from its UTF-8 buffers into a ByteDict (no
 * string per row): Utf8 chunks, or dictionary chunks over Utf8. Offsets and indices are checked
 * ('damaged' when they point outside their buffers). Null when the layout is another one (the
 * caller reads it value by value).
 */
export function byteStrings(v: Vector): { codes: Int32Array; dict: ByteDict } | 'damaged' | null {
  const dict = new ByteDict();
  const codes = new Int32Array(v.length);
  let at = 0;
  for (const d of v.data as Data[]) {
    if (d.offset !== 0) return null;
    let ok: boolean | null;
    if (DataType.isUtf8(d.type)) ok = utf8Chunk(d, dict, codes, at);
    else if (DataType.isDictionary(d.type) && d.dictionary && DataType.isUtf8(d.dictionary.type)) ok = dictChunk(d, d.dictionary, dict, codes, at);
    else ok = null;
    if (ok === null) return null;
    if (!ok) return 'damaged';
    at += d.length;
  }
  return at === v.length ? { codes, dict } : 'damaged';
}

function isNull(d: Data, i: number): boolean {
  const bits = d.nullBitmap;
  return d.nullCount > 0 && bits !== undefined && bits.length > 0 && (((bits[i >> 3] as number) >> (i & 7)) & 1) === 0;
}

/** Codes of one Utf8 chunk into codes[at…]; false when its offsets are damaged. */
function utf8Chunk(d: Data, dict: ByteDict, codes: Int32Array, at: number): boolean | null {
  const offsets = d.valueOffsets;
  const values = d.values;
  // An empty chunk may come with no offsets at all (writers leave the buffer out).
  if (d.length === 0) return true;
  if (!(offsets instanceof Int32Array) || !(values instanceof Uint8Array)) return null;
  if (offsets.length < d.length + 1) return false;
  for (let i = 0; i < d.length; i++) {
    const a = offsets[i] as number;
    const b = offsets[i + 1] as number;
    if (a < 0 || b < a || b > values.length) return false;
    codes[at + i] = isNull(d, i) ? -1 : dict.code(values, a, b);
  }
  return true;
}

/** Codes of one dictionary chunk: each dictionary value coded once, then the indices mapped. */
function dictChunk(d: Data, dictionary: Vector, dict: ByteDict, codes: Int32Array, at: number): boolean | null {
  const indices = d.values;
  if (!ArrayBuffer.isView(indices) || indices instanceof BigInt64Array || indices instanceof BigUint64Array) return null;
  const map = new Int32Array(dictionary.length);
  let k = 0;
  for (const c of dictionary.data as Data[]) {
    if (c.offset !== 0) return null;
    const part = new Int32Array(c.length);
    const ok = utf8Chunk(c, dict, part, 0);
    if (ok !== true) return ok;
    map.set(part, k);
    k += c.length;
  }
  const idx = indices as unknown as ArrayLike<number>;
  if (idx.length < d.length) return false;
  for (let i = 0; i < d.length; i++) {
    if (isNull(d, i)) {
      codes[at + i] = -1;
      continue;
    }
    const j = idx[i] as number;
    if (j < 0 || j >= map.length) return false;
    codes[at + i] = map[j] as number;
  }
  return true;
}
