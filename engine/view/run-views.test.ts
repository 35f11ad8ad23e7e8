import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRows } from '../../test/helpers/run';
import { nodeSeries } from './node-series';
import { runCharts } from './run-charts';

// test/cases/single-long: one long of 100 ETH at 2000 against 150,000 USD (lt 0.825, bonus 5%, cf 0.5); ETH −20% at step 0.
const expected = JSON.parse(readFileSync(join(__dirname, '../../test/cases/single-long/expected.json'), 'utf8')) as {
  total_liquidated_usd: number;
  steps_run: number;
  nodes: { fund: { equity_start_usd: number; equity_end_usd: number } };
};
const run = runRows(
  {
    assets: [{ id: 'ETH', price: 2000, depth_usd: 10_000_000 }],
    nodes: [
      { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
      { id: 'fund', kind: 'entity', external_assets_usd: 0 },
    ],
    positions: [
      { id: 'p1', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 150_000, liquidation_threshold: 0.825, liquidation_bonus: 0.05, close_factor: 0.5 },
    ],
  },
  { name: 'ETH -20%', steps: 20, events: [{ type: 'price_shock', asset: 'ETH', change: -0.2, at: 0 }] },
);

describe('runCharts', () => {
  const c = runCharts('r1', run.sim, run.summary);

  it('has one point per step run', () => {
    expect(c.stepsRun).toBe(expected.steps_run);
    expect(c.prices.map((p) => p.asset)).toEqual(['ETH']);
    expect(c.prices[0]?.marketPrice.length).toBe(expected.steps_run);
  });

  it('records the first liquidation by hand: half the debt repaid, the seized ETH sold into the pool', () => {
    // HF = 100·1600·0.825/150000 = 0.88 → repay 75,000; seize 75,000·1.05/1600 = 49.21875 ETH.
    expect(c.liquidations.names).toEqual(['lend']);
    expect(c.liquidations.values[0]?.[0]).toBeCloseTo(75_000, 6);
    expect(c.liquidationCounts.values[0]?.[0]).toBe(1);
    // x = 10,000,000 / 2000 = 5000 units; P = F · (x / (x + S))².
    expect(c.prices[0]?.fundamentalPrice[0]).toBeCloseTo(1600, 9);
    expect(c.prices[0]?.marketPrice[0]).toBeCloseTo(1600 * (5000 / (5000 + 49.21875)) ** 2, 6);
    const total = (c.liquidations.values[0] ?? []).reduce((s, x) => s + x, 0);
    expect(total).toBeCloseTo(expected.total_liquidated_usd, 6);
    expect(c.badDebt).toEqual([]);
    expect(c.defaults).toEqual([]);
  });
});

describe('nodeSeries', () => {
  it('follows the fund’s equity and explains its loss by channel', () => {
    const s = nodeSeries('r1', run.sim, 'fund');
    expect(s).not.toBeNull();
    if (!s) return;
    expect(s.equityStartUsd).toBeCloseTo(expected.nodes.fund.equity_start_usd, 6);
    expect(s.equity.at(-1)).toBeCloseTo(expected.nodes.fund.equity_end_usd, 6);
    expect(s.totalLossUsd).toBeCloseTo(expected.nodes.fund.equity_start_usd - expected.nodes.fund.equity_end_usd, 6);
    const byChannel = Object.fromEntries(s.byChannel.map((c) => [c.channel, c.perStep.reduce((a, x) => a + x, 0)]));
    expect(Object.keys(byChannel)).toEqual(['counterparty', 'market', 'liquidation', 'bad_debt', 'exogenous']);
    // The bonus paid at step 0 (MODEL §5): the 49.21875 ETH seized at the step's price 1600, less
    // the 75,000 repaid — 5% of it. The fall the sale gave them afterwards is the market's.
    expect(s.byChannel.find((c) => c.channel === 'liquidation')?.perStep[0]).toBeCloseTo(49.21875 * 1600 - 75_000, 6);
    expect(s.byChannel.find((c) => c.channel === 'liquidation')?.perStep[0]).toBeCloseTo(3750, 6);
    expect(s.byCause.reduce((a, c) => a + c.amountUsd, 0)).toBeCloseTo(s.totalLossUsd, 6);
    expect(nodeSeries('r1', run.sim, 'nobody')).toBeNull();
  });
});
