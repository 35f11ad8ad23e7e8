import { describe, expect, it } from 'vitest';
import { forceLayout, LAYOUT_SIDE } from './layout-force';
import { layoutNetwork } from './layout-network';
import type { NetworkStructure } from './network-graph';

// Two cliques of five joined by one edge (4 → 5).
const from: number[] = [];
const to: number[] = [];
for (const base of [0, 5]) {
  for (let i = 0; i < 5; i++) {
    for (let j = i + 1; j < 5; j++) {
      from.push(base + i);
      to.push(base + j);
    }
  }
}
from.push(4);
to.push(5);
const F = Int32Array.from(from);
const T = Int32Array.from(to);
const dist = (xy: Float32Array, a: number, b: number) => Math.hypot((xy[2 * a] as number) - (xy[2 * b] as number), (xy[2 * a + 1] as number) - (xy[2 * b + 1] as number));

describe('forceLayout', () => {
  it('is deterministic from the seed, and another seed gives another layout', () => {
    const a = forceLayout(10, F, T, { seed: 's' });
    const b = forceLayout(10, F, T, { seed: 's' });
    const c = forceLayout(10, F, T, { seed: 't' });
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
  });

  it('fits the square, keeps vertices apart and puts each clique together', () => {
    const xy = forceLayout(10, F, T, { seed: 1 });
    for (const p of xy) {
      expect(Number.isFinite(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(-1e-3);
      expect(p).toBeLessThanOrEqual(LAYOUT_SIDE + 1e-3);
    }
    let within = 0;
    let across = 0;
    let closest = Infinity;
    for (let i = 0; i < 10; i++) {
      for (let j = i + 1; j < 10; j++) {
        const d = dist(xy, i, j);
        closest = Math.min(closest, d);
        if (i < 5 === j < 5) within = Math.max(within, d);
        else across += d / 25;
      }
    }
    expect(within).toBeLessThan(across);
    expect(closest).toBeGreaterThan(LAYOUT_SIDE / 100);
  });

  it('leaves fixed vertices where they were put', () => {
    const fixed = new Float32Array(20).fill(NaN);
    fixed[0] = 10;
    fixed[1] = 20;
    const xy = forceLayout(10, F, T, { seed: 1, fixed });
    expect([xy[0], xy[1]]).toEqual([10, 20]);
  });
});

describe('layoutNetwork', () => {
  it('places the members of a large network on spirals around their group', () => {
    const V = 9000;
    const g = {
      ids: Array.from({ length: V }, (_, i) => `n${i}`),
      groupLabels: ['a', 'b'],
      group: Int32Array.from({ length: V }, (_, i) => (i < V / 2 ? 0 : 1)),
      edgeFrom: Int32Array.from([0]),
      edgeTo: Int32Array.from([V - 1]),
    } as unknown as NetworkStructure;
    const xy = layoutNetwork(g);
    expect(xy.length).toBe(2 * V);
    // The first member of each group sits at the group's place; the groups are apart.
    expect(dist(xy, 0, V / 2)).toBeGreaterThan(dist(xy, 0, 1));
    expect([...layoutNetwork(g)]).toEqual([...xy]);
  });
});
