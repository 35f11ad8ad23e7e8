import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessEngine } from '../../test/helpers/in-process-engine';
import type { RunResult } from '../protocol';
import type { CompareView, RunSteps } from './compare-types';

function engine() {
  const { answered } = inProcessEngine();
  return async <T>(method: string, args: Record<string, unknown>): Promise<T> => {
    const res = await answered(method, args);
    if (res.ok !== true) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
    return res.result as T;
  };
}

const DEMO = join(__dirname, '..', '..', 'assets', 'demo');
const files = (edit: (name: string, text: string) => string = (_, t) => t) =>
  readdirSync(join(DEMO, 'workspace')).map((name) => ({ name, bytes: new TextEncoder().encode(edit(name, readFileSync(join(DEMO, 'workspace', name), 'utf8'))) }));
const scenario = (name: string): unknown => JSON.parse(readFileSync(join(DEMO, 'scenarios', name), 'utf8'));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('view.compare and view.runSteps through serve()', () => {
  it('reduce each run to per-step series that add up to its summary', async () => {
    const call = engine();
    await call('workspace.import', { files: files() });
    const run = await call<RunResult>('sim.run', { runId: 'r1', scenario: scenario('flash-crash.json') });
    const steps = await call<RunSteps>('view.runSteps', { runId: 'r1' });
    const s = run.summary;
    expect(steps.stepsRun).toBe(s.steps_run);
    expect(sum(steps.liquidatedUsd)).toBeCloseTo(s.total_liquidated_usd, 2);
    expect(sum(steps.badDebtUsd)).toBeCloseTo(s.total_bad_debt_usd, 2);
    expect(sum(steps.defaults)).toBe(Object.values(s.nodes).filter((n) => n.defaulted).length);
    expect(steps.lossUsd[s.steps_run - 1]).toBeCloseTo(s.total_loss_usd, 2);
    expect(steps.lossUsd.every((x) => x >= 0)).toBe(true);
  });

  it('compares two scenarios on one workspace, and one scenario on two workspaces', async () => {
    const call = engine();
    await call('workspace.import', { files: files() });
    const crash = await call<RunResult>('sim.run', { runId: 'crash', scenario: scenario('flash-crash.json') });
    const lender = await call<RunResult>('sim.run', { runId: 'lender', scenario: scenario('lender-default.json') });
    const view = await call<CompareView>('view.compare', { runIds: ['crash', 'lender', 'gone'] });
    expect(view.runs.map((r) => r.runId)).toEqual(['crash', 'lender']);
    expect(view.missing).toEqual(['gone']);
    expect(view.sameWorkspace).toBe(true);
    const liq = view.kpis.find((k) => k.key === 'total_liquidated_usd');
    expect(liq?.deltas[1]).toBeCloseTo(lender.summary.total_liquidated_usd - crash.summary.total_liquidated_usd, 6);
    expect(view.defaultsTotal).toBeGreaterThan(0);
    for (const d of view.defaults) {
      const [a, b] = d.steps;
      expect(a === b).toBe(false);
      expect(a ?? null).toBe(crash.summary.nodes[d.node]?.default_step ?? null);
    }
    expect(view.prices[0]?.series.every((s) => s?.length === crash.summary.steps_run || s?.length === lender.summary.steps_run)).toBe(true);

    // The same scenario on a workspace where ETH's pool is ten times deeper: the first run, kept, still compares.
    await call('workspace.import', { files: files((name, text) => (name === 'assets.csv' ? text.replace('ETH,3000,300000000', 'ETH,3000,3000000000') : text)) });
    const deep = await call<RunResult>('sim.run', { runId: 'deep', scenario: scenario('flash-crash.json') });
    const across = await call<CompareView>('view.compare', { runIds: ['crash', 'deep'], assets: ['ETH'] });
    expect(across.sameWorkspace).toBe(false);
    expect(across.runs.map((r) => r.workspaceHash)).toEqual([crash.stamp.workspace_hash, deep.stamp.workspace_hash]);
    expect(across.prices.map((p) => p.asset)).toEqual(['ETH']);
    const eth = across.prices[0]?.series ?? [];
    // A deeper pool: the fire sales move ETH's market price less.
    expect(Math.min(...(eth[1] ?? []))).toBeGreaterThan(Math.min(...(eth[0] ?? [])) + 100);
  });

  it('refuses a malformed request', async () => {
    const call = engine();
    await expect(call('view.compare', { runIds: 'r1' })).rejects.toThrow(/invalid-request/);
    await expect(call('view.compare', { runIds: [] })).rejects.toThrow(/invalid-request/);
    await expect(call('view.runSteps', { runId: 'nope' })).rejects.toThrow(/not-found/);
  });
});
