import { describe, expect, it } from 'vitest';
import { LiquidationBuffer } from './step-buffers';

function writer(b: LiquidationBuffer): (k: number) => void {
  return (k) => {
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
}

function columnsOf(b: LiquidationBuffer): ArrayLike<number>[] {
  return [b.position, b.venue, b.owner, b.collateralAsset, b.debtAsset, b.collateralBefore, b.debtBefore, b.seized, b.repaid, b.badDebt, b.collateralPrice, b.debtPrice, b.forced];
}

function expectRow(b: LiquidationBuffer, k: number, at = k): void {
  expect([b.position[at], b.venue[at], b.owner[at], b.collateralAsset[at], b.debtAsset[at]]).toEqual([k, k + 1, k + 2, k + 3, k + 4]);
  expect([b.collateralBefore[at], b.debtBefore[at], b.seized[at], b.repaid[at], b.badDebt[at], b.collateralPrice[at], b.debtPrice[at]]).toEqual(
    [0.5, 1.5, 4.5, 5.5, 6.5, 7.5, 8.5].map((x) => k + x),
  );
  expect(b.forced[at]).toBe(k % 2);
}

describe('LiquidationBuffer', () => {
  it('keeps the rows written so far when reserve grows it, in every column', () => {
    const b = new LiquidationBuffer();
    const write = writer(b);
    b.reserve(50);
    for (let k = 0; k < 50; k++) write(k);
    b.reserve(1000);
    expect(b.position.length).toBeGreaterThanOrEqual(1050);
    for (let k = 50; k < 1050; k++) write(k);
    expect(b.length).toBe(1050);
    for (const k of [0, 49, 50, 1049]) expectRow(b, k);
    b.clear();
    expect(b.length).toBe(0);
  });

  it('writes a step’s rows into memory its room gives, each step its own, and its own arrays again without a room', () => {
    const b = new LiquidationBuffer();
    const write = writer(b);
    b.reserve(10);
    for (let k = 0; k < 10; k++) write(k);
    const own = columnsOf(b);
    const given: ArrayBuffer[] = [];
    const room = (bytes: number) => {
      const m = new Uint8Array(bytes).fill(0xff).buffer;
      given.push(m);
      return m;
    };

    // A step with no rows takes no memory.
    b.roomForStep(room);
    b.reserve(0);
    expect(b.length).toBe(0);
    expect(given).toHaveLength(0);

    // Rows go into one buffer the room gave, every column in it, and stay there through a growth.
    b.roomForStep(room);
    b.reserve(3);
    expect(given).toHaveLength(1);
    for (let k = 100; k < 103; k++) write(k);
    b.reserve(500);
    expect(given).toHaveLength(2);
    for (let k = 103; k < 603; k++) write(k);
    expect(b.position.buffer).toBe(given[1]);
    for (const c of columnsOf(b)) expect((c as Uint8Array).buffer).toBe(given[1]);
    for (const k of [100, 102, 103, 602]) expectRow(b, k, k - 100);
    const stepOne = columnsOf(b);

    // The next step writes into new memory, even where the last step's has room: its rows are left as they were.
    b.roomForStep(room);
    b.reserve(1);
    write(7);
    expect(given).toHaveLength(3);
    expectRow(b, 7, 0);
    expect(stepOne[0]?.[0]).toBe(100);

    // Without a room: the buffer's own arrays, rows written before any room untouched.
    b.roomForStep(null);
    expect(given).not.toContain(b.position.buffer);
    columnsOf(b).forEach((c, i) => expect(c).toBe(own[i]));
    for (let k = 0; k < 10; k++) expectRow(b, k);
  });
});
