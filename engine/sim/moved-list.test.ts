import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MovedList } from './moved-list';

/** Adds (item, key) pairs as the exposure index does: keyOf updated first, the key left behind passed along. */
function addAll(list: MovedList, keys: Float64Array, ops: readonly (readonly [number, number])[]): void {
  for (const [item, key] of ops) {
    const left = keys[item] as number;
    keys[item] = key;
    if (Number.isNaN(left)) list.add(item);
    else list.move(item, left);
  }
}

describe('MovedList', () => {
  it('answers range queries over the current keys through adds, key changes and compactions', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.tuple(fc.nat(60), fc.double({ min: 0, max: 100, noNaN: true })), { maxLength: 3000 }),
          // Many chunks, and more than 4 chunks' worth of stale entries: compactions on the way.
          fc.array(fc.tuple(fc.nat(60), fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 9000, maxLength: 12_000 }),
        ),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (ops, lo, width) => {
          const keys = new Float64Array(61).fill(NaN);
          const list = new MovedList(keys);
          addAll(list, keys, ops);
          const { out, count } = list.range(lo, lo + width, new Int32Array(4));
          const got = [...new Set(out.subarray(0, count))].sort((a, b) => a - b);
          const want = [...keys.keys()].filter((i) => (keys[i] as number) >= lo && (keys[i] as number) < lo + width);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves out items released (their entries stale), through later adds and compactions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(60), fc.double({ min: 1, max: 100, noNaN: true }), fc.boolean()), { minLength: 2000, maxLength: 9000 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (ops, lo, width) => {
          // keys: the key each item is in the list with; 0 for an item released (as a position without debt is).
          const keys = new Float64Array(61).fill(NaN);
          const list = new MovedList(keys);
          for (const [item, key, release] of ops) {
            const left = keys[item] as number;
            const inList = !Number.isNaN(left) && left !== 0;
            if (release) {
              keys[item] = 0;
              if (inList) list.release(item, left);
            } else {
              keys[item] = key;
              if (inList) list.move(item, left);
              else list.add(item);
            }
          }
          const { out, count } = list.range(lo, lo + width, new Int32Array(4));
          const got = [...new Set(out.subarray(0, count))].sort((a, b) => a - b);
          const want = [...keys.keys()].filter((i) => (keys[i] as number) > 0 && (keys[i] as number) >= lo && (keys[i] as number) < lo + width);
          expect(got).toEqual(want);
          expect(list.size).toBeLessThanOrEqual(2 * 61 + 4 * 256 + 1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('settles every change in one call, as the exposure index makes them: in or not before, staying or leaving', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(60), fc.double({ min: 0, max: 100, noNaN: true }), fc.boolean()), { minLength: 2000, maxLength: 6000 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (ops, lo, width) => {
          // keys: the current key of each item; an item with key 0 (no debt) stays out of the list.
          const keys = new Float64Array(61).fill(NaN);
          const inList = new Uint8Array(61);
          const list = new MovedList(keys);
          for (const [item, key, leave] of ops) {
            const left = keys[item] as number;
            keys[item] = leave ? 0 : key;
            const stays = (keys[item] as number) > 0;
            list.settle(item, left, inList[item] === 1, stays);
            inList[item] = stays ? 1 : 0;
          }
          const { out, count } = list.range(lo, lo + width, new Int32Array(4));
          const got = [...new Set(out.subarray(0, count))].sort((a, b) => a - b);
          const want = [...keys.keys()].filter((i) => inList[i] === 1 && (keys[i] as number) >= lo && (keys[i] as number) < lo + width);
          expect(got).toEqual(want);
          expect(list.size).toBeLessThanOrEqual(2 * 61 + 4 * 256 + 1);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('returns hits in the order their items were last added, also after stale entries are dropped', () => {
    const n = 3000;
    const keys = new Float64Array(n).fill(NaN);
    const list = new MovedList(keys);
    // Ten rounds over every item, each with new keys: 27,000 entries go stale and are dropped on the way.
    const order: number[] = [];
    for (let round = 0; round < 10; round++) {
      order.length = 0;
      for (let k = 0; k < n; k++) {
        const item = (k * 7919 + round) % n;
        order.push(item);
        addAll(list, keys, [[item, round * 1000 + (item % 500)]]);
      }
    }
    expect(list.size).toBeLessThan(n + 4 * 1024 + 1024 + 1);
    const { out, count } = list.range(9000, 10_000, new Int32Array(4));
    expect(Array.from(out.subarray(0, count))).toEqual(order);
    expect(list.range(0, 9000, new Int32Array(4)).count).toBe(0);
  });

  it('skips the chunks whose keys all lie outside the range, and still finds the one that does not', () => {
    const keys = new Float64Array(5000);
    const list = new MovedList(keys);
    for (let i = 0; i < 5000; i++) {
      keys[i] = i === 4321 ? 0.5 : 10 + i;
      list.add(i);
    }
    const { out, count } = list.range(0, 1, new Int32Array(1));
    expect(Array.from(out.subarray(0, count))).toEqual([4321]);
    expect(list.range(10, 12, new Int32Array(1)).count).toBe(2);
  });

  it('keeps each chunk\'s key span right after stale entries are dropped', () => {
    const keys = new Float64Array(101).fill(NaN);
    const list = new MovedList(keys);
    addAll(
      list,
      keys,
      Array.from({ length: 100 }, (_, i) => [i, i] as const),
    );
    // Item 100 re-added 5,000 times with falling keys: its old entries go stale and are dropped.
    addAll(
      list,
      keys,
      Array.from({ length: 5000 }, (_, k) => [100, -1 - k] as const),
    );
    expect(list.size).toBeLessThan(5100);
    const { out, count } = list.range(50, 51, new Int32Array(1));
    expect(Array.from(out.subarray(0, count))).toEqual([50]);
    expect(list.range(99, 100, new Int32Array(1)).count).toBe(1);
  });

  it('answers a second run after clear as a new list does (its buffers are reused)', () => {
    const run = (list: MovedList, keys: Float64Array, seed: number): number[] => {
      keys.fill(NaN);
      for (let k = 0; k < 6000; k++) addAll(list, keys, [[(k * 7919 + seed) % keys.length, ((k * 104729 + seed) % 5000) / 50]]);
      const { out, count } = list.range(20, 60, new Int32Array(4));
      return Array.from(out.subarray(0, count));
    };
    const keys = new Float64Array(3000);
    const reused = new MovedList(keys);
    run(reused, keys, 1);
    reused.clear();
    expect(reused.size).toBe(0);
    const second = run(reused, keys, 2);
    const fresh = run(new MovedList(keys), keys, 2);
    expect(second.length).toBeGreaterThan(500);
    expect(second).toEqual(fresh);
  });
});
