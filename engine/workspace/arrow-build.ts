import { Dictionary, Int32, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';
import type { Utf8Values } from './byte-dict';
import type { StringColumn } from './checked-table';

const encoder = new TextEncoder();

/**
 * A string column as Dictionary<Utf8, Int32>; code -1 becomes null (`nullable` false: there is
 * none). The codes array is reused (nulls' codes are set to 0), and a byte dictionary's UTF-8 is
 * used as it is: no string is made. `id` is the dictionary's id in its table (the column's
 * index): fixed, so the same table always has the same IPC bytes and hash.
 */
export function stringVector(col: StringColumn, nullable: boolean, id: number): Vector<Dictionary<Utf8, Int32>> {
  const codes = col.codes;
  const n = codes.length;
  let nulls = 0;
  for (let i = 0; nullable && i < n; i++) if ((codes[i] as number) < 0) nulls++;
  let nullBitmap: Uint8Array | undefined;
  if (nulls > 0) {
    nullBitmap = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) {
      if ((codes[i] as number) < 0) codes[i] = 0;
      else nullBitmap[i >> 3] = (nullBitmap[i >> 3] as number) | (1 << (i & 7));
    }
  }
  const values = col.byteDict ? trimmed(col.byteDict.utf8()) : encodeAll(col.dict);
  const dictionary = makeVector(
    makeData({ type: new Utf8(), length: values.offsets.length - 1, nullCount: 0, valueOffsets: values.offsets, data: values.data }),
  );
  const type = new Dictionary(new Utf8(), new Int32(), id);
  return makeVector(makeData({ type, length: n, nullCount: nulls, nullBitmap, data: codes, dictionary }));
}

/**
 * The values on buffers of their own size when the reader's grown buffers are mostly unused:
 * the workspace keeps its tables as long as it is open (a million ids left ~7 MB unused).
 */
function trimmed(v: Utf8Values): Utf8Values {
  const loose = <T extends Uint8Array | Int32Array>(a: T): boolean => a.byteLength * 4 < a.buffer.byteLength * 3 && a.buffer.byteLength > 1 << 16;
  return {
    offsets: loose(v.offsets) ? v.offsets.slice() : v.offsets,
    data: loose(v.data) ? v.data.slice() : v.data,
  };
}

/** Strings as UTF-8 values (one pass for ASCII, an encoder otherwise). */
export function encodeAll(strings: readonly string[]): Utf8Values {
  const n = strings.length;
  const offsets = new Int32Array(n + 1);
  let size = 0;
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const s = strings[i] as string;
    for (let k = 0; ascii && k < s.length; k++) if (s.charCodeAt(k) > 127) ascii = false;
    size += s.length;
    offsets[i + 1] = size;
  }
  if (ascii) {
    const data = new Uint8Array(size);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const s = strings[i] as string;
      for (let k = 0; k < s.length; k++) data[at++] = s.charCodeAt(k);
    }
    return { offsets, data };
  }
  const parts = strings.map((s) => encoder.encode(s));
  size = 0;
  parts.forEach((p, i) => {
    size += p.length;
    offsets[i + 1] = size;
  });
  const data = new Uint8Array(size);
  parts.forEach((p, i) => data.set(p, offsets[i] as number));
  return { offsets, data };
}

/**
 * Strings (null for an empty cell) as a plain Utf8 vector. Written out rather than through
 * apache-arrow's builders, whose null check is compiled with `new Function`: the app's
 * Content-Security-Policy forbids that in the browser worker.
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const n = values.length;
  let nulls = 0;
  const nullBitmap = new Uint8Array((n + 7) >> 3);
  values.forEach((v, i) => {
    if (v === null) nulls++;
    else nullBitmap[i >> 3] = (nullBitmap[i >> 3] as number) | (1 << (i & 7));
  });
  const { offsets, data } = encodeAll(values.map((v) => v ?? ''));
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: nulls > 0 ? nullBitmap : undefined, valueOffsets: offsets, data }));
}
