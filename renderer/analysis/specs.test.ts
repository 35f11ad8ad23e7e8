import { describe, expect, it } from 'vitest';
import type { McForm, ReverseForm } from '../store/analysis-slice';
import type { WorkspaceOverview } from '../../engine/view/view-types';
import type { ScenarioDoc } from '../scenario/draft';
import { secondParameter, sweepParameters } from './defaults';
import type { ReverseResult } from '../../engine/analysis/analysis-types';
import { magnitudeText } from '../charts/options/analysis-reverse';
import { atMinHeadline, atMinText } from './reverse-labels';
import { corrText, debtRankScenario, mcSpec, problemsByField, readValue, reverseSpec, specProblems, sweepSpec, toggleAsset } from './specs';

const mc: McForm = {
  base: 'quiet',
  assets: ['ETH', 'BTC', 'SOL'],
  vols: { ETH: '0.2', BTC: '15%', SOL: 'x' },
  corr: { 'BTC|ETH': '0.7', 'ETH|SOL': '0.5' },
  nu: '',
  jumps: true,
  jumpProbability: '0.03',
  jumpMean: '-0.2',
  jumpVol: '0.1',
  jumpScope: 'market',
  draws: '1,000',
  seed: '42',
  at: '0',
  metric: 'total_bad_debt_usd',
};

describe('reading typed values', () => {
  it('reads numbers, percentages, minus signs, separators and decimal commas; passes anything else on as text', () => {
    expect(['-0.3', '−30%', '1,000', '1 000 000', '0,35', '', '  ', 'abc', '2e6'].map(readValue)).toEqual([-0.3, -0.3, 1000, 1_000_000, 0.35, undefined, undefined, 'abc', 2_000_000]);
    expect(['0x10', '0b11', '0o7', '0x10%'].map(readValue)).toEqual(['0x10', '0b11', '0o7', '0x10%']);
  });
});

describe('specs from the forms', () => {
  it('a sweep: one axis per row, numbers read, empty fields left for the engine to name', () => {
    const spec = sweepSpec({ axes: [{ param: 'event[0,1].change', from: '−5%', to: '-0.6', points: '12' }, { param: 'oracle[a].delay_steps', from: '0', to: '', points: 'six' }], kpi: 'defaults' }, { name: 's' });
    expect(spec).toEqual({
      scenario: { name: 's' },
      axes: [
        { parameter: 'event[0,1].change', from: -0.05, to: -0.6, points: 12 },
        { parameter: 'oracle[a].delay_steps', from: 0, points: 'six' },
      ],
      kpi: 'defaults',
    });
  });

  it('a Monte Carlo: the full symmetric correlation matrix from the upper triangle (0 where not given), jumps when on', () => {
    const spec = mcSpec(mc, { name: 'base' });
    expect(spec.correlation).toEqual([
      [1, 0.7, 0.5],
      [0.7, 1, 0],
      [0.5, 0, 1],
    ]);
    expect(spec.vols).toEqual([0.2, 0.15, 'x']);
    expect(spec.draws).toBe(1000);
    expect(spec.nu).toBeUndefined();
    expect(spec.jumps).toEqual({ scope: 'market', probability: 0.03, mean: -0.2, vol: 0.1 });
    expect(corrText(mc, 1, 0)).toBe('0.7');
    expect(mcSpec({ ...mc, jumps: false, nu: '4' }, {}).jumps).toBeUndefined();
  });

  it('adding an asset keeps the workspace order and gives its new pairs a default correlation', () => {
    const p = toggleAsset({ ...mc, assets: ['ETH', 'SOL'] }, ['ETH', 'BTC', 'SOL'], 'BTC', true);
    expect(p.assets).toEqual(['ETH', 'BTC', 'SOL']);
    expect(p.corr).toEqual({ 'BTC|ETH': '0.7', 'ETH|SOL': '0.5', 'BTC|SOL': '0.7' });
    expect(toggleAsset(mc, ['ETH', 'BTC', 'SOL'], 'ETH', false).assets).toEqual(['BTC', 'SOL']);
  });

  it('a reverse stress test: shock, target and search range', () => {
    const form: ReverseForm = {
      base: 'quiet',
      shockKind: 'assets',
      asset: 'ETH',
      assets: ['ETH', 'stETH'],
      node: 'n',
      at: '0',
      targetKind: 'venue_bad_debt',
      targetNode: 'x',
      targetVenue: 'aave',
      above: '1,000,000',
      min: '',
      max: '0.9',
      tolerance: '0.1%',
      samples: '8',
    };
    expect(reverseSpec(form, { name: 'q' })).toEqual({
      scenario: { name: 'q' },
      shock: { kind: 'assets', assets: ['ETH', 'stETH'], at: 0 },
      target: { kind: 'venue_bad_debt', venue: 'aave', above: 1_000_000 },
      max: 0.9,
      tolerance: 0.001,
      samples: 8,
    });
  });

  it('DebtRank: a scenario of the project, or one node losing a fraction of its external assets at step 0', () => {
    const list = [{ id: 's1', json: { name: 'Lender default', events: [{ type: 'external_loss', node: 'orbit', fraction: 0.9, at: 0 }] } }];
    expect(debtRankScenario({ source: 'scenario', scenarioId: 's1', node: 'x', fraction: '0.5' }, list, null)).toBe(list[0]?.json);
    expect(debtRankScenario({ source: 'custom', scenarioId: '', node: 'orbit', fraction: '50%' }, list, { steps: 20, options: { a: 1 } })).toEqual({
      name: 'orbit loses 50% of its external assets',
      steps: 20,
      events: [{ type: 'external_loss', node: 'orbit', at: 0, fraction: 0.5 }],
      options: { a: 1 },
    });
  });
});

describe('the engine’s problems, by field', () => {
  it('splits a spec error into lines and gives each to the field it names', () => {
    const problems = specProblems('The sweep spec has 3 problems:\n  sweep.axes[0].points: must be an integer\n  sweep.axes[1].from: must be a finite number\n  sweep: at x = 1: bad');
    expect(problems).toEqual(['sweep.axes[0].points: must be an integer', 'sweep.axes[1].from: must be a finite number', 'sweep: at x = 1: bad']);
    const { byField, rest } = problemsByField(problems, { points0: ['sweep.axes[0].points'], from1: ['sweep.axes[1].from'] });
    expect(byField).toEqual({ points0: ['sweep.axes[0].points: must be an integer'], from1: ['sweep.axes[1].from: must be a finite number'] });
    expect(rest).toEqual(['sweep: at x = 1: bad']);
    expect(specProblems('Import a workspace before running an analysis.')).toEqual(['Import a workspace before running an analysis.']);
  });
});

describe('the sweep axes offered', () => {
  it('run whole steps for every step parameter (the engine refuses 2.5 steps): event steps, lengths, oracle delays and heartbeats', () => {
    const doc = {
      name: 'x',
      steps: 40,
      events: [
        { type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 },
        { type: 'oracle_freeze', oracle: 'o1', from: 0, to: 2 },
      ],
    } as unknown as ScenarioDoc;
    const overview = { ids: { oracles: [{ id: 'o1', asset: 'ETH' }], venues: [], entities: [] }, byAsset: [] } as unknown as WorkspaceOverview;
    const stepParams = sweepParameters(doc, overview).filter((p) => /\.(at|from|to|length|delay_steps|heartbeat_steps)$/.test(p.value));
    expect(stepParams.map((p) => p.value)).toEqual(expect.arrayContaining(['event[0].at', 'event[1].length', 'oracle[o1].delay_steps', 'oracle[o1].heartbeat_steps']));
    for (const p of stepParams) {
      const step = p.points > 1 ? (p.to - p.from) / (p.points - 1) : 0;
      expect(Number.isInteger(p.from) && Number.isInteger(step), `${p.value}: ${p.from}…${p.to} in ${p.points}`).toBe(true);
    }
    // A ranged event's from stays at or before its to (the axis keeps its to): every point runs.
    const from = stepParams.find((p) => p.value === 'event[1].from');
    expect([from?.from, from?.to, from?.points]).toEqual([0, 2, 3]);
    // The second axis offered is never the first.
    const params = sweepParameters(doc, overview);
    expect(secondParameter(params, 'oracle[o1].delay_steps', doc)?.value).not.toBe('oracle[o1].delay_steps');
  });
});

describe('a reverse test met at its first magnitude', () => {
  it('names that magnitude when the search started above 0, and says "without the shock" only when it started at 0', () => {
    const r = (threshold: number) => ({ status: 'reached_at_min', threshold, shock: { kind: 'asset', asset: 'ETH', at: 0 } }) as unknown as ReverseResult;
    expect(atMinHeadline(r(0.25))).toBe(`reached at ${magnitudeText(r(0.25), 0.25)} already`);
    expect(atMinText(r(0.25))).toContain('smaller ones were not searched');
    expect(atMinHeadline(r(0))).toBe('already reached');
    expect(atMinText(r(0))).toBe('The target is met without the shock.');
  });
});
