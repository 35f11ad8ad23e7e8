import { describe, expect, it } from 'vitest';
import type { NodeSummary, RunSummary } from '../results/summary-types';
import { compareRuns, defaultDifferences, type CompareInput } from './compare';
import type { RunSteps } from './compare-types';

const node = (default_step: number | null): NodeSummary => ({
  equity_start_usd: 100,
  equity_end_usd: default_step === null ? 100 : 0,
  obligations_usd: 0,
  payments_usd: 0,
  recovery_rate: 1,
  defaulted: default_step !== null,
  default_step,
  path: [],
});

function summary(patch: Partial<RunSummary>): RunSummary {
  return {
    scenario: 's',
    steps_run: 5,
    converged: true,
    total_liquidated_usd: 0,
    total_bad_debt_usd: 0,
    total_loss_usd: 0,
    direct_loss_usd: 0,
    amplification: null,
    final_prices: {},
    nodes: {},
    venues: {},
    warnings: [],
    ...patch,
  };
}

const steps = (runId: string): RunSteps => ({ runId, stepsRun: 5, liquidatedUsd: [0, 0, 0, 0, 0], liquidations: [0, 0, 0, 0, 0], badDebtUsd: [0, 0, 0, 0, 0], defaults: [0, 0, 0, 0, 0], lossUsd: [0, 0, 0, 0, 0] });

const A: CompareInput = {
  runId: 'run-1',
  summary: summary({
    scenario: 'Flash crash',
    total_liquidated_usd: 1000,
    total_bad_debt_usd: 100,
    total_loss_usd: 500,
    direct_loss_usd: 250,
    amplification: 2,
    final_prices: { ETH: 2000, BTC: 30000 },
    nodes: { 'fund-a': node(2), 'fund-b': node(null), aave: node(3) },
    venues: { aave: { liquidated_usd: 1000, bad_debt_usd: 100, halted_step: 4 } },
  }),
  stamp: { engine_version: '1', workspace_hash: 'ws-1', scenario_hash: 'sc-1' },
  steps: steps('run-1'),
  prices: new Map([
    ['ETH', [2500, 2000, 2000, 2000, 2000]],
    ['BTC', [30000, 30000, 30000, 30000, 30000]],
  ]),
};

const B: CompareInput = {
  runId: 'run-2',
  summary: summary({
    scenario: 'Flash crash',
    total_liquidated_usd: 1500,
    total_bad_debt_usd: 0,
    total_loss_usd: 400,
    direct_loss_usd: 0,
    amplification: null,
    final_prices: { ETH: 1800 },
    nodes: { 'fund-a': node(1), 'fund-b': node(4), 'fund-c': node(0), aave: node(null) },
    venues: { aave: { liquidated_usd: 1500, bad_debt_usd: 0, halted_step: null } },
  }),
  stamp: { engine_version: '1', workspace_hash: 'ws-2', scenario_hash: 'sc-1' },
  steps: steps('run-2'),
  prices: new Map([['ETH', [2500, 1800, 1800, 1800, 1800]]]),
};

describe('compareRuns', () => {
  const view = compareRuns([A, B]);
  const kpi = (key: string) => view.kpis.find((k) => k.key === key);

  it('gives each KPI per run, its delta from the first run and the delta relative to it', () => {
    expect(kpi('total_liquidated_usd')).toMatchObject({ unit: 'USD', values: [1000, 1500], deltas: [0, 500], relative: [0, 0.5] });
    expect(kpi('total_bad_debt_usd')).toMatchObject({ values: [100, 0], deltas: [0, -100], relative: [0, -1] });
    expect(kpi('total_loss_usd')).toMatchObject({ values: [500, 400], deltas: [0, -100], relative: [0, -0.2] });
    // No direct loss in B: its amplification is undefined, and so is the delta.
    expect(kpi('amplification')).toMatchObject({ unit: '×', values: [2, null], deltas: [0, null], relative: [0, null] });
    expect(kpi('defaulted_entities')).toMatchObject({ unit: 'nodes', values: [1, 3], deltas: [0, 2], relative: [0, 2] });
    expect(kpi('defaulted_venues')).toMatchObject({ values: [1, 0], deltas: [0, -1], relative: [0, -1] });
    expect(kpi('final_price:ETH')).toMatchObject({ unit: 'USD per unit', values: [2000, 1800], deltas: [0, -200], relative: [0, -0.1] });
    expect(kpi('final_price:BTC')).toMatchObject({ values: [30000, null], deltas: [0, null] });
  });

  it('a zero baseline has no relative delta', () => {
    const v = compareRuns([B, A]);
    expect(v.kpis.find((k) => k.key === 'direct_loss_usd')).toMatchObject({ values: [0, 250], deltas: [0, 250], relative: [null, null] });
  });

  it('orders assets by their largest move and draws the most moved (or those asked for)', () => {
    // ETH: 1800 / 2500 − 1 = −28% in B; BTC never moves.
    expect(view.assets).toEqual(['ETH', 'BTC']);
    expect(view.prices.map((p) => p.asset)).toEqual(['ETH', 'BTC']);
    const btc = compareRuns([A, B], [], ['BTC', 'DOGE']);
    expect(btc.prices).toEqual([{ asset: 'BTC', series: [[30000, 30000, 30000, 30000, 30000], null] }]);
  });

  it('says when the runs are of different workspaces, and which asked-for runs are gone', () => {
    expect(view.sameWorkspace).toBe(false);
    expect(compareRuns([A, A], ['run-9']).sameWorkspace).toBe(true);
    expect(compareRuns([A], ['run-9']).missing).toEqual(['run-9']);
  });
});

describe('defaultDifferences', () => {
  it('lists nodes that default in one run and not the other, or at another step, earliest first', () => {
    expect(defaultDifferences([A, B])).toEqual([
      { node: 'fund-c', kind: 'entity', steps: [null, 0], present: [false, true], difference: 'only-some' },
      { node: 'fund-a', kind: 'entity', steps: [2, 1], present: [true, true], difference: 'step' },
      { node: 'aave', kind: 'venue', steps: [3, null], present: [true, true], difference: 'only-some' },
      { node: 'fund-b', kind: 'entity', steps: [null, 4], present: [true, true], difference: 'only-some' },
    ]);
  });

  it('leaves out nodes that default at the same step everywhere, or nowhere', () => {
    expect(defaultDifferences([A, A])).toEqual([]);
  });
});
