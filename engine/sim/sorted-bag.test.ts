import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedBag } from './sorted-bag';

describe('SortedBag', () => {
  it('answers range queries over the current keys through adds, key changes and merges', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(60), fc.double({ min: 0, max: 100, noNaN: true })), { maxLength: 3000 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (ops, lo, width) => {
        const keys = new Float64Array(61).fill(NaN);
        const bag = new SortedBag(keys);
        for (const [item, key] of ops) {
          keys[item] = key;
          bag.add(item);
        }
        const { out, count } = bag.range(lo, lo + width, new Int32Array(4));
        const got = [...new Set(out.subarray(0, count))].sort((a, b) => a - b);
        const want = [...keys.keys()].filter((i) => (keys[i] as number) >= lo && (keys[i] as number) < lo + width);
        expect(got).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('forgets everything on clear', () => {
    const keys = Float64Array.from([1, 2]);
    const bag = new SortedBag(keys);
    bag.add(0);
    bag.add(1);
    bag.clear();
    expect(bag.range(0, 10, new Int32Array(2)).count).toBe(0);
  });
});
