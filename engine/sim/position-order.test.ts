import { describe, expect, it } from 'vitest';
import { localityOrder, type PositionFields } from './position-order';

// Positions in canonical order: venue, collateral asset, debt asset, collateral, debt, threshold.
function fields(rows: [number, number, number, number, number, number][]): PositionFields {
  const at = (k: number, j: number) => (rows[k] as number[])[j] as number;
  return { venue: (k) => at(k, 0), pair: (k) => at(k, 1) * 3 + at(k, 2), collateral: (k) => at(k, 3), debt: (k) => at(k, 4), threshold: (k) => at(k, 5) };
}

describe('localityOrder', () => {
  it('groups by (venue, collateral, debt) in order of first appearance, L = d / (c·lt) descending, ties and debt-free positions after', () => {
    const p = fields([
      [7, 1, 0, 10, 50, 0.8], // 0: group A, L = 6.25
      [3, 1, 0, 10, 60, 0.8], // 1: group B, L = 7.5
      [7, 1, 0, 10, 70, 0.8], // 2: group A, L = 8.75
      [7, 2, 0, 10, 70, 0.8], // 3: group C (other collateral)
      [7, 1, 0, 10, 0, 0.8], // 4: group A, no debt
      [7, 1, 0, 20, 100, 0.8], // 5: group A, L = 6.25, tie with 0
      [3, 1, 0, 10, 90, 0.8], // 6: group B, L = 11.25
    ]);
    expect(Array.from(localityOrder(7, 8, 3, p))).toEqual([2, 0, 5, 4, 6, 1, 3]);
  });
});
