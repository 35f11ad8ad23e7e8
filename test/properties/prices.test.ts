/**
 * Prices stay positive and finite at every step (`prices` table, market_price), on random
 * workspaces with every kind of event, and so does every number of the summary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultTables } from '../../engine/results/tables';
import { caseArb, type GenCase } from '../reference/arbitraries';
import { runEngine, validScenario } from '../reference/harness';

function badPrices(c: GenCase): string[] {
  const { sim, summary } = runEngine(c.rows, validScenario(c.rows, c.scenario));
  const t = resultTables(sim).prices;
  const step = t.getChild('step');
  const asset = t.getChild('asset');
  const price = t.getChild('market_price');
  const out: string[] = [];
  if (!step || !asset || !price) return ['prices table lacks step/asset/market_price'];
  if (t.numRows === 0) out.push('empty prices table');
  for (let i = 0; i < t.numRows; i++) {
    const p = price.get(i) as number;
    if (!(Number.isFinite(p) && p > 0)) out.push(`step ${String(step.get(i))} ${String(asset.get(i))}: ${p}`);
  }
  for (const [a, p] of Object.entries(summary.final_prices)) if (!(Number.isFinite(p) && p > 0)) out.push(`final_prices.${a}: ${p}`);
  const money: [string, number][] = [
    ['total_liquidated_usd', summary.total_liquidated_usd],
    ['total_bad_debt_usd', summary.total_bad_debt_usd],
    ['total_loss_usd', summary.total_loss_usd],
    ['direct_loss_usd', summary.direct_loss_usd],
  ];
  for (const [id, n] of Object.entries(summary.nodes)) {
    money.push([`${id}.equity_start_usd`, n.equity_start_usd], [`${id}.equity_end_usd`, n.equity_end_usd], [`${id}.obligations_usd`, n.obligations_usd], [`${id}.payments_usd`, n.payments_usd], [`${id}.recovery_rate`, n.recovery_rate]);
  }
  for (const [id, v] of Object.entries(summary.venues)) money.push([`${id}.liquidated_usd`, v.liquidated_usd], [`${id}.bad_debt_usd`, v.bad_debt_usd]);
  for (const [k, v] of money) if (!(Number.isFinite(v) && v >= 0)) out.push(`${k}: ${v}`);
  return out;
}

/** The depth_change regression of engine-vs-reference.test.ts: x + S = 0 at stage 1 of step 1. */
const squeezeThenWithdraw: GenCase = {
  rows: {
    assets: [{ id: 'T0', price: 1, depth_usd: 1000 }],
    nodes: [
      { id: 'V0', kind: 'venue', external_assets_usd: 0 },
      { id: 'E0', kind: 'entity' },
    ],
    positions: [{ id: 'P0', owner: 'E0', venue: 'V0', collateral_asset: 'USD', collateral_amount: 1200, debt_asset: 'T0', debt_amount: 1000, liquidation_threshold: 0.9, liquidation_bonus: 0.05, close_factor: 0.5 }],
  },
  scenario: {
    name: 'squeeze',
    steps: 3,
    events: [
      { type: 'price_shock', asset: 'T0', change: 0.25, at: 0 },
      { type: 'depth_change', asset: 'T0', factor: 0.5, at: 1 },
    ],
  },
};

describe('prices', () => {
  it('market prices are positive and finite at every step; summary numbers finite and ≥ 0 (300 runs)', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        expect(badPrices(c)).toEqual([]);
      }),
      { numRuns: 300, seed: 0x5eed_0008 },
    );
  });

  it('regression: a depth_change that meets the net buying (x + S = 0) leaves every number finite', () => {
    expect(badPrices(squeezeThenWithdraw)).toEqual([]);
  });
});
