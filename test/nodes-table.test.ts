import { describe, expect, it } from 'vitest';
import { compilePlan } from '../engine/sim/plan';
import { Simulation } from '../engine/sim/simulation';
import { generatedWorkspace } from './helpers/generated';

// The nodes table compares, from step to step, only debtors' obligations, payments and recovery
// rates, and only the external assets of venues, nodes hit by events and defaulted nodes
// (engine/results/recorder.ts): every row must still be the state the step left.
describe('the nodes table', () => {
  it('holds at every step the state the step left, for every node', async () => {
    const { ow, scenario } = await generatedWorkspace(3000, 11);
    const sim = new Simulation(ow.cw, compilePlan(scenario, ow.cw.model));
    const n = ow.cw.model.nodeIds.length;
    const owes = new Set(Array.from(ow.cw.model.obligationDebtor));
    expect(owes.size).toBeGreaterThan(0);
    expect(owes.size).toBeLessThan(n);
    const rows = sim.recorder.nodes;
    let externalMoved = 0;
    while (!sim.done) {
      const before = Float64Array.from(sim.s.external);
      sim.step();
      const at = sim.t * n;
      const s = sim.s;
      expect(Array.from(rows.external_usd.view().subarray(at, at + n))).toEqual(Array.from(s.external));
      expect(Array.from(rows.obligations_usd.view().subarray(at, at + n))).toEqual(Array.from(s.obligationsUsd));
      expect(Array.from(rows.payments_usd.view().subarray(at, at + n))).toEqual(Array.from(s.paymentsUsd));
      expect(Array.from(rows.recovery_rate.view().subarray(at, at + n))).toEqual(Array.from(s.recovery));
      for (let i = 0; i < n; i++) {
        if (s.external[i] !== before[i]) externalMoved++;
        if (!owes.has(i)) expect([s.obligationsUsd[i], s.paymentsUsd[i], s.recovery[i]]).toEqual([0, 0, 1]);
      }
    }
    // The run moved external assets and defaulted nodes, so the lists were put to use.
    expect(externalMoved).toBeGreaterThan(0);
    expect(sim.defaultedNodes.length).toBeGreaterThan(0);
  });
});
