import { describe, expect, it } from 'vitest';
import { rowsOf, runRows } from '../../test/helpers/run';
import type { Rows } from '../../test/helpers/workspace';
import { unhealthy } from './liquidations';

describe('the health test leaves ties within rounding alone (MODEL §1, §4.3)', () => {
  it('HF < 1 liquidates, HF = 1 and a few ulps below it do not', () => {
    expect(unhealthy(1)).toBe(false);
    expect(unhealthy(0.9999999999999999)).toBe(false);
    expect(unhealthy(1 - 1e-13)).toBe(false);
    expect(unhealthy(1 - 1e-11)).toBe(true);
    expect(unhealthy(0.88)).toBe(true);
  });

  // A BTC shock makes step 0 eventful; ETH stays at its entry price 2000 throughout.
  const perps = (shortMargin: number, longMargin: number): Rows => ({
    assets: [{ id: 'ETH', price: 2000 }, { id: 'BTC', price: 100 }],
    nodes: [
      { id: 'dex', kind: 'venue', external_assets_usd: 1e6 },
      { id: 'fund', kind: 'entity' },
      { id: 'fund2', kind: 'entity' },
    ],
    perps: [
      { id: 's1', owner: 'fund', venue: 'dex', asset: 'ETH', side: 'short', size: 1, entry_price: 2000, margin_usd: shortMargin, maintenance_margin: 0.06 },
      { id: 'l1', owner: 'fund2', venue: 'dex', asset: 'ETH', side: 'long', size: 1, entry_price: 2000, margin_usd: longMargin, maintenance_margin: 0.07 },
    ],
  });
  const scenario = { name: 'BTC down', steps: 5, events: [{ type: 'price_shock', asset: 'BTC', change: -0.5, at: 0 }] };

  it('perps whose equity is exactly mm × notional are not liquidated', () => {
    // Short: equity 2120 − 2000 = 120 = 0.06·2000; long: 2000 − 1860 = 140 = 0.07·2000. Neither is "<".
    // (lt = 1/(1.06) and 1 − 0.07 are rounded, and the health factors come out 1 − 2^-53.)
    const r = runRows(perps(120, 140), scenario);
    expect(rowsOf(r.tables.liquidations)).toEqual([]);
    expect(r.summary.total_liquidated_usd).toBe(0);
  });

  it('a cent less margin liquidates both, whole (close factor 1, bonus 0)', () => {
    const r = runRows(perps(119.99, 139.99), scenario);
    const liq = rowsOf(r.tables.liquidations);
    expect(liq.map((l) => [l.step, l.position])).toEqual([
      [0, 's1'],
      [0, 'l1'],
    ]);
    // The short repays its 1 ETH at 2000; the long its 2000 − 139.99 USD.
    expect(r.summary.total_liquidated_usd).toBeCloseTo(2000 + 1860.01, 9);
  });
});

describe('a feed on USD is read like any other (MODEL §3: V_v(a) is R of its feed for a)', () => {
  const rows: Rows = {
    assets: [{ id: 'ETH', price: 2000 }],
    nodes: [
      { id: 'lend', kind: 'venue', external_assets_usd: 1e6 },
      { id: 'fund', kind: 'entity' },
    ],
    oracles: [{ id: 'ou', asset: 'USD', delay_steps: 0, deviation: 0, heartbeat_steps: 1 }],
    feeds: [{ venue: 'lend', asset: 'USD', oracle: 'ou' }],
    positions: [{ id: 'p1', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 150_000, liquidation_threshold: 0.825, liquidation_bonus: 0.05, close_factor: 0.5 }],
  };

  it('an override of the USD oracle at 1.2 makes the lender see the debt 20% larger and liquidate', () => {
    const r = runRows(rows, { name: 'USD feed at 1.2', steps: 6, events: [{ type: 'oracle_override', oracle: 'ou', price: 1.2, from: 0, to: 0 }] });
    const liq = rowsOf(r.tables.liquidations);
    // HF = 100·2000·0.825 / (150 000·1.2) = 0.9167; repay value 0.5·150 000·1.2 = 90 000 (view USD),
    // seized 90 000·1.05/2000 = 47.25 ETH, repaid 90 000/1.2 = 75 000 USD; profit check 94 500 ≥ 75 000.
    expect(liq).toHaveLength(1);
    expect(liq[0]).toMatchObject({ step: 0, position: 'p1', bad_debt_usd: 0 });
    expect(liq[0]?.seized_units).toBeCloseTo(47.25, 12);
    expect(r.summary.total_liquidated_usd).toBeCloseTo(75_000, 9);
    // From step 1 the oracle reports 1 again: HF = 52.75·2000·0.825/75 000 = 1.16, no more.
    expect(r.summary.nodes.fund?.equity_end_usd).toBeCloseTo(52.75 * 2000 - 75_000, 9);
  });

  it('without the override the USD oracle reports 1 and nothing happens', () => {
    const r = runRows(rows, { name: 'quiet', steps: 6, events: [] });
    expect(r.summary.total_liquidated_usd).toBe(0);
  });
});
