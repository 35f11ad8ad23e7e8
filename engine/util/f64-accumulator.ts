import { identity, sortPairsByUint } from './radix-sort';

/**
 * Sums per numeric key (integers in [0, 2^53)), open addressing over typed arrays: the loss
 * graph adds millions of (edge → amount) per run, where a Map with non-Smi keys allocates a
 * heap number per key. The slots in use are listed as they fill, so that reading and clearing
 * cost the keys present, not the table's capacity (which stays at the largest step's).
 */
export class F64Accumulator {
  private keys: Float64Array;
  private values: Float64Array;
  private used: Uint8Array;
  private filled: Int32Array;
  private mask: number;
  size = 0;
  /** Scratch of sortedEntries. */
  /** Keys as int32 words (bit patterns of the uint32 keys: int32 stays unboxed in the JIT). */
  private word = new Int32Array(0);
  private word2 = new Int32Array(0);
  private at = new Int32Array(0);
  private at2 = new Int32Array(0);
  private outKeys = new Float64Array(0);
  private outValues = new Float64Array(0);
  private readonly count = new Int32Array(1 << DIGIT_BITS);

  constructor(capacity = 1024) {
    const cap = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.keys = new Float64Array(cap);
    this.values = new Float64Array(cap);
    this.used = new Uint8Array(cap);
    this.filled = new Int32Array(cap >> 1);
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
        this.filled[this.size++] = i;
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

  /**
   * The keys present, ascending, with their sums (no second lookup per key). Keys below 2^32
   * (the usual case) are sorted here in scratch kept between calls, so that a call costs its
   * keys, not allocations and histograms: the arrays returned are that scratch, valid until
   * the next call.
   */
  sortedEntries(): { keys: Float64Array; values: Float64Array } {
    const n = this.size;
    const filled = this.filled;
    let below = true;
    for (let k = 0; k < n; k++) if (!((this.keys[filled[k] as number] as number) < 4294967296)) below = false;
    if (!below) return this.sortedWide();
    if (this.outKeys.length < n) this.growScratch(n);
    let word = this.word;
    let word2 = this.word2;
    let at = this.at;
    let at2 = this.at2;
    for (let k = 0; k < n; k++) {
      const i = filled[k] as number;
      word[k] = (this.keys[i] as number) | 0;
      at[k] = i;
    }
    const count = this.count;
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      count.fill(0);
      for (let k = 0; k < n; k++) count[((word[k] as number) >>> shift) & DIGIT_MASK]++;
      let sum = 0;
      let moves = true;
      for (let d = 0; d <= DIGIT_MASK; d++) {
        const c = count[d] as number;
        if (c === n) moves = false;
        count[d] = sum;
        sum += c;
      }
      if (!moves) continue;
      for (let k = 0; k < n; k++) {
        const w = word[k] as number;
        const to = count[(w >>> shift) & DIGIT_MASK]++ as number;
        word2[to] = w;
        at2[to] = at[k] as number;
      }
      const w = word;
      word = word2;
      word2 = w;
      const a = at;
      at = at2;
      at2 = a;
    }
    const keys = this.outKeys.subarray(0, n);
    const values = this.outValues.subarray(0, n);
    for (let k = 0; k < n; k++) {
      keys[k] = (word[k] as number) >>> 0;
      values[k] = this.values[at[k] as number] as number;
    }
    return { keys, values };
  }

  /** sortedEntries for keys that need more than 32 bits. */
  private sortedWide(): { keys: Float64Array; values: Float64Array } {
    const n = this.size;
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = this.keys[this.filled[k] as number] as number;
    const perm = identity(n);
    sortPairsByUint(perm, keys);
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) values[k] = this.values[this.filled[perm[k] as number] as number] as number;
    return { keys, values };
  }

  private growScratch(n: number): void {
    const cap = Math.max(n, this.outKeys.length * 2);
    this.word = new Int32Array(cap);
    this.word2 = new Int32Array(cap);
    this.at = new Int32Array(cap);
    this.at2 = new Int32Array(cap);
    this.outKeys = new Float64Array(cap);
    this.outValues = new Float64Array(cap);
  }

  clear(): void {
    for (let k = 0; k < this.size; k++) this.used[this.filled[k] as number] = 0;
    this.size = 0;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    const filled = this.filled;
    const n = this.size;
    const cap = keys.length * 2;
    this.keys = new Float64Array(cap);
    this.values = new Float64Array(cap);
    this.used = new Uint8Array(cap);
    this.filled = new Int32Array(cap >> 1);
    this.mask = cap - 1;
    this.size = 0;
    for (let k = 0; k < n; k++) this.add(keys[filled[k] as number] as number, values[filled[k] as number] as number);
  }
}

/** 11-bit digits: three passes cover 32 bits, and a histogram stays in L1. */
const DIGIT_BITS = 11;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;

function slot(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
