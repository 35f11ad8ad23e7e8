import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupKeys, identity, sortByF64, sortByGroup, sortByU32, sortPairsByF64, sortPairsByUint, sortSegmentsByF64 } from './radix-sort';

const stableSorted = (keys: number[], cmp: (a: number, b: number) => number) =>
  keys.map((_, i) => i).sort((i, j) => cmp(keys[i] as number, keys[j] as number) || i - j);

describe('radix sorts', () => {
  it('sortByF64 equals a stable comparison sort, including negatives, zeros, infinities and ties', () => {
    const value = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, 1e-300, -1e-300));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (keys) => {
        const perm = identity(keys.length);
        sortByF64(perm, Float64Array.from(keys));
        const cmp = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : Object.is(a, -0) && Object.is(b, 0) ? -1 : Object.is(a, 0) && Object.is(b, -0) ? 1 : 0);
        expect(Array.from(perm)).toEqual(stableSorted(keys, cmp));
      }),
      { numRuns: 300 },
    );
  });

  it('sortByU32 equals a stable sort and composes: by b then a gives (a, b) order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(70_000), fc.nat(5)), { maxLength: 300 }), (pairs) => {
        const perm = identity(pairs.length);
        sortByU32(perm, pairs.map((p) => p[1]));
        sortByU32(perm, pairs.map((p) => p[0]));
        const expected = pairs.map((_, i) => i).sort((i, j) => (pairs[i]![0] - pairs[j]![0]) || (pairs[i]![1] - pairs[j]![1]) || i - j);
        expect(Array.from(perm)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts a subset permutation by element keys', () => {
    const keys = Float64Array.from([5, 3, 9, 1]);
    const perm = Int32Array.from([2, 0, 3]);
    sortByF64(perm, keys);
    expect(Array.from(perm)).toEqual([3, 0, 2]);
  });

  it('groupKeys numbers keys in order of first appearance', () => {
    const keys = [30, 10, 30, 20, 10];
    expect(groupKeys(keys.length, (i) => keys[i] as number)).toEqual({ group: Int32Array.from([0, 1, 0, 2, 1]), keys: [30, 10, 20] });
    expect(groupKeys(keys.length, (i) => keys[i] as number, 31)).toEqual({ group: Int32Array.from([0, 1, 0, 2, 1]), keys: [30, 10, 20] });
  });

  it('sortByGroup orders a subset permutation by group, stably, and returns each group start', () => {
    const group = Int32Array.from([2, 0, 2, 1, 0, 2]);
    const perm = Int32Array.from([5, 0, 1, 2, 4]);
    const start = sortByGroup(perm, group, 3);
    expect(Array.from(perm)).toEqual([1, 4, 5, 0, 2]);
    expect(Array.from(start)).toEqual([0, 2, 2, 5]);
  });
});

describe('radix sorts of larger arrays', () => {
  it('sortByF64 and sortByU32 equal stable comparison sorts on thousands of keys with many ties', () => {
    let x = 7;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const n = 5000;
    const f = Float64Array.from({ length: n }, () => ((next() % 97) + 1) * (next() % 2 ? -1.5 : 2.25) * 2 ** ((next() % 60) - 30));
    const u = Array.from({ length: n }, () => next() % 300_000);
    const pf = identity(n);
    sortByF64(pf, f);
    expect(Array.from(pf)).toEqual(stableSorted(Array.from(f), (a, b) => a - b));
    const pu = identity(n);
    sortByU32(pu, u);
    expect(Array.from(pu)).toEqual(stableSorted(u, (a, b) => a - b));
  });

  it('sortPairsByUint equals a stable comparison sort of integers below 2^53 and leaves the keys sorted', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(0, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 2 ** 53 - 2), fc.double({ min: 0, max: 2 ** 53 - 1, noNaN: true }).map(Math.floor));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (raw) => {
        const perm = identity(raw.length);
        const keys = Float64Array.from(raw);
        sortPairsByUint(perm, keys);
        const expected = stableSorted(raw, (a, b) => a - b);
        expect(Array.from(perm)).toEqual(expected);
        expect(Array.from(keys)).toEqual(expected.map((i) => raw[i]));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts long runs of keys that agree in their high 32 bits (1 + k·2⁻⁴⁰) and short ones, stably', () => {
    // Keys this close share the high word of their bits: the sort finishes such runs by the low
    // word — by insertion when short, by a radix sort when longer than 32.
    let x = 3;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (const n of [20, 33, 500]) {
      const keys = Array.from({ length: n }, () => 1 + (next() % 97) * 2 ** -40);
      keys.push(2, -1 - 2 ** -40, -1);
      const cmp = (a: number, b: number) => a - b;
      const perm = identity(keys.length);
      sortByF64(perm, Float64Array.from(keys));
      expect(Array.from(perm)).toEqual(stableSorted(keys, cmp));
      const pairs = identity(keys.length);
      const aligned = Float64Array.from(keys);
      sortPairsByF64(pairs, aligned);
      expect(Array.from(pairs)).toEqual(stableSorted(keys, cmp));
      expect(Array.from(aligned)).toEqual([...keys].sort(cmp));
    }
  });

  it('sortPairsByF64 orders aligned keys as sortByF64 does and leaves them sorted, bit for bit', () => {
    let x = 11;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const n = 4000;
    const special = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324];
    const f = Float64Array.from({ length: n }, (_, i) => (i % 50 === 0 ? (special[(i / 50) % special.length] as number) : ((next() % 97) - 48) * 2 ** ((next() % 40) - 20)));
    const byIndex = identity(n);
    sortByF64(byIndex, f);
    const perm = identity(n);
    const keys = Float64Array.from(f);
    sortPairsByF64(perm, keys);
    expect(Array.from(perm)).toEqual(Array.from(byIndex));
    expect(Array.from(keys, (k) => Object.is(k, -0) ? '-0' : String(k))).toEqual(Array.from(byIndex, (i) => Object.is(f[i], -0) ? '-0' : String(f[i])));
  });

  it('sortPairsByF64 on keys already in order moves nothing, and still orders −0 before +0 and NaN last', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, NaN, Infinity));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.boolean(), (raw, presort) => {
        const f = Float64Array.from(raw);
        const byIndex = identity(f.length);
        sortByF64(byIndex, f);
        // Presorted: the keys in the sort's own order, so the pair sort must keep perm as given.
        const input = presort ? Float64Array.from(byIndex, (i) => f[i] as number) : f;
        const expected = identity(input.length);
        sortByF64(expected, input);
        const perm = identity(input.length);
        const keys = Float64Array.from(input);
        sortPairsByF64(perm, keys);
        expect(Array.from(perm)).toEqual(Array.from(expected));
        if (presort) expect(Array.from(perm)).toEqual(Array.from(identity(input.length)));
      }),
      { numRuns: 300 },
    );
    const zeros = Float64Array.from([0, -0]);
    const perm = identity(2);
    sortPairsByF64(perm, zeros);
    expect(Array.from(perm)).toEqual([1, 0]);
    expect(Object.is(zeros[0], -0)).toBe(true);
  });

  it('sortByGroup then sortSegmentsByF64, keys carried, equals a stable sort by (group, key)', () => {
    let x = 5;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const n = 3000;
    const group = Int32Array.from({ length: n }, () => next() % 7);
    const key = Float64Array.from({ length: n }, () => (next() % 40) / 8 - 2);
    const perm = Int32Array.from({ length: n / 2 }, (_, i) => 2 * i + 1);
    const keys = Float64Array.from(perm, (p) => key[p] as number);
    const start = sortByGroup(perm, group, 7, keys);
    sortSegmentsByF64(perm, start, keys);
    const want = Array.from({ length: n / 2 }, (_, i) => 2 * i + 1).sort((a, b) => (group[a] as number) - (group[b] as number) || (key[a] as number) - (key[b] as number) || a - b);
    expect(Array.from(perm)).toEqual(want);
    expect(Array.from(keys)).toEqual(want.map((p) => key[p]));
  });
});
