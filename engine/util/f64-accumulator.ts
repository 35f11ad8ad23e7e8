import { identity, sortPairsByF64 } from './radix-sort';

/**
 * Sums per numeric key (integers below 2^53), open addressing over typed arrays: the loss
 * graph adds millions of (edge → amount) per run, where a Map with non-Smi keys allocates a
 * heap number per key.
 */
export class F64Accumulator {
  private keys: Float64Array;
  private values: Float64Array;
  private used: Uint8Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    const cap = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.keys = new Float64Array(cap);
    this.values = new Float64Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  add(key: number, amount: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let i = slot(key) & this.mask;
    for (;;) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.keys[i] = key;
        this.values[i] = amount;
        this.size++;
        return;
      }
      if (this.keys[i] === key) {
        this.values[i] = (this.values[i] as number) + amount;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  get(key: number): number {
    let i = slot(key) & this.mask;
    while (this.used[i]) {
      if (this.keys[i] === key) return this.values[i] as number;
      i = (i + 1) & this.mask;
    }
    return 0;
  }

  /** The keys present, ascending, with their sums (no second lookup per key). */
  sortedEntries(): { keys: Float64Array; values: Float64Array } {
    const n = this.size;
    const keys = new Float64Array(n);
    const sums = new Float64Array(n);
    for (let i = 0, k = 0; i < this.used.length; i++) {
      if (!this.used[i]) continue;
      keys[k] = this.keys[i] as number;
      sums[k++] = this.values[i] as number;
    }
    const perm = identity(n);
    sortPairsByF64(perm, keys);
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) values[k] = sums[perm[k] as number] as number;
    return { keys, values };
  }

  clear(): void {
    if (this.size === 0) return;
    this.used.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    const used = this.used;
    const cap = keys.length * 2;
    this.keys = new Float64Array(cap);
    this.values = new Float64Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.add(keys[i] as number, values[i] as number);
  }
}

function slot(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
