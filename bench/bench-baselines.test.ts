import { describe, expect, it } from 'vitest';
import { loadLatency, randomCycle } from './bench-baselines';

describe('randomCycle', () => {
  it('is one cycle through every place, so a chain of loads never settles in a short loop', () => {
    for (const n of [1, 2, 7, 1000]) {
      const next = randomCycle(n);
      const seen = new Uint8Array(n);
      let p = 0;
      for (let k = 0; k < n; k++) {
        expect(seen[p]).toBe(0);
        seen[p] = 1;
        p = next[p] as number;
      }
      expect(p).toBe(0);
      expect(seen.every((x) => x === 1)).toBe(true);
    }
  });

  it('is not the identity order: neighbours in memory are not neighbours in the chain', () => {
    const next = randomCycle(1000);
    let adjacent = 0;
    for (let i = 0; i < 1000; i++) if (next[i] === (i + 1) % 1000) adjacent++;
    expect(adjacent).toBeLessThan(10);
  });
});

describe('loadLatency', () => {
  it('reports one positive figure per working-set size', () => {
    const r = loadLatency([4096, 65536], 10_000, 1);
    expect(r.map((x) => x.bytes)).toEqual([4096, 65536]);
    for (const x of r) expect(x.ns).toBeGreaterThan(0);
  });
});
