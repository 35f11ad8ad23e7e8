import { describe, expect, it } from 'vitest';
import { debtorsOf, flaggedNodes } from './node-lists';

describe('node lists', () => {
  it('lists the flagged nodes ascending', () => {
    expect(Array.from(flaggedNodes(Uint8Array.from([0, 1, 0, 1, 1])))).toEqual([1, 3, 4]);
    expect(Array.from(flaggedNodes(new Uint8Array(3)))).toEqual([]);
  });

  it('lists each debtor once, ascending, whatever the rows’ order', () => {
    expect(Array.from(debtorsOf(Int32Array.from([4, 1, 4, 0, 1]), 6))).toEqual([0, 1, 4]);
  });
});
