import { identity, sortPairsByUint } from './radix-sort';

/**
 * Sums per numeric key (integers in [0, 2^53)) for a round of adds, read back sorted by key:
 * the loss graph adds millions of (edge → amount) per run. Each add is written down in order
 * and the round's adds are sorted once (a stable radix sort), then each key's amounts are
 * summed in the order they were added — the sums a hash table would give, without a random
 * probe per add.
 */
export class F64Accumulator {
  private addedKeys: Float64Array;
  private addedAmounts: Float64Array;
  private added = 0;
  /** Some key of this round needs more than 32 bits. */
  private wide = false;
  /** Scratch of sortedEntries, kept between rounds. */
  private word = new Int32Array(0);
  private word2 = new Int32Array(0);
  private at = new Int32Array(0);
  private at2 = new Int32Array(0);
  private outKeys = new Float64Array(0);
  private outValues = new Float64Array(0);
  private readonly count = new Int32Array(1 << DIGIT_BITS);

  constructor(capacity = 1024) {
    this.addedKeys = new Float64Array(Math.max(16, capacity));
    this.addedAmounts = new Float64Array(Math.max(16, capacity));
  }

  /** Adds made since the last clear (a key added twice counts twice). */
  get length(): number {
    return this.added;
  }

  add(key: number, amount: number): void {
    const n = this.added;
    if (n === this.addedKeys.length) this.grow();
    this.addedKeys[n] = key;
    this.addedAmounts[n] = amount;
    this.added = n + 1;
    if (!(key < 4294967296)) this.wide = true;
  }

  /**
   * The keys added this round, ascending, each with the sum of its amounts in the order added.
   * The arrays returned are scratch: valid until the next call.
   */
  sortedEntries(): { keys: Float64Array; values: Float64Array } {
    const n = this.added;
    if (this.at.length < n) this.growScratch(n);
    const order = this.wide ? this.sortedWide() : this.sortedNarrow();
    const keys = this.outKeys;
    const values = this.outValues;
    const addedKeys = this.addedKeys;
    const amounts = this.addedAmounts;
    let m = 0;
    for (let k = 0; k < n; ) {
      const first = order[k] as number;
      const key = addedKeys[first] as number;
      let sum = amounts[first] as number;
      for (k++; k < n && addedKeys[order[k] as number] === key; k++) sum += amounts[order[k] as number] as number;
      keys[m] = key;
      values[m++] = sum;
    }
    return { keys: keys.subarray(0, m), values: values.subarray(0, m) };
  }

  clear(): void {
    this.added = 0;
    this.wide = false;
  }

  /** Clears and lets go of the buffers grown so far (the accumulator stays usable). */
  release(): void {
    this.clear();
    this.addedKeys = new Float64Array(16);
    this.addedAmounts = new Float64Array(16);
    this.word = new Int32Array(0);
    this.word2 = new Int32Array(0);
    this.at = new Int32Array(0);
    this.at2 = new Int32Array(0);
    this.outKeys = new Float64Array(0);
    this.outValues = new Float64Array(0);
  }

  /** Indices of the adds in key order (stable): LSD passes over the keys' 32-bit words, uniform digits skipped. */
  private sortedNarrow(): Int32Array {
    const n = this.added;
    let word = this.word;
    let word2 = this.word2;
    let at = this.at;
    let at2 = this.at2;
    for (let k = 0; k < n; k++) {
      word[k] = (this.addedKeys[k] as number) | 0;
      at[k] = k;
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
    return at;
  }

  /** sortedNarrow for keys that need more than 32 bits. */
  private sortedWide(): Int32Array {
    const n = this.added;
    const perm = identity(n);
    sortPairsByUint(perm, this.addedKeys.slice(0, n));
    return perm;
  }

  private grow(): void {
    const keys = new Float64Array(this.addedKeys.length * 2);
    keys.set(this.addedKeys);
    this.addedKeys = keys;
    const amounts = new Float64Array(this.addedAmounts.length * 2);
    amounts.set(this.addedAmounts);
    this.addedAmounts = amounts;
  }

  private growScratch(n: number): void {
    const cap = Math.max(n, this.at.length * 2);
    this.word = new Int32Array(cap);
    this.word2 = new Int32Array(cap);
    this.at = new Int32Array(cap);
    this.at2 = new Int32Array(cap);
    this.outKeys = new Float64Array(cap);
    this.outValues = new Float64Array(cap);
  }
}

/** 11-bit digits: three passes cover 32 bits, and a histogram stays in L1. */
const DIGIT_BITS = 11;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;
