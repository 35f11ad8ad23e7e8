import { describe, expect, it } from 'vitest';
import { localityOrder, permuteColumns, type PositionColumns } from './position-order';

// Positions in canonical order: venue, collateral asset, debt asset, collateral, debt, threshold.
function columns(rows: [number, number, number, number, number, number][]): PositionColumns {
  const i32 = (k: number) => Int32Array.from(rows, (r) => r[k] as number);
  const f64 = (k: number) => Float64Array.from(rows, (r) => r[k] as number);
  return {
    positionFromPerp: new Uint8Array(rows.length),
    positionOwner: Int32Array.from(rows, (_, i) => 100 + i),
    positionVenue: i32(0),
    positionCollateralAsset: i32(1),
    positionDebtAsset: i32(2),
    positionCollateral: f64(3),
    positionDebt: f64(4),
    positionThreshold: f64(5),
    positionBonus: new Float64Array(rows.length),
    positionCloseFactor: new Float64Array(rows.length),
  };
}

describe('localityOrder', () => {
  it('groups by (venue, collateral, debt) in order of first appearance, L = d / (c·lt) descending, ties and debt-free positions after', () => {
    const p = columns([
      [7, 1, 0, 10, 50, 0.8], // 0: group A, L = 6.25
      [3, 1, 0, 10, 60, 0.8], // 1: group B, L = 7.5
      [7, 1, 0, 10, 70, 0.8], // 2: group A, L = 8.75
      [7, 2, 0, 10, 70, 0.8], // 3: group C (other collateral)
      [7, 1, 0, 10, 0, 0.8], // 4: group A, no debt
      [7, 1, 0, 20, 100, 0.8], // 5: group A, L = 6.25, tie with 0
      [3, 1, 0, 10, 90, 0.8], // 6: group B, L = 11.25
    ]);
    const order = localityOrder(p, 3, 8);
    expect(Array.from(order)).toEqual([2, 0, 5, 4, 6, 1, 3]);
    const q = permuteColumns(p, order);
    expect(Array.from(q.positionOwner)).toEqual([102, 100, 105, 104, 106, 101, 103]);
    expect(Array.from(q.positionDebt)).toEqual([70, 50, 100, 0, 90, 60, 70]);
  });
});
