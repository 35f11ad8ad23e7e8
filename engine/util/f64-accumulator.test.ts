import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F64Accumulator } from './f64-accumulator';

describe('F64Accumulator', () => {
  it('sums like a Map for any keys below 2^53, through growth and clear', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.nat(50), fc.maxSafeNat()), fc.integer({ min: -1000, max: 1000 })), { maxLength: 500 }), (ops) => {
        const acc = new F64Accumulator(16);
        const ref = new Map<number, number>();
        for (const [k, v] of ops) {
          acc.add(k, v);
          ref.set(k, (ref.get(k) ?? 0) + v);
        }
        expect(acc.size).toBe(ref.size);
        for (const [k, v] of ref) expect(acc.get(k)).toBe(v);
        const { keys, values } = acc.sortedEntries();
        expect(Array.from(keys)).toEqual([...ref.keys()].sort((a, b) => a - b));
        expect(Array.from(keys).map((k, i) => [k, values[i]])).toEqual([...ref.entries()].sort((a, b) => a[0] - b[0]));
        acc.clear();
        expect(acc.size).toBe(0);
        expect(acc.get(ops[0]?.[0] ?? 1)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
