import { Dictionary, type DataType, type Vector } from 'apache-arrow';
import { readStrings, utf8Vector } from './arrow-columns';
import { identity, sortByF64 } from './radix-sort';

/** An id column as its UTF-8 dictionary and per-row codes, without decoding a string. */
export interface IdColumn {
  offsets: Int32Array;
  bytes: Uint8Array;
  codes: Int32Array;
}

export function idColumn(v: Vector<DataType>): IdColumn {
  const d = v.data[0];
  const dict = d?.dictionary?.data;
  if (v.data.length === 1 && v.type instanceof Dictionary && d && d.offset === 0 && d.values instanceof Int32Array && dict?.length === 1) {
    const u = dict[0];
    if (u && u.offset === 0 && u.valueOffsets instanceof Int32Array && u.values instanceof Uint8Array) {
      return { offsets: u.valueOffsets, bytes: u.values, codes: d.values.subarray(0, v.length) };
    }
  }
  const { codes, dict: strings } = readStrings(v);
  const u = utf8Vector(strings).data[0];
  if (!u?.valueOffsets || !(u.values instanceof Uint8Array)) throw new Error('idColumn: a Utf8 vector without buffers');
  return { offsets: u.valueOffsets as Int32Array, bytes: u.values, codes };
}

const decoder = new TextDecoder();

/**
 * Ids kept as UTF-8 bytes from one or more id columns, in a chosen order, decoded only when
 * asked for: a million position ids as JS strings cost ~45 MB of heap that a run never reads.
 */
export class IdList {
  constructor(
    private readonly columns: readonly IdColumn[],
    /** For entry i: which column, and the row in it. */
    private readonly column: Uint8Array,
    private readonly row: Int32Array,
  ) {}

  get length(): number {
    return this.row.length;
  }

  get(i: number): string {
    const col = this.columns[this.column[i] as number] as IdColumn;
    const c = col.codes[this.row[i] as number] as number;
    return decoder.decode(col.bytes.subarray(col.offsets[c] as number, col.offsets[c + 1] as number));
  }

  /** The entry of an id, or −1 (a scan: for tests and rare look-ups). */
  indexOf(id: string): number {
    for (let i = 0; i < this.row.length; i++) if (this.get(i) === id) return i;
    return -1;
  }

  /** The same ids in another order: entry k of the result is entry order[k] of this list. */
  reorder(order: Int32Array): IdList {
    const column = new Uint8Array(order.length);
    const row = new Int32Array(order.length);
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      column[k] = this.column[i] as number;
      row[k] = this.row[i] as number;
    }
    return new IdList(this.columns, column, row);
  }

  /**
   * An order of the entries that depends only on the ids, never on the order they came in:
   * by a 52-bit FNV-1a hash of the bytes, ties by byte comparison. Linear time; canonical, not
   * alphabetical.
   */
  canonicalOrder(): Int32Array {
    const n = this.row.length;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const col = this.columns[this.column[i] as number] as IdColumn;
      const c = col.codes[this.row[i] as number] as number;
      keys[i] = hashBytes(col.bytes, col.offsets[c] as number, col.offsets[c + 1] as number);
    }
    const perm = identity(n);
    sortByF64(perm, keys);
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && keys[perm[j] as number] === keys[perm[i] as number]) j++;
      if (j - i > 1) perm.set(Array.from(perm.subarray(i, j)).sort((a, b) => this.compare(a, b) || a - b), i);
      i = j;
    }
    return perm;
  }

  private compare(a: number, b: number): number {
    const ca = this.columns[this.column[a] as number] as IdColumn;
    const cb = this.columns[this.column[b] as number] as IdColumn;
    const xa = ca.codes[this.row[a] as number] as number;
    const xb = cb.codes[this.row[b] as number] as number;
    let i = ca.offsets[xa] as number;
    let j = cb.offsets[xb] as number;
    const ie = ca.offsets[xa + 1] as number;
    const je = cb.offsets[xb + 1] as number;
    for (; i < ie && j < je; i++, j++) {
      const d = (ca.bytes[i] as number) - (cb.bytes[j] as number);
      if (d !== 0) return d;
    }
    return ie - i - (je - j);
  }
}

/** Two 32-bit FNV-1a hashes of bytes[start, end) folded into 52 bits, exact in a double. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 13);
  }
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff);
}
