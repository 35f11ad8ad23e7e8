import { describe, expect, it } from 'vitest';
import { generateWorkspaceFiles } from '../engine/generate/workspace';
import { openWorkspace } from '../engine/open-workspace';
import { validateScenario } from '../engine/scenario/validate';
import { compilePlan } from '../engine/sim/plan';
import { Simulation } from '../engine/sim/simulation';
import { importWorkspace } from '../engine/workspace/import';

// The nodes table compares only debtors' obligations, payments and recovery rates from step to
// step (engine/results/recorder.ts): it relies on every other node owing 0, paying 0 and
// recovering 1 at every step, and on the debtors' rows being the clearing's own numbers.
describe('the nodes table’s obligations, payments and recovery rates', () => {
  it('are 0, 0 and 1 in every row of a node that owes nothing, and the clearing’s numbers at the last step', async () => {
    const { files, scenario } = generateWorkspaceFiles({ positions: 3000, seed: 11 });
    const imported = importWorkspace(files);
    if (!imported.ok) throw new Error('the generated workspace does not import');
    const ow = await openWorkspace(imported.value);
    const v = validateScenario(scenario, ow.ids);
    if (!v.ok) throw new Error('invalid scenario');
    const sim = new Simulation(ow.cw, compilePlan(v.value, ow.cw.model)).runToEnd();
    const m = ow.cw.model;
    const n = m.nodeIds.length;
    const owes = new Set(Array.from(m.obligationDebtor));
    expect(owes.size).toBeGreaterThan(0);
    expect(sim.defaultedNodes.length).toBeGreaterThan(0);
    const rows = sim.recorder.nodes;
    const obligations = rows.obligations_usd.view();
    const payments = rows.payments_usd.view();
    const recovery = rows.recovery_rate.view();
    expect(rows.length).toBe(n * sim.stepsRun);
    for (let k = 0; k < rows.length; k++) {
      if (owes.has(k % n)) continue;
      expect([obligations[k], payments[k], recovery[k]]).toEqual([0, 0, 1]);
    }
    const last = (sim.stepsRun - 1) * n;
    for (const i of owes) {
      expect(obligations[last + i]).toBe(sim.s.obligationsUsd[i]);
      expect(payments[last + i]).toBe(sim.s.paymentsUsd[i]);
      expect(recovery[last + i]).toBe(sim.s.recovery[i]);
    }
  });
});
