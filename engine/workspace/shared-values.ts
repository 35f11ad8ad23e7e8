import type { ByteDict } from './byte-dict';
import type { StringColumn } from './checked-table';
import { dictSize } from './raw-table';

const encoder = new TextEncoder();

/**
 * Which values of `a` are also values of `b`: a flag per code of `a`, or null when none is.
 * Compares UTF-8 bytes through the readers' byte dictionaries when they have them (a merge when
 * both are sorted), so a million ids need no million strings.
 */
export function sharedValues(a: StringColumn, b: StringColumn): Uint8Array | null {
  const na = dictSize(a);
  const out = new Uint8Array(na);
  let any = false;
  if (a.byteDict && b.byteDict && a.byteDict.sorted && b.byteDict.sorted) any = merge(a.byteDict, b.byteDict, out);
  else if (b.byteDict) {
    const index = b.byteDict;
    const values = a.byteDict ? a.byteDict.utf8() : null;
    for (let k = 0; k < na; k++) {
      let found: number;
      if (values) found = index.find(values.data, values.offsets[k] as number, values.offsets[k + 1] as number);
      else {
        const bytes = encoder.encode(a.dict[k] as string);
        found = index.find(bytes, 0, bytes.length);
      }
      if (found >= 0) {
        out[k] = 1;
        any = true;
      }
    }
  } else {
    const index = new Set(b.dict);
    const dict = a.dict;
    for (let k = 0; k < na; k++) {
      if (!index.has(dict[k] as string)) continue;
      out[k] = 1;
      any = true;
    }
  }
  return any ? out : null;
}

/** Two dictionaries whose values are in ascending byte order: one pass over both. */
function merge(a: ByteDict, b: ByteDict, out: Uint8Array): boolean {
  const va = a.utf8();
  let i = 0;
  let j = 0;
  let any = false;
  while (i < a.size && j < b.size) {
    const order = b.compare(va.data, va.offsets[i] as number, va.offsets[i + 1] as number, j);
    if (order === 0) {
      out[i] = 1;
      any = true;
      i++;
      j++;
    } else if (order < 0) i++;
    else j++;
  }
  return any;
}
