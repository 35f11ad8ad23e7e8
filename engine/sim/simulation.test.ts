import { describe, expect, it } from 'vitest';
import { rowsOf, runRows } from '../../test/helpers/run';
import type { Rows } from '../../test/helpers/workspace';
import { I32Column } from '../util/growable';
import { seenFor, Simulation, type RunScratch } from './simulation';
import { resultBytes, rowCountsOf } from '../results/row-counts';
import { compileModel } from './compile';
import { prepare } from './compiled';
import { compilePlan } from './plan';
import { validateScenario } from '../scenario/validate';
import { workspaceFromRows } from '../../test/helpers/workspace';
import { LiquidationBuffer } from './step-buffers';

const close = (a: unknown, b: number, rel = 1e-12) => expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe('a single ETH-backed loan through a −20% shock (MODEL §4.3, §3)', () => {
  const rows: Rows = {
    assets: [{ id: 'ETH', price: 2000, depth_usd: 10_000_000 }],
    nodes: [
      { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
      { id: 'fund', kind: 'entity' },
    ],
    positions: [{ id: 'p1', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 150_000, liquidation_threshold: 0.825, liquidation_bonus: 0.05, close_factor: 0.5 }],
  };
  const r = runRows(rows, { name: 'ETH -20%', steps: 20, events: [{ type: 'price_shock', asset: 'ETH', change: -0.2, at: 0 }] });
  const liq = rowsOf(r.tables.liquidations);
  const prices = rowsOf(r.tables.prices);

  it('step 0: HF 0.88 < 1, half the debt repaid, seized = 75 000·1.05/1600', () => {
    // x = 10M/2000 = 5000 ETH; after the shock P = F = 1600; HF = 100·1600·0.825/150 000 = 0.88.
    expect(liq[0]).toMatchObject({ step: 0, position: 'p1', venue: 'lend', repaid_usd: 75_000, bad_debt_usd: 0 });
    close(liq[0]?.seized_units, (75_000 * 1.05) / 1600);
    // The seized 49.21875 ETH are sold into the pool: P = 1600·(5000/(5000 + 49.21875))².
    close(prices[0]?.market_price, 1600 * (5000 / (5000 + 49.21875)) ** 2);
    close(prices[0]?.net_flow, 49.21875);
  });

  it('step 1 liquidates again at the lower price, and each step halves the debt', () => {
    const p0 = 1600 * (5000 / (5000 + 49.21875)) ** 2;
    close(liq[1]?.seized_units, (37_500 * 1.05) / p0);
    expect(liq.map((l) => l.repaid_usd)).toEqual([75_000, 37_500, 18_750, 9_375, 4_687.5, 2_343.75]);
    expect(liq.map((l) => l.step)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('stops at the fixed point one quiet step later, with the venue whole', () => {
    expect(r.summary.steps_run).toBe(7);
    expect(r.summary.converged).toBe(true);
    expect(r.summary.total_liquidated_usd).toBe(147_656.25);
    expect(r.summary.venues.lend).toEqual({ liquidated_usd: 147_656.25, bad_debt_usd: 0, halted_step: null });
    close(r.summary.nodes.lend?.equity_end_usd, 1_150_000);
    // Direct loss: 100·1600 − 150 000 = 10 000 left of 50 000.
    expect(r.summary.direct_loss_usd).toBe(40_000);
  });
});

describe('an oracle with delay 2 and a 5% deviation band (MODEL §4.2)', () => {
  const rows: Rows = {
    assets: [{ id: 'ETH', price: 100 }],
    nodes: [
      { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
      { id: 'fund', kind: 'entity' },
    ],
    oracles: [{ id: 'o', asset: 'ETH', delay_steps: 2, deviation: 0.05, heartbeat_steps: 10 }],
    feeds: [{ venue: 'lend', asset: 'ETH', oracle: 'o' }],
    positions: [{ id: 'p', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 7_700, liquidation_threshold: 0.8 }],
  };
  const r = runRows(rows, {
    steps: 30,
    events: [
      { type: 'price_shock', asset: 'ETH', change: -0.03, at: 1 },
      { type: 'price_shock', asset: 'ETH', change: -0.03, at: 2 },
    ],
  });
  const reports = rowsOf(r.tables.oracles);

  it('reports the step-2 price only at step 4, when the 5.91% move it sees exceeds the band', () => {
    // Candidates: t=0..2 → P(0) = 100; t=3 → P(1) = 97 (3% < 5%, no update); t=4 → P(2) = 94.09 (5.91%).
    expect(reports.slice(0, 4).map((o) => o.reported_price)).toEqual([100, 100, 100, 100]);
    close(reports[4]?.reported_price, 100 * 0.97 * 0.97);
    expect(reports.map((o) => o.updated).slice(0, 5)).toEqual([false, false, false, false, true]);
  });

  it('so the loan is liquidated at step 4, not at step 2 when the market already showed 94.09', () => {
    // At V = 94.09: HF = 100·94.09·0.8/7 700 = 0.978 < 1; at 97: 1.008.
    const liq = rowsOf(r.tables.liquidations);
    expect(liq[0]?.step).toBe(4);
  });

  it('refreshes on the heartbeat 10 steps after the last update', () => {
    expect(reports[14]?.updated).toBe(true);
    expect(reports.filter((o) => o.updated).map((o) => o.step)).toEqual([4, 14, 24].filter((s) => s < r.summary.steps_run));
  });
});

describe('a CEX outage turns a clean liquidation into bad debt', () => {
  const rows: Rows = {
    assets: [{ id: 'ETH', price: 2000 }],
    nodes: [
      { id: 'cex', kind: 'venue', external_assets_usd: 100_000 },
      { id: 'trader', kind: 'entity' },
    ],
    positions: [{ id: 'm', owner: 'trader', venue: 'cex', collateral_asset: 'ETH', collateral_amount: 10, debt_asset: 'USD', debt_amount: 15_000, liquidation_threshold: 0.9, liquidation_bonus: 0.05, close_factor: 1 }],
  };
  const crash = [
    { type: 'price_shock', asset: 'ETH', change: -0.2, at: 0 },
    { type: 'price_shock', asset: 'ETH', change: -0.1, at: 2 },
  ];

  it('without the outage: liquidated at step 0 at 1 600, no bad debt', () => {
    // HF = 10·1600·0.9/15 000 = 0.96; seize 15 000·1.05/1600 = 9.84375 < 10 ETH; the whole debt is repaid.
    const r = runRows(rows, { steps: 10, events: crash });
    const liq = rowsOf(r.tables.liquidations);
    expect(liq).toHaveLength(1);
    expect(liq[0]).toMatchObject({ step: 0, repaid_usd: 15_000, bad_debt_usd: 0 });
    close(liq[0]?.seized_units, 9.84375);
  });

  it('with the venue out until step 2: liquidated at step 3 at 1 440, leaving 15 000 − 14 400/1.05 of bad debt', () => {
    const r = runRows(rows, { steps: 10, events: [...crash, { type: 'venue_outage', venue: 'cex', from: 0, to: 2 }] });
    const liq = rowsOf(r.tables.liquidations);
    expect(liq).toHaveLength(1);
    expect(liq[0]?.step).toBe(3);
    // Seizing 15 000·1.05/1440 = 10.94 ETH > 10: all 10 seized, repay = 10·1440/1.05.
    close(liq[0]?.repaid_usd, 14_400 / 1.05);
    close(liq[0]?.bad_debt_usd, 15_000 - 14_400 / 1.05);
    close(r.summary.venues.cex?.bad_debt_usd, 15_000 - 14_400 / 1.05);
    const venues = rowsOf(r.tables.venues);
    expect(venues.slice(0, 4).map((v) => v.outage)).toEqual([true, true, true, false]);
  });
});

describe('a short squeeze: buy-ins push the price into the next short (perps, MODEL §1)', () => {
  // XYZ at 10 with a 1M USD pool: x = 100 000 units.
  const rows: Rows = {
    assets: [{ id: 'XYZ', price: 10, depth_usd: 1_000_000 }],
    nodes: [
      { id: 'perp', kind: 'venue', external_assets_usd: 5_000_000 },
      { id: 'bear1', kind: 'entity' },
      { id: 'bear2', kind: 'entity' },
    ],
    perps: [
      // Short 20 000 at 10 with 40 000 margin: collateral 240 000 USD, debt 20 000 XYZ, lt = 1/1.05.
      { id: 's1', owner: 'bear1', venue: 'perp', asset: 'XYZ', side: 'short', size: 20_000, entry_price: 10, margin_usd: 40_000, maintenance_margin: 0.05 },
      // Short 10 000 at 10 with 50 000 margin: liquidated above 150 000/10 500 = 14.29.
      { id: 's2', owner: 'bear2', venue: 'perp', asset: 'XYZ', side: 'short', size: 10_000, entry_price: 10, margin_usd: 50_000, maintenance_margin: 0.05 },
    ],
  };
  const r = runRows(rows, { steps: 10, events: [{ type: 'price_shock', asset: 'XYZ', change: 0.3, at: 0 }] });
  const liq = rowsOf(r.tables.liquidations);
  const prices = rowsOf(r.tables.prices);

  it('step 0: the first short is bought in at 13 with all its collateral, the rest bad debt', () => {
    // HF = 240 000/(1.05·20 000·13) = 0.879; repay 260 000 > 240 000 → capped: repaid 240 000 USD = 18 461.54 XYZ.
    expect(liq[0]).toMatchObject({ step: 0, position: 's1' });
    close(liq[0]?.repaid_usd, 240_000);
    close(liq[0]?.bad_debt_usd, (20_000 - 240_000 / 13) * 13);
    // The buy-in is net buying: S = −18 461.54, P = 13·(100 000/(100 000 − 18 461.54))².
    close(prices[0]?.market_price, 13 * (100_000 / (100_000 - 240_000 / 13)) ** 2);
  });

  it('step 1: the second short, safe at 13, is squeezed by the buy-in price', () => {
    expect(liq[1]).toMatchObject({ step: 1, position: 's2' });
    expect(r.summary.total_bad_debt_usd).toBeGreaterThan((20_000 - 240_000 / 13) * 13);
  });
});

describe('a stablecoin depegs when its reserve bank fails (backing, MODEL §3)', () => {
  const rows: Rows = {
    assets: [{ id: 'USDX', price: 1, peg: 1 }],
    nodes: [
      { id: 'bank', kind: 'entity', external_assets_usd: 120 },
      { id: 'depositor', kind: 'entity' },
      { id: 'holder', kind: 'entity' },
    ],
    obligations: [{ debtor: 'bank', creditor: 'depositor', amount: 100 }],
    backing: [{ asset: 'USDX', backer: 'bank', share: 0.5 }],
    holdings: [{ owner: 'holder', asset: 'USDX', amount: 1000 }],
  };
  const r = runRows(rows, { steps: 10, events: [{ type: 'external_loss', node: 'bank', amount_usd: 110, at: 0 }] });
  const prices = rowsOf(r.tables.prices);

  it('the bank, hacked for 110 of its 120, defaults at step 0 paying 10 of 100, so from step 1 USDX = 1 − 0.5·(1 − 0.1) = 0.55', () => {
    expect(r.summary.nodes.bank).toMatchObject({ defaulted: true, default_step: 0, recovery_rate: 0.1 });
    expect(prices[0]?.market_price).toBe(1);
    close(prices[1]?.market_price, 0.55);
    close(r.summary.final_prices.USDX, 0.55);
  });

  it("the holder's loss of 450 traces back through the bank to the hack", () => {
    close(r.summary.nodes.holder?.equity_end_usd, 550);
    expect(r.summary.nodes.holder?.path).toEqual(['event:0', 'bank', 'USDX', 'holder']);
  });
});

describe('a defaulted fund fire-sells its holdings at the average pool price (MODEL §4.4)', () => {
  const rows: Rows = {
    assets: [{ id: 'ETH', price: 2000, depth_usd: 2_000_000 }],
    nodes: [
      { id: 'fund', kind: 'entity' },
      { id: 'lender', kind: 'entity' },
    ],
    holdings: [{ owner: 'fund', asset: 'ETH', amount: 100 }],
    obligations: [{ debtor: 'fund', creditor: 'lender', amount: 250_000 }],
  };
  const scenario = { steps: 10, events: [{ type: 'price_shock', asset: 'ETH', change: -0.1, at: 0 }] };

  it('defaults at step 0 (180 000 < 250 000) and sells all 100 ETH at step 1', () => {
    const r = runRows(rows, scenario);
    expect(r.summary.nodes.fund).toMatchObject({ defaulted: true, default_step: 0 });
    const nodes = rowsOf(r.tables.nodes).filter((n) => n.node === 'fund');
    // x = 1000 ETH; S goes 0 → 100; average price = 1800·1000²/(1000·1100) = 1636.36.
    close(nodes[1]?.external_usd, 100 * ((1800 * 1000 * 1000) / (1000 * 1100)));
    const prices = rowsOf(r.tables.prices);
    close(prices[1]?.market_price, 1800 * (1000 / 1100) ** 2);
    close(r.summary.nodes.fund?.payments_usd, 100 * ((1800 * 1000 * 1000) / (1000 * 1100)));
  });

  it('keeps its tokens when fire_sale_on_default is off', () => {
    const r = runRows(rows, { ...scenario, options: { fire_sale_on_default: false } });
    const prices = rowsOf(r.tables.prices);
    expect(prices.every((p) => p.market_price === 1800)).toBe(true);
    expect(r.summary.steps_run).toBe(2);
  });
});

describe('a manipulated oracle liquidates a healthy loan (oracle_override, MODEL §4.2)', () => {
  const rows: Rows = {
    assets: [{ id: 'ETH', price: 2000 }],
    nodes: [
      { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
      { id: 'fund', kind: 'entity' },
    ],
    oracles: [{ id: 'o', asset: 'ETH' }],
    feeds: [{ venue: 'lend', asset: 'ETH', oracle: 'o' }],
    positions: [{ id: 'p', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 100_000, liquidation_threshold: 0.8, liquidation_bonus: 0.1, close_factor: 0.5 }],
  };
  const r = runRows(rows, { steps: 10, events: [{ type: 'oracle_override', oracle: 'o', price: 1000, from: 1, to: 1 }] });

  it('liquidates at the false price and charges the owner the bonus at market prices', () => {
    // At V = 1000: HF = 100·1000·0.8/100 000 = 0.8; repay 50 000, seize 50 000·1.1/1000 = 55 ETH worth 110 000 at market.
    const liq = rowsOf(r.tables.liquidations);
    expect(liq).toEqual([expect.objectContaining({ step: 1, repaid_usd: 50_000, bad_debt_usd: 0 })]);
    close(liq[0]?.seized_units, (50_000 * 1.1) / 1000);
    close(r.summary.nodes.fund?.equity_end_usd, 100_000 - 60_000);
    expect(r.summary.direct_loss_usd).toBe(0);
    expect(r.summary.amplification).toBeNull();
  });

  it("traces the owner's loss to the override, not to the market", () => {
    expect(r.summary.nodes.fund?.path).toEqual(['event:0', 'lend', 'fund']);
  });
});

describe('the liquidation stage’s seen stamps', () => {
  it('go on above the last run’s, and start again from a cleared array only before passing the largest int32', () => {
    const candidates = new I32Column();
    const fresh = seenFor(4, 40, null, candidates);
    expect(fresh.stampBase).toBe(0);
    expect(Array.from(fresh.seen)).toEqual([-1, -1, -1, -1]);
    fresh.seen.set([3, 39, 12, -1]);
    const scratch: RunScratch = { seen: fresh.seen, nextStamp: 40, liq: new LiquidationBuffer(), candidates, bands: null };
    const next = seenFor(4, 40, scratch, candidates);
    expect(next.seen).toBe(fresh.seen);
    expect(next.stampBase).toBe(40);
    expect(Array.from(next.seen)).toEqual([3, 39, 12, -1]);
    const late = seenFor(4, 40, { ...scratch, nextStamp: 2 ** 31 - 41 }, candidates);
    expect(late.seen).toBe(fresh.seen);
    expect(late.stampBase).toBe(0);
    expect(Array.from(late.seen)).toEqual([-1, -1, -1, -1]);
  });
});

describe('numbers beyond a double’s range stop the run with a reason (not NaN figures)', () => {
  const rows: Rows = {
    assets: [{ id: 'ETH', price: 2000, depth_usd: 10_000_000 }],
    nodes: [
      { id: 'lend', kind: 'venue', external_assets_usd: 1_000_000 },
      { id: 'fund', kind: 'entity' },
    ],
    positions: [{ id: 'p1', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 150_000, liquidation_threshold: 0.825 }],
  };

  it('a shock that overflows the fundamental price (checked here without the workspace scale)', () => {
    const r = runRows(rows, { steps: 20, events: [{ type: 'price_shock', asset: 'ETH', change: 1e308, at: 2 }] });
    const why = "the run stopped after step 2: the fundamental price of ETH (Infinity) is not a finite positive number; the workspace's or the scenario's numbers are beyond the range the engine computes in";
    expect(r.sim.stoppedBecause).toBe(why);
    expect(r.summary.steps_run).toBe(3);
    expect(r.summary.converged).toBe(false);
    expect(r.summary.warnings).toContain(why);
  });

  it('amounts whose value overflows name the node', () => {
    const huge: Rows = { ...rows, holdings: [{ owner: 'fund', asset: 'ETH', amount: 1e306 }] };
    const r = runRows(huge, { steps: 5, events: [] });
    expect(r.sim.stoppedBecause).toBe("the run stopped after step 0: the value of node fund (Infinity) is not a finite number; the workspace's or the scenario's numbers are beyond the range the engine computes in");
    expect(r.summary.steps_run).toBe(1);
  });

  it('an ordinary run has none', () => {
    expect(runRows(rows, { steps: 5, events: [{ type: 'price_shock', asset: 'ETH', change: -0.2, at: 0 }] }).sim.stoppedBecause).toBeNull();
  });

  it('results past the budget stop a long run, naming the step and the size', () => {
    const cw = prepare(compileModel(workspaceFromRows(rows)));
    const ids = { assets: new Set(cw.model.assetIds), nodes: new Set(cw.model.nodeIds), venues: new Set(['lend']), oracles: new Set<string>() };
    // An event at the last step keeps the run from its fixed point: 1,000 steps of 2 nodes' rows (45 B) and 1 price row (32 B).
    const v = validateScenario({ steps: 1000, events: [{ type: 'price_shock', asset: 'ETH', change: -0.01, at: 999 }] }, ids);
    if (!v.ok) throw new Error('scenario');
    const budget = 20_000;
    // The same run without a budget, step by step: the first step after which its tables pass 20 kB.
    const free = new Simulation(cw, compilePlan(v.value, cw.model), { losses: false });
    let over = -1;
    while (!free.done) {
      const r = free.step();
      if (over < 0 && resultBytes(rowCountsOf(free)) > budget) over = r.t;
    }
    expect(free.stoppedBecause).toBeNull();
    expect(free.stepsRun).toBe(1000);
    expect(over).toBeGreaterThan(10);
    const sim = new Simulation(cw, compilePlan(v.value, cw.model), { losses: false, maxResultBytes: budget }).runToEnd();
    expect(sim.stepsRun).toBe(over + 1);
    expect(sim.stoppedBecause).toBe(`the run stopped after step ${over} of 1000: its result tables reached 0.0 GB, the most one run keeps; a scenario with fewer steps (or a smaller workspace) fits`);
    expect(sim.warnings).toContain(sim.stoppedBecause);
  });
});
