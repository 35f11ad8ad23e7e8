/**
 * Items (position indices) with float keys that change over time, queried by key range: an
 * append-only list in the order added, in chunks that each know the least and greatest key
 * written into them. A query reads only the chunks whose span meets the range, so it costs
 * about the chunks near the range, not a sort: the exposure index adds a moved position at
 * every liquidation (~340,000 per 1M run) and queries a few hundred times per run with a few
 * thousand hits in all. An entry is live while its key equals the item's current key (`keyOf`);
 * stale entries are dropped when they outnumber the live ones, keeping the order added.
 *
 * Hits come in the order added, which depends on the positions' data only (the order in which
 * liquidations happen), so a run is deterministic and independent of row order.
 */
export class MovedList {
  private item: Int32Array = new Int32Array(CHUNK);
  private key: Float64Array = new Float64Array(CHUNK);
  private chunkMin: Float64Array = new Float64Array(1);
  private chunkMax: Float64Array = new Float64Array(1);
  private length = 0;
  /** Entries known to be stale (their item was added again with another key). */
  private stale = 0;

  constructor(private readonly keyOf: Float64Array) {}

  /** Entries held, live or stale. */
  get size(): number {
    return this.length;
  }

  clear(): void {
    this.length = 0;
    this.stale = 0;
  }

  /** Records the current key of an item not in the list (keyOf[item] must already hold it). */
  add(item: number): void {
    const key = this.keyOf[item] as number;
    // Both sides of the test read every time: a read first reached in a large run's 4,097th
    // stale entry would cost the optimised caller (inlined into the valuation) a deoptimisation.
    const length = this.length;
    const mostlyStale = 2 * this.stale > length;
    if (mostlyStale && this.stale > COMPACT_AFTER) this.compact();
    const n = this.length;
    if (n === this.item.length) this.grow();
    this.item[n] = item;
    this.key[n] = key;
    this.widen(n, key);
    this.length = n + 1;
  }

  /**
   * Records the new key of an item added before with `leftKey` (keyOf[item] must already hold
   * it): that entry goes stale unless the key is the same. Apart from `add` so that the key
   * stays a plain number: an optional one would be boxed on every call.
   */
  move(item: number, leftKey: number): void {
    this.settle(item, leftKey, true, true);
  }

  /**
   * The item, added before with `leftKey`, leaves the list (keyOf[item] must already hold its
   * new key): that entry goes stale unless the key is the same.
   */
  release(item: number, leftKey: number): void {
    this.settle(item, leftKey, true, false);
  }

  /**
   * One call for every change of an item (keyOf[item] must already hold its new key): `wasIn`
   * when it was added before with `leftKey`, `stays` when it is (again) in the list with its new
   * key. The exposure index's hot loop calls only this, so that none of its branches is first
   * taken in the middle of a large run: V8 threw away the caller's optimised code at the first
   * release it met there ("insufficient type feedback", --trace-deopt).
   */
  settle(item: number, leftKey: number, wasIn: boolean, stays: boolean): void {
    if (wasIn && leftKey !== this.keyOf[item]) this.stale++;
    if (stays) this.add(item);
  }

  /**
   * Writes into `out` the live items with key in [lo, hi), in the order added, and returns how
   * many (an item added twice with the same key appears twice; callers de-duplicate).
   */
  range(lo: number, hi: number, out: Int32Array): { out: Int32Array; count: number } {
    let buf = out;
    let count = 0;
    const n = this.length;
    const keys = this.key;
    const items = this.item;
    const keyOf = this.keyOf;
    const chunks = (n + CHUNK - 1) >> CHUNK_BITS;
    for (let c = 0; c < chunks; c++) {
      if ((this.chunkMax[c] as number) < lo || (this.chunkMin[c] as number) >= hi) continue;
      const end = Math.min(n, (c + 1) << CHUNK_BITS);
      for (let k = c << CHUNK_BITS; k < end; k++) {
        const key = keys[k] as number;
        if (!(key >= lo && key < hi)) continue;
        const item = items[k] as number;
        if (keyOf[item] !== key) continue;
        if (count === buf.length) {
          const grown = new Int32Array(Math.max(16, buf.length * 2));
          grown.set(buf);
          buf = grown;
        }
        buf[count++] = item;
      }
    }
    return { out: buf, count };
  }

  /** Takes the key written at entry `at` into its chunk's span (the chunk's first entry starts it). */
  private widen(at: number, key: number): void {
    const c = at >> CHUNK_BITS;
    if ((at & (CHUNK - 1)) === 0) {
      this.chunkMin[c] = key;
      this.chunkMax[c] = key;
    } else {
      if (key < (this.chunkMin[c] as number)) this.chunkMin[c] = key;
      if (key > (this.chunkMax[c] as number)) this.chunkMax[c] = key;
    }
  }

  /** Drops the stale entries, keeping the order of the live ones, and recomputes the chunk spans. */
  private compact(): void {
    const keys = this.key;
    const items = this.item;
    const keyOf = this.keyOf;
    let w = 0;
    for (let k = 0; k < this.length; k++) {
      const key = keys[k] as number;
      const item = items[k] as number;
      if (keyOf[item] !== key) continue;
      keys[w] = key;
      items[w] = item;
      this.widen(w, key);
      w++;
    }
    this.length = w;
    this.stale = 0;
  }

  private grow(): void {
    const cap = this.item.length * 2;
    const item = new Int32Array(cap);
    item.set(this.item);
    this.item = item;
    const key = new Float64Array(cap);
    key.set(this.key);
    this.key = key;
    const chunks = cap >> CHUNK_BITS;
    const min = new Float64Array(chunks);
    min.set(this.chunkMin);
    this.chunkMin = min;
    const max = new Float64Array(chunks);
    max.set(this.chunkMax);
    this.chunkMax = max;
  }
}

/**
 * 32 entries a chunk: a query reads every entry of a chunk whose span meets its range, and
 * chunks of 256 read ~1.2M entries a 1M run for 2,861 hits (32: ~216k, and 96k spans).
 */
const CHUNK_BITS = 5;
const CHUNK = 1 << CHUNK_BITS;
/** Stale entries below this many are never worth a compaction. */
const COMPACT_AFTER = 1024;
