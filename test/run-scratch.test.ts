import { describe, expect, it } from 'vitest';
import { generateWorkspaceFiles } from '../engine/generate/workspace';
import { openWorkspace, type OpenWorkspace } from '../engine/open-workspace';
import { resultTables } from '../engine/results/tables';
import { summarize } from '../engine/results/summary';
import { validateScenario } from '../engine/scenario/validate';
import { compilePlan } from '../engine/sim/plan';
import { Simulation } from '../engine/sim/simulation';
import { importWorkspace } from '../engine/workspace/import';

// A finished run hands its liquidation stage's scratch and its position amount arrays to the next
// run on the same workspace. Nothing of a run may depend on whether its scratch was new or reused,
// and a finished run's results (kept by the engine for results.* requests) must not change when
// the next run reuses it.

async function generated(): Promise<{ ow: OpenWorkspace; scenario: unknown }> {
  const { files, scenario } = generateWorkspaceFiles({ positions: 3000, seed: 11 });
  const imported = importWorkspace(files);
  if (!imported.ok) throw new Error('the generated workspace does not import');
  return { ow: await openWorkspace(imported.value), scenario };
}

function fingerprint(sim: Simulation): string {
  // Rows, not IPC bytes: Arrow numbers dictionaries from a counter of the process.
  const tables = Object.entries(resultTables(sim)).map(([name, t]) => `${name}:${JSON.stringify(t.toArray())}`);
  return JSON.stringify(summarize(sim)) + tables.join('|');
}

describe('runs on one workspace share the liquidation stage’s scratch', () => {
  it('a run after a finished one, and one beside an unfinished one, give the same bits as a run on a fresh workspace', async () => {
    const fresh = await generated();
    const v = validateScenario(fresh.scenario, fresh.ow.ids);
    if (!v.ok) throw new Error('invalid scenario');
    const first = new Simulation(fresh.ow.cw, compilePlan(v.value, fresh.ow.cw.model));
    const amounts = first.s.collateral;
    first.runToEnd();
    const expected = fingerprint(first);
    expect(first.totalLiquidations).toBeGreaterThan(100);
    expect(first.s.collateral).toBe(amounts);

    // The second run takes the first one's scratch and its amount arrays (set back to the start:
    // the first run no longer has them); the first run's results stay as they were.
    const second = new Simulation(fresh.ow.cw, compilePlan(v.value, fresh.ow.cw.model));
    expect(second.s.collateral).toBe(amounts);
    expect(first.s.collateral.length).toBe(0);
    expect(Array.from(second.s.collateral)).toEqual(Array.from(fresh.ow.cw.model.positionCollateral));
    expect(Array.from(second.s.debt)).toEqual(Array.from(fresh.ow.cw.model.positionDebt));
    second.runToEnd();
    expect(fingerprint(second)).toBe(expected);
    expect(fingerprint(first)).toBe(expected);

    // A run given up half way keeps its scratch; the next makes its own and gives it back.
    const abandoned = new Simulation(fresh.ow.cw, compilePlan(v.value, fresh.ow.cw.model));
    for (let k = 0; k < 3; k++) abandoned.step();
    const third = new Simulation(fresh.ow.cw, compilePlan(v.value, fresh.ow.cw.model)).runToEnd();
    expect(fingerprint(third)).toBe(expected);
    // A smaller scenario after a larger one, then the larger one again: buffers sized by another run
    // (the liquidation table is reserved from the rows of the run before, here too few).
    const doc = fresh.scenario as { events: { type: string; change?: number }[] };
    const milder = { ...doc, events: doc.events.map((e) => (e.type === 'price_shock' ? { ...e, change: -0.05 } : e)) };
    const small = validateScenario(milder, fresh.ow.ids);
    if (!small.ok) throw new Error('invalid scenario');
    const mild = new Simulation(fresh.ow.cw, compilePlan(small.value, fresh.ow.cw.model)).runToEnd();
    expect(mild.totalLiquidations).toBeLessThan(first.totalLiquidations);
    // A run without the loss graph passes on the band collector it does not use.
    new Simulation(fresh.ow.cw, compilePlan(v.value, fresh.ow.cw.model), { losses: false }).runToEnd();
    expect(fingerprint(new Simulation(fresh.ow.cw, compilePlan(v.value, fresh.ow.cw.model)).runToEnd())).toBe(expected);
  });
});
