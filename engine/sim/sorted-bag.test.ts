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
          const left = keys[item] as number;
          keys[item] = key;
          bag.add(item, Number.isNaN(left) ? undefined : left);
        }
        const { out, count } = bag.range(lo, lo + width, new Int32Array(4));
        const got = [...new Set(out.subarray(0, count))].sort((a, b) => a - b);
        const want = [...keys.keys()].filter((i) => (keys[i] as number) >= lo && (keys[i] as number) < lo + width);
        expect(got).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('drops the entries an item left behind when it merges', () => {
    const keys = new Float64Array(2000);
    const bag = new SortedBag(keys);
    for (let round = 0; round < 10; round++) {
      for (let item = 0; item < keys.length; item++) {
        const left = keys[item] as number;
        keys[item] = round * 10_000 + ((item * 7919) % 2000);
        bag.add(item, round === 0 ? undefined : left);
      }
    }
    // 20,000 adds; live entries are the last 2,000, plus at most one pending batch.
    expect(bag.size).toBeLessThan(2000 + 2100);
    const { out, count } = bag.range(90_000, 100_000, new Int32Array(4));
    expect(new Set(out.subarray(0, count)).size).toBe(2000);
    expect(bag.range(0, 90_000, new Int32Array(4)).count).toBe(0);
  });

  it('answers a second run after clear as a new bag does (its merge buffers are reused)', () => {
    const run = (bag: SortedBag, keys: Float64Array, seed: number): number[] => {
      keys.fill(NaN);
      for (let k = 0; k < 6000; k++) {
        const item = (k * 7919 + seed) % keys.length;
        const left = keys[item] as number;
        keys[item] = ((k * 104729 + seed) % 5000) / 50;
        bag.add(item, Number.isNaN(left) ? undefined : left);
      }
      const { out, count } = bag.range(20, 60, new Int32Array(4));
      return [...new Set(out.subarray(0, count))].sort((a, b) => a - b);
    };
    const keys = new Float64Array(3000);
    const reused = new SortedBag(keys);
    run(reused, keys, 1);
    reused.clear();
    const second = run(reused, keys, 2);
    const fresh = run(new SortedBag(keys), keys, 2);
    expect(second.length).toBeGreaterThan(500);
    expect(second).toEqual(fresh);
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
