import { describe, expect, it } from 'vitest';
import { openRows } from '../../test/analysis/open-rows';
import type { Rows } from '../../test/helpers/workspace';
import { runScenario } from '../sim/run';
import type { Scenario } from '../scenario/scenario';
import { DEFAULT_OPTIONS } from '../scenario/scenario';
import { debtRank } from './debtrank';
import { faceValueNetwork } from './face-value';

const scenario = (events: Scenario['events']): Scenario => ({ name: 's', description: '', steps: 5, events, options: { ...DEFAULT_OPTIONS } });
const node = (id: string, ext: number) => ({ id, kind: 'entity', external_assets_usd: ext });
const owes = (debtor: string, creditor: string, amount: number) => ({ debtor, creditor, amount, asset: 'USD' });
const loss = (n: string, amount_usd: number) => ({ type: 'external_loss' as const, node: n, amount_usd, at: 0 });

describe('DebtRank', () => {
  it('a chain A → B → C, computed by hand', async () => {
    // E0: A = 100 − 50 = 50; B = 30 + 50 − 40 = 40; C = 20 + 40 = 60 (Σ = 150).
    // W_AB = min(1, 50/40) = 1; W_BC = min(1, 40/60) = 2/3. A loses 25: h_A(1) = 0.5.
    // Round 1: h_B = 0.5. Round 2: h_C = 2/3 · 0.5 = 1/3. Then nobody is distressed.
    const aw = await openRows({ assets: [{ id: 'ETH', price: 1 }], nodes: [node('A', 100), node('B', 30), node('C', 20)], obligations: [owes('A', 'B', 50), owes('B', 'C', 40)] });
    const r = debtRank(aw.cw, scenario([loss('A', 25)]));
    expect(r.info.equity).toEqual({ A: 50, B: 40, C: 60 });
    expect(r.debtrank.nodes.A).toEqual({ h: 0.5, h_initial: 0.5 });
    expect(r.debtrank.nodes.B).toEqual({ h: 0.5, h_initial: 0 });
    expect(r.debtrank.nodes.C?.h).toBeCloseTo(1 / 3, 15);
    expect(r.debtrank.H).toBeCloseTo((25 + 20 + 20) / 150, 15);
    expect(r.debtrank.R).toBeCloseTo(40 / 150, 15);
    expect(r.info.rounds).toBe(3);
    // Linear: Λ_BA = 50/40 = 1.25, Λ_CB = 40/60: h = (0.5, 0.625, 0.41667); H = (25 + 25 + 25)/150.
    expect(r.linear_debtrank.nodes.B?.h).toBeCloseTo(0.625, 14);
    expect(r.linear_debtrank.nodes.C?.h).toBeCloseTo(0.625 * (2 / 3), 14);
    expect(r.linear_debtrank.H).toBeCloseTo(0.5, 14);
  });

  it('a cycle A ⇄ B: A takes B’s distress back but does not propagate twice', async () => {
    // A owes B 40, B owes A 30, B owes C 20. E0: A = 60 + 30 − 40 = 50; B = 20 + 40 − 50 = 10; C = 10 + 20 = 30.
    // W_AB = min(1, 40/10) = 1, W_BA = 30/50 = 0.6, W_BC = 20/30. A loses 10: h_A(1) = 0.2.
    // Round 1 (A distressed): h_B = 0.2. Round 2 (B): h_A = 0.2 + 0.6·0.2 = 0.32, h_C = 0.2·2/3.
    // A is inactive by then: its extra 0.12 never reaches B again (h_B stays 0.2).
    const aw = await openRows({ assets: [{ id: 'ETH', price: 1 }], nodes: [node('A', 60), node('B', 20), node('C', 10)], obligations: [owes('A', 'B', 40), owes('B', 'A', 30), owes('B', 'C', 20)] });
    const r = debtRank(aw.cw, scenario([loss('A', 10)]));
    expect(r.info.equity).toEqual({ A: 50, B: 10, C: 30 });
    expect(r.debtrank.nodes.A?.h).toBeCloseTo(0.32, 15);
    expect(r.debtrank.nodes.B?.h).toBe(0.2);
    expect(r.debtrank.nodes.C?.h).toBeCloseTo(0.2 * (2 / 3), 15);
    expect(r.debtrank.H).toBeCloseTo((16 + 2 + 4) / 90, 15);
    expect(r.debtrank.R).toBeCloseTo(12 / 90, 15);
    // Linear propagates increments around the cycle: h_B = min(1, 4·h_A), h_A = 0.2 + 0.6·h_B → h_B = 1, h_A = 0.8, h_C = 2/3.
    expect(r.linear_debtrank.nodes.A?.h).toBeCloseTo(0.8, 12);
    expect(r.linear_debtrank.nodes.B?.h).toBe(1);
    expect(r.linear_debtrank.nodes.C?.h).toBeCloseTo(2 / 3, 12);
    expect(r.linear_debtrank.H).toBeCloseTo(70 / 90, 12);
    expect(r.info.converged).toBe(true);
  });

  it('caps distress at 1, uses step-0 external losses only, and weighs a node without equity 0', async () => {
    // D owes E 100 with nothing: E0_D = −100 (insolvent at face value). A loses 80 of 50 equity → h = 1; W_AB = 50/60.
    const aw = await openRows({ assets: [{ id: 'ETH', price: 1 }], nodes: [node('A', 100), node('B', 10), node('D', 0), node('E', 5)], obligations: [owes('A', 'B', 50), owes('D', 'E', 100)] });
    const r = debtRank(aw.cw, scenario([loss('A', 80), { type: 'external_loss', node: 'B', fraction: 0.5, at: 1 }, { type: 'price_shock', asset: 'ETH', change: -0.5, at: 0 }]));
    expect(r.debtrank.nodes.A?.h_initial).toBe(1);
    expect(r.debtrank.nodes.B?.h).toBeCloseTo(50 / 60, 15);
    expect(r.debtrank.nodes.D?.h).toBe(0);
    expect(r.info.warnings.join(' ')).toContain('2 other event(s) were not used: events[1] (external_loss at step 1), events[2] (price_shock at step 0)');
    expect(r.unused_events).toEqual([
      { event: 1, type: 'external_loss', step: 1 },
      { event: 2, type: 'price_shock', step: 0 },
    ]);
    expect(r.info.warnings.join(' ')).toContain('D');
    // Weights: A 50, B 60, E 105 (D weighs 0). H = (1·50 + 5/6·60)/215.
    expect(r.debtrank.H).toBeCloseTo(100 / 215, 15);
  });

  it('E0 counts holdings and positions at initial prices, and equals the starting equity of a solvent network', async () => {
    const rows: Rows = {
      assets: [{ id: 'ETH', price: 2000, depth_usd: 1e7 }],
      nodes: [node('fund', 1000), { id: 'lend', kind: 'venue', external_assets_usd: 5000 }, node('bank', 0)],
      holdings: [{ owner: 'fund', asset: 'ETH', amount: 3 }],
      positions: [{ id: 'p', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 10, debt_asset: 'USD', debt_amount: 12_000, liquidation_threshold: 0.8 }],
      obligations: [owes('fund', 'bank', 4000), { debtor: 'lend', creditor: 'fund', amount: 1, asset: 'ETH' }],
    };
    const aw = await openRows(rows);
    const net = faceValueNetwork(aw.cw);
    // fund: 1000 + 3·2000 + (20000 − 12000) + 2000 (claim on lend) − 4000; lend: 5000 + 12000 − 2000; bank: 4000.
    expect(Array.from(net.equity)).toEqual([4000, 13_000, 15_000]); // model order: bank, fund, lend
    const { summary } = runScenario(aw.cw, scenario([]));
    expect(summary.nodes.fund?.equity_start_usd).toBeCloseTo(13_000, 9);
    expect(summary.nodes.lend?.equity_start_usd).toBeCloseTo(15_000, 9);
    expect(summary.nodes.bank?.equity_start_usd).toBeCloseTo(4000, 9);
  });
});
