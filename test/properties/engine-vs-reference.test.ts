/**
 * The engine against the naive reference model (test/reference/reference-model.ts) on random
 * valid workspaces and scenarios: every summary number of MODEL §6 (money relative 1e-9 /
 * absolute 1e-6; steps_run, converged, defaults exact) and every step's market prices.
 *
 * Two engine defects are known (see the regression tests at the end of this file); the first
 * property exercises everything and fails while they stand, the second keeps the rest of the
 * model guarded by steering clear of exactly their triggers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rows } from '../helpers/workspace';
import { caseArb, type GenCase } from '../reference/arbitraries';
import { diffAgainstReference, runEngine, validScenario } from '../reference/harness';
import { referenceRun } from '../reference/reference-model';

const REL = 1e-9;
const ABS = 1e-6;

function check(c: GenCase): void {
  const sc = validScenario(c.rows, c.scenario);
  const engine = runEngine(c.rows, sc);
  const diffs = diffAgainstReference(c.rows, sc, engine, REL, ABS);
  expect(diffs).toEqual([]);
}

describe('engine = reference model on random workspaces', () => {
  it('all features: every summary number and every step price agree (300 runs)', () => {
    fc.assert(fc.property(fc.limitShrink(caseArb(), 200), check), { numRuns: 300, seed: 0x5eed_0001 });
  });

  it('clear of the two known defects (no depth_change; bonus > 0 or no profit check): everything agrees (300 runs)', () => {
    const arb = fc.oneof(caseArb({ noDepthChange: true, positiveBonus: true }), caseArb({ noDepthChange: true, noProfitCheck: true }));
    fc.assert(fc.property(fc.limitShrink(arb, 200), check), { numRuns: 300, seed: 0x5eed_0002 });
  });
});

// ---------------------------------------------------------------------------------------------
// Regression cases: minimal workspaces for the discrepancies found (both fail on the engine as
// it stands; MODEL.md supports the expectations below).

describe('regression: liquidator profit check at break-even (bonus 0, view price = market price)', () => {
  // MODEL §4.3: liquidate "only if seized·P(coll) ≥ repay_value·P(debt)/V(debt)". For a perp
  // (bonus 0) at a venue that reads the market price both sides are equal, so ≥ holds and the
  // perp is liquidated. Evaluated literally in float64, (1020·1.02)/1.02 = 1020.0000000000001 >
  // 1020 and the engine skips the liquidation — at this price, forever.
  const shortPerp: Rows = {
    assets: [{ id: 'X', price: 1 }],
    nodes: [
      { id: 'dex', kind: 'venue', external_assets_usd: 0 },
      { id: 'trader', kind: 'entity' },
    ],
    perps: [{ id: 'short', owner: 'trader', venue: 'dex', asset: 'X', side: 'short', size: 1000, entry_price: 1, margin_usd: 50, maintenance_margin: 0.05 }],
  };
  const shortScenario = { name: 'X +2%', steps: 5, events: [{ type: 'price_shock', asset: 'X', change: 0.02, at: 0 }] };

  it('a short perp below maintenance margin (equity 30 < 0.05 × 1020) is closed at step 0', () => {
    const sc = validScenario(shortPerp, shortScenario);
    const { summary } = runEngine(shortPerp, sc);
    // collateral 1050 USD, debt 1000 X at 1.02: repaid 1000 X = 1020 USD, seized 1020 USD
    expect(summary.total_liquidated_usd).toBeCloseTo(1020, 9);
    expect(summary.nodes.trader?.equity_end_usd).toBeCloseTo(30, 9);
  });

  it('a long perp below maintenance margin (equity 80 < 0.1 × 1080) is closed at step 0', () => {
    const rows: Rows = {
      assets: [{ id: 'X', price: 3 }],
      nodes: [
        { id: 'dex', kind: 'venue', external_assets_usd: 0 },
        { id: 'trader', kind: 'entity' },
      ],
      perps: [{ id: 'long', owner: 'trader', venue: 'dex', asset: 'X', side: 'long', size: 400, entry_price: 3, margin_usd: 200, maintenance_margin: 0.1 }],
    };
    const sc = validScenario(rows, { name: 'X −10%', steps: 5, events: [{ type: 'price_shock', asset: 'X', change: -0.1, at: 0 }] });
    const { summary } = runEngine(rows, sc);
    // debt 1000 USD repaid in full, 1000/2.7 X seized
    expect(summary.total_liquidated_usd).toBeCloseTo(1000, 9);
    expect(referenceRun(rows, sc).total_liquidated_usd).toBeCloseTo(1000, 9);
  });

  it('the reference agrees with the hand computation of the short perp', () => {
    const ref = referenceRun(shortPerp, validScenario(shortPerp, shortScenario));
    expect(ref.liquidations).toHaveLength(1);
    expect(ref.liquidations[0]?.repaid_usd).toBeCloseTo(1020, 9);
    expect(ref.finalPositions.short).toEqual({ collateral: 30, debt: 0 });
  });
});

describe('regression: depth_change below the net buying (S ≥ −0.99·x must hold)', () => {
  // A short liquidated at step 0 buys 500 X back (S = −500, x = 1000). At step 1 a
  // depth_change halves x to 500: x + S = 0. MODEL §3 bounds net buying, S ≥ −0.99·x; the
  // engine prices stage 1 of step 1 from x + S = 0 (and from x + S < 0 for factors below 0.5)
  // and clamps S only when the step's flows are applied.
  const rows: Rows = {
    assets: [{ id: 'X', price: 1, depth_usd: 1000 }],
    nodes: [
      { id: 'lend', kind: 'venue', external_assets_usd: 0 },
      { id: 'fund', kind: 'entity' },
    ],
    positions: [{ id: 'short', owner: 'fund', venue: 'lend', collateral_asset: 'USD', collateral_amount: 1200, debt_asset: 'X', debt_amount: 1000, liquidation_threshold: 0.9, liquidation_bonus: 0.05, close_factor: 0.5 }],
  };
  const scenario = (factor: number): unknown => ({
    name: 'squeeze, then liquidity leaves',
    steps: 3,
    events: [
      { type: 'price_shock', asset: 'X', change: 0.25, at: 0 },
      { type: 'depth_change', asset: 'X', factor, at: 1 },
    ],
  });

  it('factor 0.5: every summary number is finite', () => {
    const { summary } = runEngine(rows, validScenario(rows, scenario(0.5)));
    const numbers: [string, number][] = [
      ['total_liquidated_usd', summary.total_liquidated_usd],
      ['total_bad_debt_usd', summary.total_bad_debt_usd],
      ['total_loss_usd', summary.total_loss_usd],
      ...Object.entries(summary.nodes).map(([k, n]): [string, number] => [`${k}.equity_end_usd`, n.equity_end_usd]),
      ...Object.entries(summary.venues).flatMap(([k, v]): [string, number][] => [
        [`${k}.liquidated_usd`, v.liquidated_usd],
        [`${k}.bad_debt_usd`, v.bad_debt_usd],
      ]),
    ];
    expect(numbers.filter(([, v]) => !Number.isFinite(v))).toEqual([]);
  });

  it('factor 0.4: step 1 liquidates at the price of the bounded pool, as the reference does', () => {
    const sc = validScenario(rows, scenario(0.4));
    const engine = runEngine(rows, sc);
    const ref = referenceRun(rows, sc);
    // bounded pool: S = −0.99·400 → P = 1.25·(400/4)² = 12 500 from stage 1 of step 1 on
    expect(ref.stage1Prices[1]?.X).toBeCloseTo(12500, 6);
    expect(diffAgainstReference(rows, sc, engine, REL, ABS)).toEqual([]);
  });
});

describe('regression: total and direct loss count every node (MODEL §6: Σ max(0, start − end), no threshold)', () => {
  it('a 0.05 USD loss of a node worth 1 000 001 USD counts, whatever the tolerance option', () => {
    const rows: Rows = {
      assets: [{ id: 'X', price: 1 }],
      nodes: [
        { id: 'E', kind: 'entity', external_assets_usd: 1e6 },
        { id: 'F', kind: 'entity', external_assets_usd: 10 },
      ],
      holdings: [
        { owner: 'E', asset: 'X', amount: 1 },
        { owner: 'F', asset: 'X', amount: 1 },
      ],
    };
    // both lose 0.05; the engine drops E's loss (5e-8 of its equity) when tolerance = 1e-7
    const sc = validScenario(rows, { name: 'X −5%', steps: 3, events: [{ type: 'price_shock', asset: 'X', change: -0.05, at: 0 }], options: { tolerance: 1e-7 } });
    const { summary } = runEngine(rows, sc);
    expect(summary.nodes.E?.equity_start_usd).toBeCloseTo(1_000_001, 6);
    expect(summary.nodes.E?.equity_end_usd).toBeCloseTo(1_000_000.95, 6);
    expect(summary.total_loss_usd).toBeCloseTo(0.1, 9);
    expect(summary.direct_loss_usd).toBeCloseTo(0.1, 9);
    expect(referenceRun(rows, sc).total_loss_usd).toBeCloseTo(0.1, 9);
  });
});
