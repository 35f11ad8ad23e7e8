import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { openRows } from '../../test/analysis/open-rows';
import { DEFAULT_OPTIONS } from '../scenario/scenario';
import type { DrawBatch } from './analysis-types';
import { concatDraws, mergeMonteCarlo } from './mc-merge';
import { DEFAULT_DRAWS, DEFAULT_SEED, narrowMcSpec } from './mc-spec';
import { DrawBatchBuilder } from './montecarlo';
import { distributionOf, expectedShortfall, valueAtRisk } from './risk-measures';
import { KPI, SCALAR_KPIS } from './run-kpis';

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe('VaR and expected shortfall', () => {
  it('VaR is the ⌈αN⌉-th smallest outcome; ES the mean of the worst (1 − α)N', () => {
    const x = sorted(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(valueAtRisk(x, 0.95)).toBe(95);
    expect(expectedShortfall(x, 0.95)).toBe(98); // (96 + … + 100)/5
    expect(valueAtRisk(x, 0.99)).toBe(99);
    expect(expectedShortfall(x, 0.99)).toBe(100);
    const k = sorted(Array.from({ length: 1000 }, (_, i) => i));
    expect(valueAtRisk(k, 0.99)).toBe(989); // the 990th smallest
    expect(expectedShortfall(k, 0.99)).toBeCloseTo(994.5, 12); // mean of 990 … 999
  });

  it('weighs the outcome at the VaR by its share of the tail when (1 − α)N is not whole', () => {
    // N = 30, α = 0.95: αN = 28.5, k = 29; ES = (x30 + 0.5·x29)/1.5.
    const x = sorted(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(valueAtRisk(x, 0.95)).toBe(29);
    expect(expectedShortfall(x, 0.95)).toBeCloseTo((30 + 0.5 * 29) / 1.5, 12);
    // N = 10: the tail is half of the worst outcome: ES = max.
    expect(expectedShortfall(sorted([5, 1, 9, 3, 0, 0, 2, 8, 7, 4]), 0.95)).toBe(9);
  });

  it('summarizes a distribution', () => {
    const d = distributionOf(Float64Array.from([0, 0, 10, 30]), 2);
    expect(d).toMatchObject({ mean: 10, min: 0, max: 30, p50: 0, var95: 30, es95: 30, probability_positive: 0.5 });
    expect(d.std).toBeCloseTo(Math.sqrt(((10 * 10) * 2 + 0 + 400) / 3), 12);
    expect(d.histogram).toEqual({ edges: [0, 15, 30], counts: [3, 1] });
  });
});

describe('Monte Carlo merge', () => {
  const ids = { nodes: ['a', 'b', 'c'], venues: ['v'], assets: ['ETH'] };
  const K = SCALAR_KPIS.length;
  const batch = (from: number, bad: number[], defaulted: number[][]): DrawBatch => {
    const n = bad.length;
    const scalars = new Float64Array(n * K);
    bad.forEach((b, i) => {
      scalars[i * K + KPI.total_bad_debt_usd] = b;
      scalars[i * K + KPI.defaults] = (defaulted[i] as number[]).length;
    });
    const start = new Int32Array(n + 1);
    defaulted.forEach((d, i) => (start[i + 1] = (start[i] as number) + d.length));
    return { from, to: from + n, scalars, venueBadDebt: Float64Array.from(bad), shocks: Float64Array.from(bad, (b) => -b / 100), defaultedStart: start, defaultedNodes: Int32Array.from(defaulted.flat()) };
  };

  it('merges batches in draw order whatever order they come in; ranks the worst draws (ties: lower draw)', () => {
    const parts = [batch(2, [50, 10], [[1], []]), batch(0, [10, 50], [[0, 1], [2]])];
    const all = concatDraws(parts);
    expect(Array.from(all.defaultedNodes)).toEqual([0, 1, 2, 1]);
    const scenario = { name: 'base', description: '', steps: 5, events: [], options: { ...DEFAULT_OPTIONS } };
    const r = mergeMonteCarlo({ draws: 4, seed: 1, assets: ['ETH'], at: 0, nu: null, worst: 2, rankBy: 'total_bad_debt_usd', scenario }, ids, all);
    expect(r.worst.map((w) => w.draw)).toEqual([1, 2]);
    expect(r.worst[0]?.shocks).toEqual({ ETH: -0.5 });
    expect(r.worst[0]?.scenario.events).toEqual([{ type: 'price_shock', asset: 'ETH', change: -0.5, at: 0 }]);
    expect(r.default_probability).toEqual({ b: 0.5, a: 0.25, c: 0.25 });
    expect(r.total_bad_debt_usd.mean).toBe(30);
    expect(r.venues.v?.bad_debt_usd.max).toBe(50);
    const draws = tableFromIPC(r.tables.draws as Uint8Array);
    expect(Array.from(draws.getChild('total_bad_debt_usd')?.toArray() as Float64Array)).toEqual([10, 50, 50, 10]);
  });
});

describe('Monte Carlo spec and draws', () => {
  const rows = {
    assets: [
      { id: 'ETH', price: 2000 },
      { id: 'BTC', price: 50_000 },
    ],
    nodes: [
      { id: 'lend', kind: 'venue', external_assets_usd: 1e6 },
      { id: 'fund', kind: 'entity', external_assets_usd: 0 },
    ],
    positions: [{ id: 'p', owner: 'fund', venue: 'lend', collateral_asset: 'ETH', collateral_amount: 100, debt_asset: 'USD', debt_amount: 150_000, liquidation_threshold: 0.825 }],
  };

  it('reads its settings from the scenario’s montecarlo field, the spec’s own fields winning', async () => {
    const aw = await openRows(rows);
    const s = narrowMcSpec({ scenario: { steps: 10, montecarlo: { draws: 5, seed: 9, assets: ['ETH', 'BTC'], vols: [0.1, 0.05], correlation: [[1, 0.5], [0.5, 1]], nu: 6 } }, draws: 7 }, aw);
    if (!s.ok) throw new Error(s.error.join());
    expect(s.value.draws).toBe(7);
    expect(s.value.seed).toBe(9);
    expect(s.value.scale).toBeCloseTo(Math.sqrt(4 / 6), 15);
    // L = [[0.1, 0], [0.025, 0.05·√0.75]].
    expect(Array.from(s.value.chol)).toEqual([0.1, 0, expect.closeTo(0.025, 15), expect.closeTo(0.05 * Math.sqrt(0.75), 15)]);
  });

  it('names what is wrong: not positive definite, a bad correlation, a vol of 0', async () => {
    const aw = await openRows(rows);
    const problem = (over: Record<string, unknown>) => {
      const s = narrowMcSpec({ scenario: { steps: 10 }, draws: 5, seed: 1, assets: ['ETH', 'BTC'], vols: [0.1, 0.1], ...over }, aw);
      return s.ok ? '' : s.error.join('\n');
    };
    expect(problem({ correlation: [[1, 1], [1, 1]] })).toContain('the correlation matrix is not positive definite: the leading block of ETH, BTC is singular or indefinite');
    expect(problem({ correlation: [[1, 0.5], [0.4, 1]] })).toContain('montecarlo.correlation: must be symmetric');
    expect(problem({ correlation: [[0.9, 0.5], [0.5, 1]] })).toContain('has 1 on its diagonal');
    expect(problem({ vols: [0.1, 0] })).toContain('montecarlo.vols');
    // As --seed: a negative seed was taken from a spec and refused as a flag.
    expect(problem({ seed: -1 })).toBe('montecarlo.seed: must be an integer ≥ 0, got -1');
    // A vol whose square underflows (or whose draws overflow) is named as the vol, not as correlated assets.
    for (const vol of [1e-300, 1e200]) expect(problem({ vols: [0.1, vol] })).toContain('montecarlo.vols: must be a list of 2 numbers from 1e-6 to 10');
    expect(problem({ vols: undefined, covariance: [[400, 0], [0, 0.01]] })).toContain('montecarlo.covariance[0][0]: the variance of ETH must be from 1e-12 to 100 (a vol from 1e-6 to 10), got 400');
    // The two ends of that range side by side are no singular matrix.
    expect(problem({ vols: undefined, covariance: [[1e-12, 0], [0, 100]] })).toBe('');
    // Means are log returns: past ±10 a draw's change is beyond any price (e^800 was "+1e13 ×").
    expect(problem({ means: [800, 0] })).toContain('montecarlo.means: must be a list of 2 numbers from −10 to 10');
    expect(problem({ covariance: [[0.01, 0], [0, 0.01]], correlation: [[1, 0], [0, 1]] })).toContain('not both');
    expect(problem({ assets: ['ETH', 'USD'] })).toContain('"USD"');
    expect(problem({ nu: 0 })).toContain('montecarlo.nu');
  });

  it('lists every problem of a spec, each with its field and rule, not the first alone', async () => {
    const aw = await openRows(rows);
    const s = narrowMcSpec({ scenario: { steps: 10 }, draws: 0, seed: 'x', worst: -3, assets: ['ETH', 'NOPE'], vols: [0.2, -0.1], nu: -1, jumps: { probability: 2, mean: 0, vol: -1 }, correlations: [[1, 0], [0, 1]] }, aw);
    expect(s.ok).toBe(false);
    const problems = s.ok ? [] : s.error;
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'montecarlo.correlations',
      'montecarlo.draws',
      'montecarlo.seed',
      'montecarlo.assets',
      'montecarlo.vols',
      'montecarlo.nu',
      'montecarlo.jumps.probability',
      'montecarlo.jumps.vol',
      'montecarlo.worst',
    ]);
    expect(problems[0]).toContain('did you mean correlation?');
    expect(problems[1]).toBe('montecarlo.draws: must be an integer from 1 to 1000000, got 0');
    expect(problems[3]).toBe('montecarlo.assets: names no asset that can be shocked: "NOPE"');
    expect(problems[8]).toBe('montecarlo.worst: must be an integer from 0 to 1000, got -3');
    // Each of a scenario's problems is one problem of the spec, under its field.
    const sc = narrowMcSpec({ scenario: { steps: 10, events: [{ type: 'price_shock', asset: 'ETH', change: -2, at: 0 }, { type: 'price_shock', asset: 'XYZ', change: -0.1, at: 0 }] }, assets: ['ETH'], vols: [0.1] }, aw);
    expect(sc.ok ? [] : sc.error.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['montecarlo.scenario.events[0].change', 'montecarlo.scenario.events[1].asset']);
  });

  it('runs 1000 draws from seed 1 where the spec gives neither (a fixed seed, stated in the result)', async () => {
    const aw = await openRows(rows);
    const s = narrowMcSpec({ scenario: { steps: 10 }, assets: ['ETH'], vols: [0.1] }, aw);
    if (!s.ok) throw new Error(s.error.join());
    expect([s.value.draws, s.value.seed]).toEqual([DEFAULT_DRAWS, DEFAULT_SEED]);
    expect([DEFAULT_DRAWS, DEFAULT_SEED]).toEqual([1000, 1]);
  });

  it('a draw is the same alone or after others (every run starts from the workspace)', async () => {
    const aw = await openRows(rows);
    const s = narrowMcSpec({ scenario: { steps: 10 }, draws: 30, seed: 5, assets: ['ETH'], vols: [0.2], nu: 3 }, aw);
    if (!s.ok) throw new Error(s.error.join());
    const all = new DrawBatchBuilder(aw, s.value, 0, 30);
    while (!all.done) all.run();
    const one = new DrawBatchBuilder(aw, s.value, 17, 18);
    one.run();
    const a = all.batch();
    const b = one.batch();
    expect(Array.from(b.scalars)).toEqual(Array.from(a.scalars.subarray(17 * K(), 18 * K())));
    expect(b.shocks[0]).toBe(a.shocks[17]);
    expect(Array.from(a.scalars).some((x, i) => i % K() === KPI.total_liquidated_usd && x > 0)).toBe(true);
  });
});

function K(): number {
  return SCALAR_KPIS.length;
}
