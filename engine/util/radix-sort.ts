/**
 * Stable sorts of index permutations, linear time: comparator sorts of a million elements cost
 * ~0.4 s here, these ~30 ms. Every function sorts `perm` (a permutation of element indices) in
 * place by a key of the element and keeps the order of equal keys, so a multi-key order is
 * built by sorting by the last key first.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** 11-bit digits: a 2048-entry histogram stays in L1, where 16-bit ones scatter across L2. */
const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
/** Digit shifts of a 32-bit word: bits [0,11), [11,22), [22,32). */
const SHIFTS = [0, BITS, 2 * BITS] as const;
/** Histograms of the three digits of up to two words, reused by every sort (single-threaded). */
const counts = new Int32Array(6 * RADIX);

/** Sorts perm by keys[perm[i]] ascending (−0 before +0; NaN last). */
export function sortByF64(perm: Int32Array, keys: Float64Array): void {
  const n = perm.length;
  if (n < 2) return;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) orderedWords(keys[perm[i] as number] as number, lo, hi, i);
  sortByWords(perm, lo, hi);
}

/**
 * Sorts perm and keys together by the keys ascending, as sortByF64 would, where keys[i] is
 * perm[i]'s key (aligned, not indexed by element): no indirect reads, and keys end sorted.
 */
export function sortPairsByF64(perm: Int32Array, keys: Float64Array): void {
  const n = perm.length;
  if (n < 2 || ascending(keys)) return;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) orderedWords(keys[i] as number, lo, hi, i);
  const at = identity(n);
  sortByWords(at, lo, hi);
  gather(perm, keys, at);
}

/** Runs of equal high words up to this long are finished by insertion; longer ones by a radix sort of their low words. */
const SHORT_RUN = 32;

/**
 * Sorts perm by (hi, lo), the ordered words of 64-bit keys aligned with it: LSD passes over hi
 * only (carrying lo), then each run of equal hi by lo. Keys far apart differ in hi, so most runs
 * are one or a few elements: about half the passes of sorting by all 64 bits.
 */
function sortByWords(perm: Int32Array, lo: Uint32Array, hi: Uint32Array): void {
  const n = perm.length;
  const { words: h, carried: l } = radixCarrying(perm, hi, lo);
  for (let a = 0; a < n; ) {
    const w = h[a] as number;
    let b = a + 1;
    while (b < n && h[b] === w) b++;
    if (b - a > SHORT_RUN) radix(perm.subarray(a, b), null, l.subarray(a, b));
    else if (b - a > 1) insertionByWord(perm, l, a, b);
    a = b;
  }
}

/**
 * LSD passes over the 32-bit words aligned with perm, moving `carried` with them; returns both
 * in sorted order (the arrays given when nothing moved). perm is sorted in place.
 */
function radixCarrying(perm: Int32Array, words: Uint32Array, carried: Uint32Array): { words: Uint32Array; carried: Uint32Array } {
  const n = perm.length;
  const c = counts;
  c.fill(0, 0, 3 * RADIX);
  for (let i = 0; i < n; i++) {
    const w = words[i] as number;
    c[w & MASK]++;
    c[RADIX + ((w >>> BITS) & MASK)]++;
    c[2 * RADIX + (w >>> (2 * BITS))]++;
  }
  let p = perm;
  let h = words;
  let l = carried;
  let p2: Int32Array | null = null;
  let h2: Uint32Array | null = null;
  let l2: Uint32Array | null = null;
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * RADIX;
    if (!prefix(c, base, n)) continue;
    const shift = SHIFTS[pass] as number;
    p2 ??= new Int32Array(n);
    h2 ??= new Uint32Array(n);
    l2 ??= new Uint32Array(n);
    scatterCarrying(c, base, shift, p, h, l, p2, h2, l2);
    [p, p2] = [p2, p];
    [h, h2] = [h2, h];
    [l, l2] = [l2, l];
  }
  if (p !== perm) perm.set(p);
  return { words: h, carried: l };
}

/**
 * One LSD pass: perm, its key words and a carried word array scattered to the places the digit
 * of the key (histogram offsets at c[base…], turned into positions as it goes) gives them.
 */
function scatterCarrying(
  c: Int32Array,
  base: number,
  shift: number,
  p: Int32Array,
  key: Uint32Array,
  carry: Uint32Array,
  pOut: Int32Array,
  keyOut: Uint32Array,
  carryOut: Uint32Array,
): void {
  for (let i = 0; i < p.length; i++) {
    const w = key[i] as number;
    const at = c[base + ((w >>> shift) & MASK)] as number;
    c[base + ((w >>> shift) & MASK)] = at + 1;
    pOut[at] = p[i] as number;
    keyOut[at] = w;
    carryOut[at] = carry[i] as number;
  }
}

/** Stable insertion sort of perm[a, b) by the aligned words w (moved with it). */
function insertionByWord(perm: Int32Array, w: Uint32Array, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    const x = w[i] as number;
    const p = perm[i] as number;
    let j = i - 1;
    while (j >= a && (w[j] as number) > x) {
      w[j + 1] = w[j] as number;
      perm[j + 1] = perm[j] as number;
      j--;
    }
    w[j + 1] = x;
    perm[j + 1] = p;
  }
}

/**
 * Sorts perm and keys together by the keys ascending, where keys[i] is perm[i]'s key and every
 * key is an integer in [0, 2^53): sorted as two 32-bit words, whose digits that never vary
 * (the high word's, for keys below 2^32) cost no pass. Stable, as the other sorts.
 */
export function sortPairsByUint(perm: Int32Array, keys: Float64Array): void {
  const n = perm.length;
  if (n < 2 || ascending(keys)) return;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    const h = Math.floor(k / 4294967296);
    hi[i] = h;
    lo[i] = k - h * 4294967296;
  }
  const at = identity(n);
  radix(at, lo, hi);
  gather(perm, keys, at);
}

/** perm and its aligned keys put in the order `at` gives (at[i]: the old place of the new i-th). */
function gather(perm: Int32Array, keys: Float64Array, at: Int32Array): void {
  const n = at.length;
  const p = new Int32Array(n);
  const k = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = at[i] as number;
    p[i] = perm[j] as number;
    k[i] = keys[j] as number;
  }
  perm.set(p);
  keys.set(k);
}

/**
 * True when keys are already in the order the sort gives (a stable sort then moves nothing):
 * ascending, −0 not after +0, no NaN (which the sort would put last; checked the long way).
 */
function ascending(keys: Float64Array): boolean {
  let prev = keys[0] as number;
  if (prev !== prev) return false;
  for (let i = 1; i < keys.length; i++) {
    const x = keys[i] as number;
    if (!(x >= prev)) return false;
    if (x === 0 && prev === 0 && 1 / x < 0 && 1 / prev > 0) return false;
    prev = x;
  }
  return true;
}

/** IEEE order → unsigned order of (hi, lo): negative numbers flip every bit, others flip the sign bit. */
function orderedWords(x: number, lo: Uint32Array, hi: Uint32Array, i: number): void {
  f64[0] = x;
  let l = u32[0] as number;
  let h = u32[1] as number;
  if (h & 0x80000000) {
    h = ~h >>> 0;
    l = ~l >>> 0;
  } else h = (h | 0x80000000) >>> 0;
  lo[i] = l;
  hi[i] = h;
}

/** Sorts perm by keys[perm[i]] (non-negative integers < 2^32) ascending. */
export function sortByU32(perm: Int32Array, keys: ArrayLike<number>): void {
  const n = perm.length;
  if (n < 2) return;
  const k = new Uint32Array(n);
  for (let i = 0; i < n; i++) k[i] = keys[perm[i] as number] as number;
  radix(perm, null, k);
}

/**
 * LSD passes of 11-bit digits over the key (hi, lo) — lo the less significant word, null for
 * 32-bit keys — aligned with perm. One read pass builds every histogram; a digit equal in
 * every element is skipped. The word arrays are scratch.
 */
function radix(perm: Int32Array, lo: Uint32Array | null, hi: Uint32Array): void {
  const n = perm.length;
  const c = counts;
  c.fill(0);
  for (let i = 0; i < n; i++) {
    const h = hi[i] as number;
    c[h & MASK]++;
    c[RADIX + ((h >>> BITS) & MASK)]++;
    c[2 * RADIX + (h >>> (2 * BITS))]++;
  }
  if (lo) {
    for (let i = 0; i < n; i++) {
      const l = lo[i] as number;
      c[3 * RADIX + (l & MASK)]++;
      c[4 * RADIX + ((l >>> BITS) & MASK)]++;
      c[5 * RADIX + (l >>> (2 * BITS))]++;
    }
  }
  let p: Int32Array = perm;
  let p2: Int32Array | null = null;
  let h: Uint32Array = hi;
  let h2: Uint32Array | null = null;
  let l: Uint32Array | null = lo;
  let l2: Uint32Array | null = null;
  // Least significant first: lo's digits (carrying hi), then hi's.
  for (let pass = lo ? 0 : 3; pass < 6; pass++) {
    const base = pass < 3 ? (pass + 3) * RADIX : (pass - 3) * RADIX;
    if (!prefix(c, base, n)) continue;
    const shift = SHIFTS[pass % 3] as number;
    if (!p2) p2 = new Int32Array(n);
    if (!h2) h2 = new Uint32Array(n);
    if (pass < 3 && l) {
      if (!l2) l2 = new Uint32Array(n);
      scatterCarrying(c, base, shift, p, l, h, p2, l2, h2);
      [l, l2] = [l2, l];
    } else {
      for (let i = 0; i < n; i++) {
        const w = h[i] as number;
        const at = c[base + ((w >>> shift) & MASK)] as number;
        c[base + ((w >>> shift) & MASK)] = at + 1;
        p2[at] = p[i] as number;
        h2[at] = w;
      }
    }
    [p, p2] = [p2, p];
    [h, h2] = [h2, h];
  }
  if (p !== perm) perm.set(p);
}

/** Turns histogram [base, base + RADIX) into start offsets; false when one digit holds all n (nothing to move). */
function prefix(c: Int32Array, base: number, n: number): boolean {
  let sum = 0;
  let moves = false;
  for (let b = base; b < base + RADIX; b++) {
    const k = c[b] as number;
    if (k === n) return false;
    if (k !== 0) moves = true;
    c[b] = sum;
    sum += k;
  }
  return moves;
}

/** The identity permutation of length n. */
export function identity(n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}

/**
 * Sorts perm by group[perm[i]] (dense group numbers in [0, nGroups)) ascending, stable, in one
 * counting pass; returns the start offset of each group in perm (nGroups + 1 entries). `carry`,
 * aligned with perm (carry[i] belongs to perm[i]), moves with it.
 */
export function sortByGroup(perm: Int32Array, group: Int32Array, nGroups: number, carry: Float64Array | null = null): Int32Array {
  const n = perm.length;
  const start = new Int32Array(nGroups + 1);
  for (let i = 0; i < n; i++) {
    const g = (group[perm[i] as number] as number) + 1;
    start[g] = (start[g] as number) + 1;
  }
  for (let g = 0; g < nGroups; g++) start[g + 1] = (start[g + 1] as number) + (start[g] as number);
  const fill = start.slice(0, nGroups);
  const out = new Int32Array(n);
  const carried = carry ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) {
    const p = perm[i] as number;
    const g = group[p] as number;
    const at = fill[g] as number;
    out[at] = p;
    if (carried) carried[at] = (carry as Float64Array)[i] as number;
    fill[g] = at + 1;
  }
  perm.set(out);
  if (carry && carried) carry.set(carried);
  return start;
}

/**
 * Sorts each segment perm[start[g] … start[g+1]) with its aligned keys (as sortPairsByF64).
 * After sortByGroup(…, keys) this is the stable sort by (group, key), done a group at a time:
 * each pass runs over one group's elements, which stay in cache more than all of them would.
 */
export function sortSegmentsByF64(perm: Int32Array, start: Int32Array, keys: Float64Array): void {
  for (let g = 0; g + 1 < start.length; g++) {
    const a = start[g] as number;
    const b = start[g + 1] as number;
    if (b - a > 1) sortPairsByF64(perm.subarray(a, b), keys.subarray(a, b));
  }
}

/** Above this many possible keys, groupKeys numbers them through a Map rather than a table. */
const MAX_TABLE_KEYS = 1 << 22;

/**
 * Assigns dense group numbers to numeric keys in order of first appearance; returns the group
 * of each element and the key of each group. Keys known to be integers in [0, range) are
 * numbered through a typed table (range ≤ 2^22), others through a Map.
 */
export function groupKeys(n: number, keyOf: (i: number) => number, range = Infinity): { group: Int32Array; keys: number[] } {
  const keys: number[] = [];
  const group = new Int32Array(n);
  if (range <= MAX_TABLE_KEYS) {
    const table = new Int32Array(range).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = keyOf(i);
      let g = table[k] as number;
      if (g < 0) {
        g = keys.length;
        table[k] = g;
        keys.push(k);
      }
      group[i] = g;
    }
    return { group, keys };
  }
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    let g = ids.get(k);
    if (g === undefined) {
      g = keys.length;
      ids.set(k, g);
      keys.push(k);
    }
    group[i] = g;
  }
  return { group, keys };
}
