import { describe, expect, it } from 'vitest';
import type { CompareRun } from '../../engine/view/compare-types';
import type { RunEntry } from '../store/run-slice';
import { deltaTone, formatDelta, formatKpi, formatRelative, runLabel } from './compare-format';
import { comparedIds, createCompareSlice, type CompareSlice } from './compare-slice';

function slice(): { get: () => CompareSlice } {
  let state = {} as CompareSlice;
  const set = (patch: Partial<CompareSlice> | ((s: CompareSlice) => Partial<CompareSlice>)) => {
    state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
  };
  state = createCompareSlice(set as never, () => state, undefined as never);
  return { get: () => state };
}

const entry = (runId: string, finishedAt: number): RunEntry => ({ runId, scenarioName: runId, quick: null, defaults: 0, finishedAt, result: { runId } as RunEntry['result'] });

describe('the runs compared', () => {
  it('are the two newest until the user picks, the older one the baseline', () => {
    const s = slice();
    s.get().keepRuns([entry('run-2', 20), entry('run-1', 10)]);
    s.get().keepRuns([entry('run-3', 30), entry('run-2', 20)]);
    expect(s.get().keptRuns.map((e) => e.runId)).toEqual(['run-3', 'run-2', 'run-1']);
    expect(comparedIds(s.get())).toEqual(['run-2', 'run-3']);
  });

  it('follow the user’s picks and baseline, and drop runs the engine no longer keeps', () => {
    const s = slice();
    s.get().keepRuns([entry('run-3', 30), entry('run-2', 20), entry('run-1', 10)]);
    s.get().toggleCompare('run-1');
    expect(comparedIds(s.get())).toEqual(['run-2', 'run-3', 'run-1']);
    s.get().setBaseline('run-1');
    expect(comparedIds(s.get())).toEqual(['run-1', 'run-2', 'run-3']);
    s.get().toggleCompare('run-2');
    expect(comparedIds(s.get())).toEqual(['run-1', 'run-3']);
    s.get().forgetRuns(['run-1']);
    expect(comparedIds(s.get())).toEqual(['run-3']);
    expect(s.get().keptRuns.map((e) => e.runId)).toEqual(['run-3', 'run-2']);
  });

  it('keep no more than the engine does (eight)', () => {
    const s = slice();
    s.get().keepRuns(Array.from({ length: 10 }, (_, i) => entry(`run-${i}`, i)));
    expect(s.get().keptRuns.map((e) => e.runId)).toEqual(['run-9', 'run-8', 'run-7', 'run-6', 'run-5', 'run-4', 'run-3', 'run-2']);
  });

  it('keep the runs chosen to compare, as the engine does, however many newer runs come (runs opened from Analysis pushed them off the list)', () => {
    const s = slice();
    s.get().keepRuns([entry('run-1', 1), entry('run-2', 2)]);
    s.get().setCompareIds(['run-1', 'run-2']);
    s.get().keepRuns(Array.from({ length: 10 }, (_, i) => entry(`point-${i}`, 10 + i)));
    const kept = s.get().keptRuns.map((e) => e.runId);
    expect(kept).toHaveLength(8);
    expect(kept).toEqual(['point-9', 'point-8', 'point-7', 'point-6', 'point-5', 'point-4', 'run-2', 'run-1']);
    expect(comparedIds(s.get())).toEqual(['run-1', 'run-2']);
  });
});

describe('compare formatting', () => {
  it('writes values and signed deltas in the KPI’s unit', () => {
    expect(formatKpi('USD', 1_500_000)).toBe('$1.5M');
    expect(formatKpi('×', null)).toBe('n/a');
    expect(formatKpi('USD per unit', 1800)).toBe('$1,800');
    expect(formatDelta('USD', 500_000)).toBe('+$500K');
    expect(formatDelta('USD', -100)).toBe('−$100');
    expect(formatDelta('nodes', 2)).toBe('+2');
    expect(formatDelta('×', -0.5)).toBe('−0.50×');
    expect(formatDelta('USD', 0)).toBe('0');
    expect(formatDelta('USD', null)).toBe('n/a');
    expect(formatRelative(0.5)).toBe('(+50.0%)');
    expect(formatRelative(-0.1)).toBe('(−10.0%)');
    expect(formatRelative(null)).toBe('');
  });

  it('tells worse from better by the KPI’s direction', () => {
    expect(deltaTone({ direction: 'higher-is-worse' }, 500)).toBe('worse');
    expect(deltaTone({ direction: 'higher-is-worse' }, -1)).toBe('better');
    expect(deltaTone({ direction: 'lower-is-worse' }, -1)).toBe('worse');
    expect(deltaTone({ direction: 'neutral' }, -200)).toBe('same');
    expect(deltaTone({ direction: 'higher-is-worse' }, null)).toBe('same');
  });

  it('labels a run by letter and scenario, with its quick shock and, across workspaces, the workspace', () => {
    const run: CompareRun = { runId: 'run-4', scenario: 'Flash crash', stepsRun: 9, converged: true, workspaceHash: 'abcdef0123', scenarioHash: 'x', engineVersion: '1' };
    expect(runLabel(run, 0, undefined, true)).toBe('A · Flash crash');
    expect(runLabel(run, 1, { ...entry('run-4', 1), quick: { asset: 'ETH', change: -0.4 } }, false)).toBe('B · Flash crash · ETH −40% · ws abcdef');
  });
});
