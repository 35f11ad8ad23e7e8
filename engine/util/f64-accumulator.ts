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
  private amountScratch = new Float64Array(0);
  private amountScratch2 = new Float64Array(0);
  private outKeys = new Float64Array(0);
  private outValues = new Float64Array(0);
  private readonly count = new Int32Array(3 * DIGIT_SPAN);

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
    if (this.word.length < n) this.growScratch(n);
    return this.wide ? this.sumWide() : this.sumNarrow();
  }

  clear(): void {
    this.added = 0;
    this.wide = false;
  }

  /**
   * Keys below 2^32: LSD passes over their 32-bit words (uniform digits skipped), each moving
   * the amounts along, so that the sums read both in sequence; stable, so a key's amounts stay
   * in the order added.
   */
  private sumNarrow(): { keys: Float64Array; values: Float64Array } {
    const n = this.added;
    let word = this.word;
    let word2 = this.word2;
    let amount = this.amountScratch;
    let amount2 = this.amountScratch2;
    const addedKeys = this.addedKeys;
    amount.set(this.addedAmounts.subarray(0, n));
    // The keys' words and their three digits' histograms in one pass.
    const count = this.count;
    count.fill(0);
    for (let k = 0; k < n; k++) {
      const w = (addedKeys[k] as number) | 0;
      word[k] = w;
      count[w & DIGIT_MASK]++;
      count[DIGIT_SPAN + ((w >>> DIGIT_BITS) & DIGIT_MASK)]++;
      count[2 * DIGIT_SPAN + (w >>> (2 * DIGIT_BITS))]++;
    }
    for (let pass = 0, shift = 0; pass < 3; pass++, shift += DIGIT_BITS) {
      const base = pass * DIGIT_SPAN;
      let sum = 0;
      let moves = true;
      for (let d = base; d < base + DIGIT_SPAN; d++) {
        const c = count[d] as number;
        if (c === n) moves = false;
        count[d] = sum;
        sum += c;
      }
      if (!moves) continue;
      for (let k = 0; k < n; k++) {
        const w = word[k] as number;
        const to = count[base + ((w >>> shift) & DIGIT_MASK)]++ as number;
        word2[to] = w;
        amount2[to] = amount[k] as number;
      }
      const w = word;
      word = word2;
      word2 = w;
      const a = amount;
      amount = amount2;
      amount2 = a;
    }
    const keys = this.outKeys;
    const values = this.outValues;
    let m = 0;
    for (let k = 0; k < n; ) {
      const w = word[k] as number;
      let sum = amount[k] as number;
      for (k++; k < n && word[k] === w; k++) sum += amount[k] as number;
      keys[m] = w >>> 0;
      values[m++] = sum;
    }
    return { keys: keys.subarray(0, m), values: values.subarray(0, m) };
  }

  /** sumNarrow for keys that need more than 32 bits: their order found first, then the amounts read through it. */
  private sumWide(): { keys: Float64Array; values: Float64Array } {
    const n = this.added;
    const order = identity(n);
    sortPairsByUint(order, this.addedKeys.slice(0, n));
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

  private grow(): void {
    const keys = new Float64Array(this.addedKeys.length * 2);
    keys.set(this.addedKeys);
    this.addedKeys = keys;
    const amounts = new Float64Array(this.addedAmounts.length * 2);
    amounts.set(this.addedAmounts);
    this.addedAmounts = amounts;
  }

  private growScratch(n: number): void {
    const cap = Math.max(n, this.word.length * 2);
    this.word = new Int32Array(cap);
    this.word2 = new Int32Array(cap);
    this.amountScratch = new Float64Array(cap);
    this.amountScratch2 = new Float64Array(cap);
    this.outKeys = new Float64Array(cap);
    this.outValues = new Float64Array(cap);
  }
}

/** 11-bit digits: three passes cover 32 bits, and a histogram stays in L1. */
const DIGIT_BITS = 11;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;
const DIGIT_SPAN = 1 << DIGIT_BITS;
