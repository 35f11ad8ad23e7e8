import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PositionHeap } from './liquidation-index';

describe('PositionHeap', () => {
  it('pops by key descending, equal keys by smaller position, through interleaved pushes and pops', () => {
    const op = fc.oneof(fc.tuple(fc.constant('push' as const), fc.integer({ min: 0, max: 20 }), fc.nat(10_000)), fc.tuple(fc.constant('pop' as const), fc.constant(0), fc.constant(0)));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const heap = new PositionHeap();
        const ref: [number, number][] = [];
        const used = new Set<number>();
        for (const [kind, key, item] of ops) {
          if (kind === 'push') {
            if (used.has(item)) continue;
            used.add(item);
            heap.push(key / 4, item);
            ref.push([key / 4, item]);
          } else if (ref.length > 0) {
            ref.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
            const [k, want] = ref.shift() as [number, number];
            expect(heap.topKey()).toBe(k);
            const got = heap.pop();
            expect(got).toBe(want);
            used.delete(got);
          }
          expect(heap.size).toBe(ref.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
