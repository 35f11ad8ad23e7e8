import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F64Accumulator } from './f64-accumulator';

/** What the accumulator must give: each key's amounts summed in the order they were added, keys ascending. */
function reference(ops: readonly (readonly [number, number])[]): [number, number][] {
  const ref = new Map<number, number>();
  for (const [k, v] of ops) ref.set(k, ref.has(k) ? (ref.get(k) as number) + v : v);
  return [...ref.entries()].sort((a, b) => a[0] - b[0]);
}

const entries = (acc: F64Accumulator): [number, number][] => {
  const { keys, values } = acc.sortedEntries();
  return Array.from(keys, (k, i) => [k, values[i] as number]);
};

describe('F64Accumulator', () => {
  it('sums like a Map for any keys below 2^53, in the order added, round after round', () => {
    const op = fc.tuple(fc.oneof(fc.nat(50), fc.maxSafeNat()), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 300 }), { minLength: 1, maxLength: 4 }), (rounds) => {
        // One accumulator for every round, as the loss graph keeps one for every step.
        const acc = new F64Accumulator(16);
        for (const ops of rounds) {
          for (const [k, v] of ops) acc.add(k, v);
          expect(acc.length).toBe(ops.length);
          // Bit for bit: the same additions in the same order.
          expect(entries(acc)).toEqual(reference(ops));
          acc.clear();
          expect(acc.length).toBe(0);
          expect(entries(acc)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('sorts keys below 2^32 in its own scratch: the same entries as the Map, call after call', () => {
    const narrow = fc.tuple(fc.oneof(fc.nat(3000), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(2047, 2048, 2 ** 22, 2 ** 32 - 1)), fc.double({ min: -5, max: 5, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.array(narrow, { maxLength: 3000 }), { minLength: 1, maxLength: 3 }), (rounds) => {
        const acc = new F64Accumulator(16);
        for (const ops of rounds) {
          for (const [k, v] of ops) acc.add(k, v);
          const expected = reference(ops);
          for (let twice = 0; twice < 2; twice++) expect(entries(acc)).toEqual(expected);
          acc.clear();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('sums a key’s amounts in the order they were added (floating-point sums depend on it)', () => {
    const acc = new F64Accumulator(4);
    // 1e16 + 1 + 1 = 1e16 in doubles, while 1 + 1 + 1e16 = 1e16 + 2: the order shows in the sum.
    for (const [k, v] of [[7, 1e16], [3, 5], [7, 1], [7, 1]] as const) acc.add(k, v);
    acc.add(2 ** 40, 1);
    acc.add(7, 0.5);
    expect(entries(acc)).toEqual([[3, 5], [7, 1e16 + 1 + 1 + 0.5], [2 ** 40, 1]]);
    acc.clear();
    for (const [k, v] of [[7, 1], [7, 1], [7, 1e16]] as const) acc.add(k, v);
    expect(entries(acc)).toEqual([[7, 1 + 1 + 1e16]]);
  });

  it('keeps that order for keys below 2^32 whose digits all move, high bit set included', () => {
    const acc = new F64Accumulator(4);
    const big = 2 ** 31 + 2 ** 22 + 2 ** 11 + 5;
    for (const [k, v] of [[big, 1e16], [3, 2], [big, 1], [2 ** 22 + 7, 4], [big, 1], [3, 1e16]] as const) acc.add(k, v);
    expect(entries(acc)).toEqual([[3, 2 + 1e16], [2 ** 22 + 7, 4], [big, 1e16 + 1 + 1]]);
  });
});
