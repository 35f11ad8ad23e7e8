import { describe, expect, it } from 'vitest';
import { NodeRows } from './recorder';

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
