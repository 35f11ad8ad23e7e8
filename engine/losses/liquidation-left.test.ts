import { describe, expect, it } from 'vitest';
import { workspaceFromRows, type Rows } from '../../test/helpers/workspace';
import { validateScenario } from '../scenario/validate';
import { compileModel } from '../sim/compile';
import { prepare } from '../sim/compiled';
import { compilePlan } from '../sim/plan';
import { Simulation } from '../sim/simulation';
import { collateralLeft, debtLeft } from './loss-builder';

// A step journal carries a liquidated position's amounts before the liquidation, what was
// seized and repaid, and its bad debt: the builder works out the amounts after from those. They
// must be the amounts the liquidation stage left in the state, to the bit.

describe('a liquidated position’s amounts after, from its journal row', () => {
  // One position per (owner, venue, assets): a row names its position.
  const rows: Rows = {
    assets: [
      { id: 'ETH', price: 2000, depth_usd: 5_000_000 },
      { id: 'BTC', price: 60_000, depth_usd: 20_000_000 },
    ],
    nodes: [
      { id: 'pool', kind: 'venue', external_assets_usd: 10_000_000 },
      { id: 'cex', kind: 'venue', external_assets_usd: 10_000_000 },
      { id: 'a', kind: 'entity' },
      { id: 'b', kind: 'entity' },
      { id: 'c', kind: 'entity' },
    ],
    positions: [
      // Partial liquidations, step after step (close factor 0.5).
      { id: 'half', owner: 'a', venue: 'pool', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 150_000, liquidation_threshold: 0.825, liquidation_bonus: 0.05, close_factor: 0.5 },
      // Whole debt repaid at once (close factor 1, collateral enough).
      { id: 'whole', owner: 'b', venue: 'pool', collateral_asset: 'BTC', collateral_amount: 3, debt_asset: 'USD', debt_amount: 140_000, liquidation_threshold: 0.85, liquidation_bonus: 0.05, close_factor: 1 },
      // Behind an outage: the seizure is capped at the collateral and the rest is bad debt.
      { id: 'under', owner: 'c', venue: 'cex', collateral_asset: 'ETH', collateral_amount: 10, debt_asset: 'USD', debt_amount: 15_000, liquidation_threshold: 0.9, liquidation_bonus: 0.05, close_factor: 1 },
      // Debt in a token: repaid units at the debt asset's price.
      { id: 'token', owner: 'a', venue: 'pool', collateral_asset: 'BTC', collateral_amount: 1, debt_asset: 'ETH', debt_amount: 30, liquidation_threshold: 0.8, liquidation_bonus: 0.08, close_factor: 0.5 },
    ],
  };

  it('equals the state the liquidation stage left, bit for bit, for partial, whole, capped and token-debt liquidations', () => {
    const cw = prepare(compileModel(workspaceFromRows(rows)));
    const m = cw.model;
    const v = validateScenario(
      {
        steps: 12,
        events: [
          { type: 'price_shock', asset: 'ETH', change: -0.25, at: 0 },
          { type: 'price_shock', asset: 'BTC', change: -0.2, at: 0 },
          { type: 'price_shock', asset: 'ETH', change: -0.15, at: 3 },
          { type: 'venue_outage', venue: 'cex', from: 0, to: 2 },
        ],
      },
      { assets: new Set(m.assetIds), nodes: new Set(m.nodeIds), venues: new Set(['pool', 'cex']), oracles: new Set() },
    );
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    const positionOf = (owner: number, venue: number, a: number, b: number): number => {
      for (let p = 0; p < m.positionIds.length; p++) {
        if (m.positionOwner[p] === owner && m.positionVenue[p] === venue && m.positionCollateralAsset[p] === a && m.positionDebtAsset[p] === b) return p;
      }
      throw new Error('no such position');
    };
    let sim: Simulation | null = null;
    const seen = new Set<string>();
    let badDebtRows = 0;
    let checked = 0;
    sim = new Simulation(cw, compilePlan(v.value, m), {
      losses: true,
      journals: () => ({
        step: (j) => {
          const s = (sim as Simulation).s;
          const l = j.liq;
          for (let r = 0; r < l.owner.length; r++) {
            const p = positionOf(l.owner[r] as number, l.venue[r] as number, l.collateralAsset[r] as number, l.debtAsset[r] as number);
            expect(Object.is(collateralLeft(l.collateralBefore[r] as number, l.seized[r] as number), s.collateral[p])).toBe(true);
            expect(Object.is(debtLeft(l.debtBefore[r] as number, l.repaid[r] as number, l.badDebt[r] as number), s.debt[p])).toBe(true);
            seen.add(m.positionIds.get(p));
            if ((l.badDebt[r] as number) > 0) badDebtRows++;
            checked++;
          }
        },
      }),
    });
    sim.runToEnd();
    expect([...seen].sort()).toEqual(['half', 'token', 'under', 'whole']);
    expect(badDebtRows).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(5);
  });
});
