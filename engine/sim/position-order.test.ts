import { describe, expect, it } from 'vitest';
import { localityOrder, negRatio } from './position-order';

// Positions in canonical order: venue, collateral asset, debt asset, collateral, debt, threshold.
function order(rows: [number, number, number, number, number, number][]): number[] {
  const venue = Int32Array.from(rows, (r) => r[0]);
  const pair = Int32Array.from(rows, (r) => r[1] * 3 + r[2]);
  const negL = Float64Array.from(rows, (r) => negRatio(r[3], r[4], r[5]));
  return Array.from(localityOrder(venue, pair, negL, 8, 3));
}

describe('localityOrder', () => {
  it('groups by (venue, collateral, debt) in order of first appearance, L = d / (c·lt) descending, ties and debt-free positions after', () => {
    const o = order([
      [7, 1, 0, 10, 50, 0.8], // 0: group A, L = 6.25
      [3, 1, 0, 10, 60, 0.8], // 1: group B, L = 7.5
      [7, 1, 0, 10, 70, 0.8], // 2: group A, L = 8.75
      [7, 2, 0, 10, 70, 0.8], // 3: group C (other collateral)
      [7, 1, 0, 10, 0, 0.8], // 4: group A, no debt
      [7, 1, 0, 20, 100, 0.8], // 5: group A, L = 6.25, tie with 0
      [3, 1, 0, 10, 90, 0.8], // 6: group B, L = 11.25
    ]);
    expect(o).toEqual([2, 0, 5, 4, 6, 1, 3]);
  });
});
