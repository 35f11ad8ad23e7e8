import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowsByAsset } from './attribution';
import type { StepJournal } from './step-journal';

/** The plain tally: every row's units added to its (asset, node) in row order, nodes listed per asset as first met. */
function reference(rows: [number, number, number, number, number][], fire: [number, number, number][], nA: number, nN: number) {
  const who: number[][] = Array.from({ length: nA }, () => []);
  const units = new Map<number, number>();
  const put = (a: number, node: number, n: number) => {
    const key = a * nN + node;
    const before = units.get(key);
    if (before === undefined) (who[a] as number[]).push(node);
    units.set(key, (before ?? 0) + n);
  };
  for (const [v, ca, da, seized, repaid] of rows) {
    put(ca, v, seized);
    put(da, v, -repaid);
  }
  for (const [node, a, n] of fire) put(a, node, n);
  return { who, units };
}

function journal(rows: [number, number, number, number, number][], fire: [number, number, number][], nA: number): StepJournal {
  const col = <T extends Int32Array | Float64Array>(C: new (xs: number[]) => T, k: number, from: number[][]): T => new C(from.map((r) => r[k] as number));
  return {
    P: new Float64Array(nA),
    liq: {
      owner: new Int32Array(rows.length),
      venue: col(Int32Array, 0, rows),
      collateralAsset: col(Int32Array, 1, rows),
      debtAsset: col(Int32Array, 2, rows),
      seized: col(Float64Array, 3, rows),
      repaid: col(Float64Array, 4, rows),
    },
    fire: { node: col(Int32Array, 0, fire), asset: col(Int32Array, 1, fire), units: col(Float64Array, 2, fire) },
  } as unknown as StepJournal;
}

describe('flowsByAsset', () => {
  it('sums each (asset, node) in row order and lists nodes as first met, whatever the order of the rows', () => {
    const nA = 4;
    const nN = 5;
    const amount = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const row = fc.tuple(fc.integer({ min: 0, max: nN - 1 }), fc.integer({ min: 0, max: nA - 1 }), fc.integer({ min: 0, max: nA - 1 }), amount, amount);
    const fire = fc.tuple(fc.integer({ min: 0, max: nN - 1 }), fc.integer({ min: 0, max: nA - 1 }), amount);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.array(fire, { maxLength: 8 }), (rows, fires) => {
        const got = flowsByAsset(journal(rows, fires, nA), nN);
        const want = reference(rows, fires, nA, nN);
        expect(got.who).toEqual(want.who);
        expect([...got.units.entries()].sort((x, y) => x[0] - y[0])).toEqual([...want.units.entries()].sort((x, y) => x[0] - y[0]));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps separate sums for interleaved keys: A, B, A, C, A, B', () => {
    // venue 0 sells asset 1 and repays asset 2, then asset 3 against 2, then 1 against 2 again.
    const rows: [number, number, number, number, number][] = [
      [0, 1, 2, 0.1, 0.2],
      [0, 3, 2, 0.3, 0.4],
      [0, 1, 2, 0.5, 0.6],
    ];
    const got = flowsByAsset(journal(rows, [], 4), 1);
    expect(got.units.get(1)).toBe(0.1 + 0.5);
    expect(got.units.get(2)).toBe(-0.2 + -0.4 + -0.6);
    expect(got.units.get(3)).toBe(0.3);
    expect(got.who).toEqual([[], [0], [0], [0]]);
  });
});
