import { describe, expect, it } from 'vitest';
import { LiquidationBuffer } from './step-buffers';

describe('LiquidationBuffer', () => {
  it('keeps the rows written so far when reserve grows it, in every column', () => {
    const b = new LiquidationBuffer();
    const write = (k: number) => {
      b.position[b.length] = k;
      b.venue[b.length] = k + 1;
      b.owner[b.length] = k + 2;
      b.collateralAsset[b.length] = k + 3;
      b.debtAsset[b.length] = k + 4;
      b.collateralBefore[b.length] = k + 0.5;
      b.debtBefore[b.length] = k + 1.5;
      b.seized[b.length] = k + 4.5;
      b.repaid[b.length] = k + 5.5;
      b.badDebt[b.length] = k + 6.5;
      b.collateralPrice[b.length] = k + 7.5;
      b.debtPrice[b.length] = k + 8.5;
      b.forced[b.length] = k % 2;
      b.length++;
    };
    b.reserve(50);
    for (let k = 0; k < 50; k++) write(k);
    b.reserve(1000);
    expect(b.position.length).toBeGreaterThanOrEqual(1050);
    for (let k = 50; k < 1050; k++) write(k);
    expect(b.length).toBe(1050);
    for (const k of [0, 49, 50, 1049]) {
      expect([b.position[k], b.venue[k], b.owner[k], b.collateralAsset[k], b.debtAsset[k]]).toEqual([k, k + 1, k + 2, k + 3, k + 4]);
      expect([b.collateralBefore[k], b.debtBefore[k], b.seized[k], b.repaid[k], b.badDebt[k], b.collateralPrice[k], b.debtPrice[k]]).toEqual(
        [0.5, 1.5, 4.5, 5.5, 6.5, 7.5, 8.5].map((x) => k + x),
      );
      expect(b.forced[k]).toBe(k % 2);
    }
    b.clear();
    expect(b.length).toBe(0);
  });
});
