import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../engine/index';
import { LIBRARY, node, openFolder, runFile, type LibraryRun } from './load';

async function run(episode: string, scenario: string): Promise<LibraryRun> {
  const ow = await openFolder(join(LIBRARY, episode, 'workspace'));
  return runFile(ow, join(LIBRARY, episode, 'scenarios', scenario));
}

const lost = (s: RunSummary, id: string): number => node(s, id).equity_start_usd - node(s, id).equity_end_usd;

describe('library outcomes (each README states them)', () => {
  it('Terra → 3AC: 3AC, Voyager and Celsius default in the June crash; Genesis loses its unsecured share and survives', async () => {
    const { summary: s, liquidationSteps } = await run('terra-3ac-2022', 'collapse.json');
    expect(s.converged).toBe(true);
    expect(s.warnings).toEqual([]);
    const threeAc = node(s, '3ac');
    expect(threeAc.default_step).toBe(2);
    expect(threeAc.recovery_rate).toBeGreaterThan(0.55);
    expect(threeAc.recovery_rate).toBeLessThan(0.65);
    expect(node(s, 'voyager').default_step).toBe(2);
    expect(node(s, 'voyager').recovery_rate).toBeLessThan(0.9);
    expect(node(s, 'celsius').default_step).toBe(2);
    expect(node(s, 'voyager').path).toEqual(expect.arrayContaining(['3ac', 'voyager']));
    // No one defaults in May: the LUNA loss alone is absorbed.
    for (const n of Object.values(s.nodes)) if (n.defaulted) expect(n.default_step).toBeGreaterThanOrEqual(2);
    // Genesis's secured part is repaid by the sale; it loses exactly the unpaid share of its $1.2B claim.
    expect(node(s, 'genesis').defaulted).toBe(false);
    expect(lost(s, 'genesis')).toBeCloseTo(1.2e9 * (1 - threeAc.recovery_rate), -3);
    expect(s.venues.genesis?.liquidated_usd).toBeCloseTo(1.16e9, -3);
    expect(s.venues.blockfi?.liquidated_usd).toBeCloseTo(250e6, -3);
    expect(s.total_bad_debt_usd).toBe(0);
    expect(liquidationSteps).toEqual([2]);
    // UST holders: 14B units from $1 to $0.15.
    expect(lost(s, 'ust-holders')).toBeCloseTo(14e9 * 0.85, -3);
    expect(s.final_prices.BTC).toBeGreaterThan(17_500);
    expect(s.final_prices.BTC).toBeLessThan(18_984.1);
  });

  it('FTX/Alameda: Alameda defaults on FTT, FTX halts, Genesis and BlockFi are frozen at the recovery rate', async () => {
    const { summary: s } = await run('ftx-alameda-2022', 'ftt-collapse.json');
    expect(s.converged).toBe(true);
    expect(node(s, 'alameda').default_step).toBe(1);
    expect(node(s, 'ftx').default_step).toBe(2);
    expect(node(s, 'blockfi').default_step).toBe(2);
    expect(s.venues.ftx?.halted_step).toBe(3);
    // Alameda's assets at the end, by hand: FTT, SOL and SRM at their last prices plus $5.504B at book.
    const alamedaAssets = 264_545_000 * 2.87 + 43_258_400 * 16 + 2_656_250_000 * 0.22 + 5.504e9;
    const rA = node(s, 'alameda').recovery_rate;
    expect(rA).toBeCloseTo(alamedaAssets / 11.5e9, 3);
    // FTX: $0.9B liquid − $477M hacked + its share of Alameda, over $8.9B owed.
    const rF = node(s, 'ftx').recovery_rate;
    expect(rF).toBeCloseTo((0.9e9 - 477e6 + 10e9 * rA) / 8.9e9, 3);
    expect(lost(s, 'ftx-customers')).toBeCloseTo(8.37e9 * (1 - rF), -3);
    expect(node(s, 'genesis').defaulted).toBe(false);
    expect(lost(s, 'genesis')).toBeCloseTo(175e6 * (1 - rF), -3);
    expect(node(s, 'ftx-customers').path).toEqual(['event:1', 'FTT', 'alameda', 'ftx', 'ftx-customers']);
    expect(s.amplification ?? 0).toBeGreaterThan(1.5);
  });

  it('SVB → USDC → DAI: Circle recovers ~91%, USDC ends near its reported low, DAI follows through Maker', async () => {
    const { summary: s, liquidationSteps } = await run('svb-usdc-dai-2023', 'svb-weekend.json');
    expect(s.converged).toBe(true);
    expect(node(s, 'svb').recovery_rate).toBe(0);
    expect(node(s, 'circle').default_step).toBe(0);
    // Circle: reserves outside SVB over USDC outstanding, both net of the USDC held as tokens in the workspace.
    expect(node(s, 'circle').recovery_rate).toBeCloseTo((40e9 - 3.3e9 - 3.15e9) / (40e9 - 3.15e9), 6);
    expect(node(s, 'maker').default_step).toBe(1);
    const usdc = s.final_prices.USDC ?? 1;
    expect(usdc).toBeLessThan(0.91);
    expect(usdc).toBeGreaterThan(0.86);
    expect(Math.abs(usdc - 0.8774)).toBeLessThan(0.02);
    expect(s.final_prices.DAI).toBeCloseTo(node(s, 'maker').recovery_rate, 6);
    expect(s.final_prices.DAI).toBeGreaterThan(0.9);
    expect(s.final_prices.DAI).toBeLessThan(0.96);
    expect(liquidationSteps[0]).toBe(1);
    expect(s.direct_loss_usd).toBe(0);
    expect(s.amplification).toBeNull();
  });

  it('Black Thursday: no liquidation while the feed is stuck, then a backlog with bad debt near the reported 5.67M DAI', async () => {
    const stuck = await run('black-thursday-2020', 'black-thursday.json');
    expect(stuck.liquidationSteps[0]).toBe(6);
    // By hand: at step 6 the feed reports ≈ $111.51 (the shocks are rounded to 6 digits, hence ±$50); the
    // 155% and 175% cohorts are capped liquidations.
    const v = 111.51;
    const bad155 = 18e6 - (142_609 * v) / 1.13;
    const bad175 = 15e6 - (134_175 * v) / 1.13;
    expect(stuck.summary.total_bad_debt_usd).toBeCloseTo(bad155 + bad175, -2);
    expect(Math.abs(stuck.summary.total_bad_debt_usd - 5.67e6)).toBeLessThan(0.1e6);
    const honest = await run('black-thursday-2020', 'honest-feed.json');
    expect(honest.liquidationSteps[0]).toBe(0);
    expect(honest.summary.total_bad_debt_usd).toBeLessThan(stuck.summary.total_bad_debt_usd / 2);
  });

  it('Mango: the pumped account is liquidated one step after the price falls and leaves ~$118M of bad debt', async () => {
    const { summary: s, liquidationSteps } = await run('mango-markets-2022', 'oracle-pump.json');
    expect(liquidationSteps).toEqual([2]);
    const p = s.final_prices.MNGO ?? 0;
    expect(p).toBeCloseTo(0.023, 6);
    expect(s.venues.mango?.bad_debt_usd).toBeCloseTo(129_450_600 - 483e6 * p, -2);
    expect(node(s, 'mango').default_step).toBe(1);
    // Depositors get Mango's $14M of cash, the $11.1M the liquidation repaid and the $20M SOL loan, out of $150M.
    expect(node(s, 'mango').recovery_rate).toBeCloseTo((14e6 + 483e6 * p + 20e6) / 150e6, 4);
    expect(node(s, 'sol-borrowers').equity_end_usd).toBe(node(s, 'sol-borrowers').equity_start_usd);
  });
});
