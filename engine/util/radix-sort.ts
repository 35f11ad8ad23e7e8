/**
 * Stable sorts of index permutations, linear time: comparator sorts of a million elements cost
 * ~0.4 s here, these ~30 ms. Every function sorts `perm` (a permutation of element indices) in
 * place by a key of the element and keeps the order of equal keys, so a multi-key order is
 * built by sorting by the last key first.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Sorts perm by keys[perm[i]] ascending (−0 before +0; NaN last). */
export function sortByF64(perm: Int32Array, keys: Float64Array): void {
  const n = perm.length;
  if (n < 2) return;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    f64[0] = keys[perm[i] as number] as number;
    let l = u32[0] as number;
    let h = u32[1] as number;
    // IEEE order → unsigned order: negative numbers flip every bit, others flip the sign bit.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    lo[i] = l;
    hi[i] = h;
  }
  radix32(perm, lo, hi);
  radix32(perm, hi, lo);
}

/** Sorts perm by keys[perm[i]] (non-negative integers < 2^32) ascending. */
export function sortByU32(perm: Int32Array, keys: ArrayLike<number>): void {
  const n = perm.length;
  if (n < 2) return;
  const k = new Uint32Array(n);
  for (let i = 0; i < n; i++) k[i] = keys[perm[i] as number] as number;
  radix32(perm, k, null);
}

/**
 * Two stable 16-bit counting passes on the 32-bit digit array `digits` (aligned with perm);
 * `other` is carried along so the next call can use it.
 */
function radix32(perm: Int32Array, digits: Uint32Array, other: Uint32Array | null): void {
  const n = perm.length;
  const count = new Int32Array(65537);
  let p: Int32Array = perm;
  let d: Uint32Array = digits;
  let o: Uint32Array | null = other;
  let p2: Int32Array = new Int32Array(n);
  let d2: Uint32Array = new Uint32Array(n);
  let o2: Uint32Array | null = other ? new Uint32Array(n) : null;
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const b = ((d[i] as number) >>> shift) & 0xffff;
      count[b + 1] = (count[b + 1] as number) + 1;
    }
    let allSame = false;
    for (let b = 0; b < 65536; b++) {
      if (count[b + 1] === n) allSame = true;
      count[b + 1] = (count[b + 1] as number) + (count[b] as number);
    }
    if (allSame) continue;
    for (let i = 0; i < n; i++) {
      const b = ((d[i] as number) >>> shift) & 0xffff;
      const at = count[b] as number;
      count[b] = at + 1;
      p2[at] = p[i] as number;
      d2[at] = d[i] as number;
      if (o && o2) o2[at] = o[i] as number;
    }
    [p, p2] = [p2, p];
    [d, d2] = [d2, d];
    [o, o2] = [o2, o];
  }
  if (p !== perm) {
    perm.set(p);
    digits.set(d);
    if (other && o) other.set(o);
  }
}

/** The identity permutation of length n. */
export function identity(n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}

/**
 * Assigns dense group numbers to numeric keys in order of first appearance; returns the group
 * of each element and the key of each group.
 */
export function groupKeys(n: number, keyOf: (i: number) => number): { group: Int32Array; keys: number[] } {
  const ids = new Map<number, number>();
  const keys: number[] = [];
  const group = new Int32Array(n);
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
