import { describe, expect, it } from 'vitest';
import { leastSquares } from './bench-steps';

describe('bench step fit', () => {
  it('recovers fixed and per-liquidation cost from exact points', () => {
    // 2 ms a step plus 0.5 µs (0.0005 ms) per liquidation.
    const xs = [0, 1000, 4000, 10000];
    const fit = leastSquares(xs, xs.map((x) => 2 + 0.0005 * x));
    expect(fit.fixedMs).toBeCloseTo(2, 9);
    expect(fit.perLiquidationUs).toBeCloseTo(0.5, 9);
    expect(fit.r2).toBeCloseTo(1, 9);
  });
});
