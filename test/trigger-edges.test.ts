import { describe, expect, it } from 'vitest';
import { CH_TRIGGER } from '../engine/losses/loss-graph';
import { compilePlan } from '../engine/sim/plan';
import { Simulation } from '../engine/sim/simulation';
import { generatedWorkspace } from './helpers/generated';

// MODEL §5: what set off a venue's liquidations. Each step has one trigger edge per (cause,
// venue), carrying the USD the venue's liquidations of that cause repaid in the step.

describe('trigger edges', () => {
  it('sum, per step, cause and venue, the USD repaid by the liquidations that cause set off', async () => {
    const { ow, scenario } = await generatedWorkspace(4000, 11);
    const plan = compilePlan(scenario, ow.cw.model);
    expect(plan.overrides).toHaveLength(0);
    const sim = new Simulation(ow.cw, plan).runToEnd();
    const m = ow.cw.model;
    const nodes = m.nodeIds.length;

    const want = new Map<string, number>();
    const rows = sim.recorder.liquidations;
    let rowsPerKey = 0;
    for (let r = 0; r < rows.step.length; r++) {
      const p = rows.position.get(r);
      const a = m.positionCollateralAsset[p] as number;
      const cause = rows.close_out.get(r) ? rows.owner.get(r) : nodes + (a !== 0 ? a : (m.positionDebtAsset[p] as number));
      const key = `${rows.step.get(r)}:${cause}:${rows.venue.get(r)}`;
      if (want.has(key)) rowsPerKey++;
      want.set(key, (want.get(key) ?? 0) + rows.repaid_usd.get(r));
    }
    expect(rowsPerKey).toBeGreaterThan(100);

    const got = new Map<string, number>();
    const g = sim.loss;
    for (let k = 0; k < g.length; k++) {
      if (g.channel.get(k) !== CH_TRIGGER) continue;
      const key = `${g.step.get(k)}:${g.from.get(k)}:${g.to.get(k)}`;
      expect(got.has(key), key).toBe(false);
      got.set(key, g.amount.get(k));
    }
    expect([...got.keys()].sort()).toEqual([...want.keys()].filter((k) => (want.get(k) as number) > 0).sort());
    for (const [key, usd] of got) expect(usd / (want.get(key) as number), key).toBeCloseTo(1, 12);
  });
});
