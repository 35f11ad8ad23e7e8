/**
 * Regression cases of the price channel of the loss graph (MODEL §5: "an asset's price change is
 * itself attributed … to event:<index> for shocks and depth changes …"; docs/model.md: "a price
 * edge carries the losses the asset's move caused"). Both failed before the fixes in
 * engine/losses/loss-graph.ts (marketLossByAsset) and engine/losses/attribution.ts (depth move);
 * the third, before the causes that pushed against a move were left out of its losses.
 */
import { describe, expect, it } from 'vitest';
import type { Rows } from '../helpers/workspace';
import { runEngine, validScenario } from './harness';
import { engineLosses } from './loss-harness';

const priceInto = (rows: ReturnType<typeof engineLosses>, step: number, asset: string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of rows) if (r.channel === 'price' && r.step === step && r.to === asset) out[r.from] = (out[r.from] ?? 0) + r.impact;
  return out;
};
const marketFrom = (rows: ReturnType<typeof engineLosses>, step: number, asset: string): number =>
  rows.filter((r) => r.channel === 'market' && r.step === step && r.from === asset && r.impact > 0).reduce((s, r) => s + r.impact, 0);

describe('regression: a position going under water does not inflate its asset’s price edge', () => {
  // E's loan (10 000 X against 8 600 USD) at W, which is in outage all run: no liquidation.
  // Step 0, X −10%: G loses 100, E 1 000 → event:0 caused 1 100. Step 1, X −9%: G loses 81, E's
  // equity 400 goes to 0 (its floor) and W's claim falls from 8 600 to 8 190 (410) → event:1
  // caused 891. The engine counted E's move as its linear exposure (810) plus a correction
  // (E −410, W +410) and summed the positive parts of those pieces, 1 301: event:1 outranked
  // event:0 and every path read "event:1 → X → …".
  const rows: Rows = {
    assets: [{ id: 'X', price: 1 }],
    nodes: [
      { id: 'W', kind: 'venue', external_assets_usd: 0 },
      { id: 'E', kind: 'entity', external_assets_usd: 0 },
      { id: 'G', kind: 'entity', external_assets_usd: 0 },
    ],
    holdings: [{ owner: 'G', asset: 'X', amount: 1000 }],
    positions: [{ id: 'P', owner: 'E', venue: 'W', collateral_asset: 'X', collateral_amount: 10000, debt_asset: 'USD', debt_amount: 8600, liquidation_threshold: 0.9 }],
  };
  const scenario = {
    name: 'two shocks',
    steps: 3,
    events: [
      { type: 'price_shock', asset: 'X', change: -0.1, at: 0 },
      { type: 'price_shock', asset: 'X', change: -0.09, at: 1 },
      { type: 'venue_outage', venue: 'W', from: 0, to: 2 },
    ],
  };

  it('price edges equal the market losses of each step, and the paths start at the larger shock', () => {
    const { summary, sim } = runEngine(rows, validScenario(rows, scenario));
    const losses = engineLosses(sim);
    expect(marketFrom(losses, 1, 'X')).toBeCloseTo(891, 9);
    expect(priceInto(losses, 0, 'X')['event:0']).toBeCloseTo(1100, 9);
    expect(priceInto(losses, 1, 'X')['event:1']).toBeCloseTo(891, 9);
    expect(summary.nodes.G?.path).toEqual(['event:0', 'X', 'G']);
    expect(summary.nodes.E?.path).toEqual(['event:0', 'X', 'E']);
  });
});

describe('regression: a depth change that clamps the net buying splits the price move it made', () => {
  // A short perp liquidated at step 0 buys X back to the floor S = −0.99·x; at step 1 X is shocked
  // −60% and its pool shrinks ×0.2, which re-clamps S (the pool's x/(x+S) stays 100). The engine
  // took the depth move as 2·(ln(x1/(x1+S0)) − ln(x0/(x0+S0))) with S0 the flow after the clamp:
  // price edges of −3.5M and +0.37M for a step whose market losses were ≈ 10 USD, not adding up.
  const rows: Rows = {
    assets: [{ id: 'X', price: 0.5, depth_usd: 200000 }],
    nodes: [{ id: 'V', kind: 'venue', external_assets_usd: 0 }],
    perps: [{ id: 'Q', owner: 'V', venue: 'V', asset: 'X', side: 'short', size: 401184.51474921603, entry_price: 0.47432384490966795, margin_usd: 6546.380234691855, maintenance_margin: 0 }],
    holdings: [{ owner: 'V', asset: 'X', amount: 200 }],
  };
  const scenario = {
    name: 'squeeze, then shock and liquidity gone',
    steps: 3,
    events: [
      { type: 'price_shock', asset: 'X', change: -0.6, at: 1 },
      { type: 'depth_change', asset: 'X', factor: 0.2, at: 1 },
    ],
  };

  it('the step’s price edges into X add up to its market losses', () => {
    const { sim } = runEngine(rows, validScenario(rows, scenario));
    const losses = engineLosses(sim);
    const market = marketFrom(losses, 1, 'X');
    expect(market).toBeGreaterThan(0);
    const total = Object.values(priceInto(losses, 1, 'X')).reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(market, 6);
  });

  it('the depth change that pushed the price back up carries none of it: the shock carries it all (±366k of edges for ≈10 USD before)', () => {
    const { sim } = runEngine(rows, validScenario(rows, scenario));
    const losses = engineLosses(sim);
    const market = marketFrom(losses, 1, 'X');
    const edges = priceInto(losses, 1, 'X');
    expect(Object.keys(edges)).toEqual(['event:0']);
    expect(edges['event:0']).toBeCloseTo(market, 9);
  });
});
