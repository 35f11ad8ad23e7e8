import { identity, sortByF64 } from './radix-sort';

/**
 * An order of ids that depends only on the ids, never on the order they came in: by a 52-bit
 * FNV-1a hash, ties by code-unit comparison. Linear time, unlike a string sort (0.5 s for a
 * million ids); the order is not alphabetical, only canonical.
 */
export function canonicalOrder(ids: readonly string[]): Int32Array {
  const n = ids.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = hash52(ids[i] as string);
  const perm = identity(n);
  sortByF64(perm, keys);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && keys[perm[j] as number] === keys[perm[i] as number]) j++;
    if (j - i > 1) {
      const run = Array.from(perm.subarray(i, j)).sort((a, b) => {
        const x = ids[a] as string;
        const y = ids[b] as string;
        return x < y ? -1 : x > y ? 1 : a - b;
      });
      perm.set(run, i);
    }
    i = j;
  }
  return perm;
}

/** Two 32-bit FNV-1a hashes (different offsets) folded into 52 bits, exact in a double. */
export function hash52(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 13);
  }
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff);
}
