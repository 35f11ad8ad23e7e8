import { identity, sortByF64 } from '../util/radix-sort';

/**
 * Items (position indices) with float keys, queried by key range, where an item's key changes
 * over time: a sorted main array plus an unsorted pending list, merged when the pending list
 * grows past an eighth of the main one. An entry is live while its key still equals the item's
 * current key (`keyOf`); stale entries are dropped at the next merge. A range query costs a
 * binary search, the hits, and a scan of the pending list.
 */
export class SortedBag {
  private mainItem: Int32Array = new Int32Array(0);
  private mainKey: Float64Array = new Float64Array(0);
  private pendItem: Int32Array = new Int32Array(16);
  private pendKey: Float64Array = new Float64Array(16);
  private pendLength = 0;

  constructor(private readonly keyOf: Float64Array) {}

  get size(): number {
    return this.mainItem.length + this.pendLength;
  }

  clear(): void {
    this.mainItem = new Int32Array(0);
    this.mainKey = new Float64Array(0);
    this.pendLength = 0;
  }

  /** Records item's current key (keyOf[item] must already hold it). */
  add(item: number): void {
    if (this.pendLength === this.pendItem.length) {
      const items = new Int32Array(this.pendLength * 2);
      const keys = new Float64Array(this.pendLength * 2);
      items.set(this.pendItem);
      keys.set(this.pendKey);
      this.pendItem = items;
      this.pendKey = keys;
    }
    this.pendItem[this.pendLength] = item;
    this.pendKey[this.pendLength] = this.keyOf[item] as number;
    this.pendLength++;
    if (this.pendLength > 1024 && this.pendLength * 8 > this.mainItem.length) this.merge();
  }

  /**
   * Writes into `out` the live items with key in [lo, hi) and returns how many (an item may
   * appear twice if it was added twice with the same key; callers de-duplicate).
   */
  range(lo: number, hi: number, out: Int32Array): { out: Int32Array; count: number } {
    let buf = out;
    let n = 0;
    const push = (item: number) => {
      if (n === buf.length) {
        const grown = new Int32Array(Math.max(16, buf.length * 2));
        grown.set(buf);
        buf = grown;
      }
      buf[n++] = item;
    };
    const keys = this.mainKey;
    let a = 0;
    let b = keys.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((keys[mid] as number) < lo) a = mid + 1;
      else b = mid;
    }
    for (let k = a; k < keys.length && (keys[k] as number) < hi; k++) {
      const item = this.mainItem[k] as number;
      if (this.keyOf[item] === keys[k]) push(item);
    }
    for (let k = 0; k < this.pendLength; k++) {
      const key = this.pendKey[k] as number;
      const item = this.pendItem[k] as number;
      if (key >= lo && key < hi && this.keyOf[item] === key) push(item);
    }
    return { out: buf, count: n };
  }

  /** Sorts the pending entries into the main array, dropping stale ones. */
  private merge(): void {
    const np = this.pendLength;
    const perm = identity(np);
    const pendKey = this.pendKey;
    const pendItem = this.pendItem;
    sortByF64(perm, pendKey);
    const mainItem = this.mainItem;
    const mainKey = this.mainKey;
    const nm = mainItem.length;
    const keyOf = this.keyOf;
    const items = new Int32Array(nm + np);
    const keys = new Float64Array(nm + np);
    let i = 0;
    let j = 0;
    let w = 0;
    // Main first on equal keys: main is every entry merged so far by (key, order added).
    while (i < nm && j < np) {
      const pj = perm[j] as number;
      const km = mainKey[i] as number;
      const kp = pendKey[pj] as number;
      let item: number;
      let key: number;
      if (km <= kp) {
        item = mainItem[i++] as number;
        key = km;
      } else {
        item = pendItem[pj] as number;
        key = kp;
        j++;
      }
      if (keyOf[item] !== key) continue;
      items[w] = item;
      keys[w++] = key;
    }
    for (; i < nm; i++) {
      const item = mainItem[i] as number;
      const key = mainKey[i] as number;
      if (keyOf[item] !== key) continue;
      items[w] = item;
      keys[w++] = key;
    }
    for (; j < np; j++) {
      const pj = perm[j] as number;
      const item = pendItem[pj] as number;
      const key = pendKey[pj] as number;
      if (keyOf[item] !== key) continue;
      items[w] = item;
      keys[w++] = key;
    }
    // Views, not copies: the next merge replaces them anyway.
    this.mainItem = items.subarray(0, w);
    this.mainKey = keys.subarray(0, w);
    this.pendLength = 0;
  }
}
