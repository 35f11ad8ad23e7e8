import { identity, sortByF64 } from '../util/radix-sort';

/**
 * Items (position indices) with float keys, queried by key range, where an item's key changes
 * over time: a sorted main array plus an unsorted pending list, merged when the pending list
 * grows past a quarter of the main one. An entry is live while its key still equals the item's
 * current key (`keyOf`); stale entries are dropped at the next merge. A range query costs a
 * binary search, the hits, and a scan of the pending list.
 *
 * A merge does not read every item's key: `add` is told the key an item leaves behind, so the
 * merge looks only at the main array's runs of those keys (binary search) for stale entries.
 */
export class SortedBag {
  private mainItem: Int32Array = new Int32Array(0);
  private mainKey: Float64Array = new Float64Array(0);
  /** The merge writes here, then main and spare swap: two buffers per bag, kept across runs. */
  private spareItem: Int32Array = new Int32Array(0);
  private spareKey: Float64Array = new Float64Array(0);
  private pendItem: Int32Array = new Int32Array(16);
  private pendKey: Float64Array = new Float64Array(16);
  private pendLength = 0;
  /** Keys left behind since the last merge: the only keys under which main entries can be stale. */
  private leftKey: Float64Array = new Float64Array(16);
  private leftLength = 0;

  constructor(private readonly keyOf: Float64Array) {}

  get size(): number {
    return this.mainItem.length + this.pendLength;
  }

  clear(): void {
    this.mainItem = this.mainItem.subarray(0, 0);
    this.mainKey = this.mainKey.subarray(0, 0);
    this.pendLength = 0;
    this.leftLength = 0;
  }

  /**
   * Records item's current key (keyOf[item] must already hold it). `leftKey` is the key the
   * item was last added with when it is in the bag already (its entries under that key go
   * stale unless the key is the same); omit it for an item not in the bag.
   */
  add(item: number, leftKey?: number): void {
    if (this.pendLength === this.pendItem.length) {
      this.pendItem = grownI32(this.pendItem);
      this.pendKey = grownF64(this.pendKey);
    }
    const key = this.keyOf[item] as number;
    this.pendItem[this.pendLength] = item;
    this.pendKey[this.pendLength] = key;
    this.pendLength++;
    if (leftKey !== undefined && leftKey !== key) {
      if (this.leftLength === this.leftKey.length) this.leftKey = grownF64(this.leftKey);
      this.leftKey[this.leftLength++] = leftKey;
    }
    if (this.pendLength > 1024 && this.pendLength * 4 > this.mainItem.length) this.merge();
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
    for (let k = lowerBound(keys, lo, 0); k < keys.length && (keys[k] as number) < hi; k++) {
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

  /** Main indices of stale entries, ascending: found in the runs of the keys left behind. */
  private staleMain(): Int32Array {
    const left = this.leftKey.subarray(0, this.leftLength).sort();
    const mainItem = this.mainItem;
    const mainKey = this.mainKey;
    const keyOf = this.keyOf;
    let stale: Int32Array = new Int32Array(16);
    let n = 0;
    let at = 0;
    for (let r = 0; r < left.length; r++) {
      const key = left[r] as number;
      if (r > 0 && key === left[r - 1]) continue;
      at = lowerBound(mainKey, key, at);
      for (let k = at; k < mainKey.length && mainKey[k] === key; k++) {
        if (keyOf[mainItem[k] as number] === key) continue;
        if (n === stale.length) stale = grownI32(stale);
        stale[n++] = k;
      }
    }
    this.leftLength = 0;
    return stale.subarray(0, n);
  }

  /** Sorts the pending entries into the main array, dropping stale ones. */
  private merge(): void {
    const np = this.pendLength;
    const perm = identity(np);
    const pendKey = this.pendKey;
    const pendItem = this.pendItem;
    sortByF64(perm, pendKey);
    const stale = this.staleMain();
    const mainItem = this.mainItem;
    const mainKey = this.mainKey;
    const nm = mainItem.length;
    const keyOf = this.keyOf;
    const need = nm - stale.length + np;
    if (this.spareItem.length < need) {
      // Room to grow into, so that a run's merges soon stop allocating.
      this.spareItem = new Int32Array(need + (need >> 1));
      this.spareKey = new Float64Array(need + (need >> 1));
    }
    const items = this.spareItem;
    const keys = this.spareKey;
    let s = 0;
    let nextStale = stale.length > 0 ? (stale[0] as number) : nm;
    let i = 0;
    let j = 0;
    let w = 0;
    // Main first on equal keys: main is every entry merged so far by (key, order added).
    for (; j < np; j++) {
      const pj = perm[j] as number;
      const kp = pendKey[pj] as number;
      for (; i < nm && (mainKey[i] as number) <= kp; i++) {
        if (i === nextStale) {
          nextStale = ++s < stale.length ? (stale[s] as number) : nm;
          continue;
        }
        items[w] = mainItem[i] as number;
        keys[w++] = mainKey[i] as number;
      }
      const item = pendItem[pj] as number;
      if (keyOf[item] !== kp) continue;
      items[w] = item;
      keys[w++] = kp;
    }
    for (; i < nm; i++) {
      if (i === nextStale) {
        nextStale = ++s < stale.length ? (stale[s] as number) : nm;
        continue;
      }
      items[w] = mainItem[i] as number;
      keys[w++] = mainKey[i] as number;
    }
    this.spareItem = new Int32Array(this.mainItem.buffer);
    this.spareKey = new Float64Array(this.mainKey.buffer);
    this.mainItem = items.subarray(0, w);
    this.mainKey = keys.subarray(0, w);
    this.pendLength = 0;
  }
}

/** The first index ≥ from whose key is not below x (keys ascending, NaN never stored). */
function lowerBound(keys: Float64Array, x: number, from: number): number {
  let a = from;
  let b = keys.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((keys[mid] as number) < x) a = mid + 1;
    else b = mid;
  }
  return a;
}

function grownI32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function grownF64(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
