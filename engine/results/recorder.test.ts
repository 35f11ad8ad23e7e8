import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeRows, StepChanges } from './recorder';

describe('the nodes table’s derived columns', () => {
  it('step and node follow the row, defaulted the default steps (from its step on), remade as rows come', () => {
    const rows = new NodeRows();
    const defaultStep = Int32Array.from([-1, -1, -1]);
    rows.bind(3, defaultStep);
    const step = (values: number[]) => {
      for (const v of values) rows.equity_usd.push(v);
    };
    step([10, 20, 30]);
    expect(Array.from(rows.step.view())).toEqual([0, 0, 0]);
    expect(Array.from(rows.defaulted.view())).toEqual([0, 0, 0]);
    // Node 1 defaults at step 1, node 2 at step 2: earlier rows stay not defaulted.
    defaultStep[1] = 1;
    step([11, 0, 31]);
    defaultStep[2] = 2;
    step([12, 0, 0]);
    expect(Array.from(rows.step.view())).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(Array.from(rows.node.view())).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(Array.from(rows.defaulted.view())).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 1]);
    expect(rows.step.length).toBe(9);
    expect(rows.length).toBe(9);
    expect(Object.keys(rows.written())).toEqual(['external_usd', 'obligations_usd', 'payments_usd', 'equity_usd', 'recovery_rate']);
  });
});

describe('StepChanges: a node column kept as its changes', () => {
  const bits = (x: Float64Array): string[] => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length * 2), (w) => w.toString(16));

  it('gives back every step’s values bit for bit (repeats, −0 against 0, NaN, infinities), as rows come', () => {
    const value = fc.oneof(fc.constantFrom(0, -0, 1, NaN, Infinity, -Infinity, 2.5), fc.double());
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.array(value, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (nodes, steps, repeat) => {
        const c = new StepChanges(nodes);
        const want: number[] = [];
        let prev: number[] | null = null;
        for (const raw of steps) {
          // Some nodes keep last step's value: the case the column is made for.
          const row = raw.slice(0, nodes).map((x, i) => (prev && repeat[i] ? (prev[i] as number) : x));
          c.record(Float64Array.from(row));
          want.push(...row);
          prev = row;
          expect(bits(c.column().view())).toEqual(bits(Float64Array.from(want)));
        }
        expect(c.length).toBe(want.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps only what changed after the first step', () => {
    const c = new StepChanges(4);
    c.record(Float64Array.from([1, 2, 3, 4]));
    c.record(Float64Array.from([1, 2, 3, 4]));
    c.record(Float64Array.from([1, -0, 3, 5]));
    expect(Array.from(c.column().view())).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, -0, 3, 5]);
    expect(Object.is(c.column().get(9), -0)).toBe(true);
    // 4 values of the first step, then 2 changes (−0 for 2 is one).
    expect((c as unknown as { value: { length: number } }).value.length).toBe(6);
  });

  it('a value repeated bit for bit is no change, NaN included; the first step is kept whole, zeros too', () => {
    const c = new StepChanges(3);
    c.record(Float64Array.from([0, -0, NaN]));
    c.record(Float64Array.from([0, -0, NaN]));
    c.record(Float64Array.from([-0, 0, NaN]));
    expect(bits(c.column().view())).toEqual(bits(Float64Array.from([0, -0, NaN, 0, -0, NaN, -0, 0, NaN])));
    // 3 values of the first step, then the two signs that flipped.
    expect((c as unknown as { value: { length: number } }).value.length).toBe(5);
  });

  it('with the nodes that may change named, the others are not compared and the column is the same', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double(), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }), (steps, may) => {
        const only = Int32Array.from(may.sort((x, y) => x - y));
        const named = new StepChanges(5);
        const all = new StepChanges(5);
        let row = steps[0] as number[];
        for (const raw of steps) {
          // Nodes outside `only` keep the first step's value, as debtors' columns do for the others.
          row = row.map((x, i) => (only.includes(i) ? (raw[i] as number) : x));
          named.record(Float64Array.from(row), only);
          all.record(Float64Array.from(row));
        }
        expect(bits(named.column().view())).toEqual(bits(all.column().view()));
      }),
      { numRuns: 200 },
    );
    // What the contract leaves out: a node not named is taken to repeat its last value.
    const c = new StepChanges(2);
    c.record(Float64Array.from([1, 2]), Int32Array.from([1]));
    c.record(Float64Array.from([9, 3]), Int32Array.from([1]));
    expect(Array.from(c.column().view())).toEqual([1, 2, 1, 3]);
  });

  it('NodeRows.record fills the five value columns from the state’s arrays', () => {
    const rows = new NodeRows();
    // Node 1 owes nothing: its obligations, payments and recovery are not compared after the first step.
    rows.bind(2, Int32Array.from([-1, -1]), Int32Array.from([0]));
    const step = (k: number) => ({ external: Float64Array.from([k, 5]), obligationsUsd: Float64Array.from([7 + k, 0]), paymentsUsd: Float64Array.from([k, 0]), equity: Float64Array.from([k * 10, -k]), recovery: Float64Array.from([k / (7 + k), 1]) });
    rows.record(step(1));
    rows.record(step(2));
    const cols = rows.written();
    expect(Array.from(cols.external_usd?.view() ?? [])).toEqual([1, 5, 2, 5]);
    expect(Array.from(cols.obligations_usd?.view() ?? [])).toEqual([8, 0, 9, 0]);
    expect(Array.from(cols.payments_usd?.view() ?? [])).toEqual([1, 0, 2, 0]);
    expect(Array.from(cols.equity_usd?.view() ?? [])).toEqual([10, -1, 20, -2]);
    expect(Array.from(cols.recovery_rate?.view() ?? [])).toEqual([1 / 8, 1, 2 / 9, 1]);
    expect(rows.length).toBe(4);
  });
});
