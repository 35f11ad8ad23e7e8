import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F64Accumulator } from './f64-accumulator';

const op = fc.tuple(fc.oneof(fc.nat(50), fc.maxSafeNat()), fc.integer({ min: -1000, max: 1000 }));

describe('F64Accumulator', () => {
  it('sums like a Map for any keys below 2^53, through growth and clear, round after round', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 300 }), { minLength: 1, maxLength: 4 }), (rounds) => {
        // One accumulator for every round, as the loss graph keeps one for every step.
        const acc = new F64Accumulator(16);
        const before = new Set<number>();
        for (const ops of rounds) {
          const ref = new Map<number, number>();
          for (const [k, v] of ops) {
            acc.add(k, v);
            ref.set(k, (ref.get(k) ?? 0) + v);
          }
          expect(acc.size).toBe(ref.size);
          for (const [k, v] of ref) expect(acc.get(k)).toBe(v);
          for (const k of before) if (!ref.has(k)) expect(acc.get(k)).toBe(0);
          const { keys, values } = acc.sortedEntries();
          expect(Array.from(keys)).toEqual([...ref.keys()].sort((a, b) => a - b));
          expect(Array.from(keys).map((k, i) => [k, values[i]])).toEqual([...ref.entries()].sort((a, b) => a[0] - b[0]));
          acc.clear();
          expect(acc.size).toBe(0);
          for (const k of ref.keys()) {
            expect(acc.get(k)).toBe(0);
            before.add(k);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('sorts keys below 2^32 in its own scratch: the same entries as a sort of the Map, call after call', () => {
    const narrow = fc.tuple(fc.oneof(fc.nat(3000), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(2047, 2048, 2 ** 22, 2 ** 32 - 1)), fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(fc.array(fc.array(narrow, { maxLength: 3000 }), { minLength: 1, maxLength: 3 }), (rounds) => {
        const acc = new F64Accumulator(16);
        for (const ops of rounds) {
          const ref = new Map<number, number>();
          for (const [k, v] of ops) {
            acc.add(k, v);
            ref.set(k, (ref.get(k) ?? 0) + v);
          }
          const expected = [...ref.entries()].sort((a, b) => a[0] - b[0]);
          for (let twice = 0; twice < 2; twice++) {
            const { keys, values } = acc.sortedEntries();
            expect(Array.from(keys).map((k, i) => [k, values[i]])).toEqual(expected);
          }
          acc.clear();
        }
      }),
      { numRuns: 60 },
    );
  });
});
