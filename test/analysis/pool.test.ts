import { tableFromIPC } from 'apache-arrow';
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisPool } from '../../engine/analysis/coordinator';
import { inProcessPool, threadPool, type NodePool } from '../../engine/node/pool';
import type { InputFile } from '../../engine/protocol';

// Analyses over real worker_threads: the same results with 1 and 2 workers (and in process),
// progress, cancel, and worst draws that open as ordinary runs.

const ROOT = join(__dirname, '..', '..');
const DEMO = join(ROOT, 'assets', 'demo');
const files: InputFile[] = readdirSync(join(DEMO, 'workspace'))
  .filter((f) => f.endsWith('.csv'))
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', name))) }));
const flashCrash = JSON.parse(readFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), 'utf8')) as { events: unknown[] };
const quiet = { name: 'base', steps: 30, events: [] };

const mc = {
  scenario: quiet,
  draws: 96,
  seed: 20261130,
  assets: ['ETH', 'stETH', 'BTC', 'wBTC', 'SOL'],
  vols: [0.12, 0.125, 0.09, 0.092, 0.2],
  correlation: [
    [1, 0.98, 0.7, 0.7, 0.6],
    [0.98, 1, 0.7, 0.7, 0.6],
    [0.7, 0.7, 1, 0.99, 0.55],
    [0.7, 0.7, 0.99, 1, 0.55],
    [0.6, 0.6, 0.55, 0.55, 1],
  ],
  nu: 3,
  jumps: { probability: 0.05, mean: -0.25, vol: 0.1 },
  worst: 3,
};

let one: NodePool;
let two: NodePool;

async function ready(size: number, bundle: string): Promise<NodePool> {
  const p = threadPool(size, bundle);
  const r = await p.pool.importWorkspace(files);
  if (!r.ok) throw new Error(r.error.message);
  return p;
}

async function value<T>(job: { result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }> }): Promise<T> {
  const r = await job.result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(async () => {
  const bundle = join(mkdtempSync(join(tmpdir(), 'firebreak-pool-')), 'worker.mjs');
  await build({ entryPoints: [join(ROOT, 'engine', 'node', 'worker-entry.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' });
  [one, two] = await Promise.all([ready(1, bundle), ready(2, bundle)]);
});

afterAll(async () => {
  await Promise.all([one?.close(), two?.close()]);
});

describe('analyses on a pool of workers', () => {
  it('Monte Carlo: identical results with 1 and 2 workers (and in process) for the same seed', async () => {
    const progress: number[] = [];
    const a = await value(one.pool.monteCarlo(mc, { onProgress: (p) => progress.push(p.done) }));
    const b = await value(two.pool.monteCarlo(mc));
    expect(b).toEqual(a);
    expect(a.stamp?.spec_hash).toMatch(/^[0-9a-f]{64}$/);
    const local = inProcessPool(3);
    await local.pool.importWorkspace(files);
    // In one process the import hash differs from import to import (Arrow numbers dictionaries
    // process-wide), so the stamp's workspace_hash does too; everything else is identical.
    const { stamp: _s, ...rest } = await value(local.pool.monteCarlo(mc));
    const { stamp: _a, ...restA } = a;
    expect(rest).toEqual(restA);
    // A different seed gives different draws.
    const c = await value(two.pool.monteCarlo({ ...mc, seed: 1 }));
    expect(c.total_loss_usd.mean).not.toBe(a.total_loss_usd.mean);
    expect(progress.at(-1)).toBe(96);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));

    expect(a.draws).toBe(96);
    expect(a.distribution).toBe('student_t');
    expect(a.total_bad_debt_usd.var99).toBeGreaterThanOrEqual(a.total_bad_debt_usd.var95);
    expect(a.total_bad_debt_usd.es99).toBeGreaterThanOrEqual(a.total_bad_debt_usd.var99);
    expect(a.total_liquidated_usd.max).toBeGreaterThan(0);
    const draws = tableFromIPC(a.tables.draws as Uint8Array);
    expect(draws.numRows).toBe(96);
    expect(draws.schema.fields.map((f) => f.name)).toContain('shock_stETH');
    for (const p of Object.values(a.default_probability)) expect(p).toBeGreaterThan(0);
  });

  it('the worst draws open as ordinary runs with the same outcome', async () => {
    const a = await value(one.pool.monteCarlo(mc));
    expect(a.worst).toHaveLength(3);
    expect(a.worst[0]?.total_bad_debt_usd).toBe(a.total_bad_debt_usd.max);
    const port = two.pool.ports[1];
    if (!port) throw new Error('two workers');
    for (const w of a.worst) {
      const run = await port.request('sim.run', { runId: `draw-${w.draw}`, scenario: w.scenario });
      if (!run.ok) throw new Error(run.error.message);
      expect(run.value.summary.total_bad_debt_usd).toBe(w.total_bad_debt_usd);
      expect(run.value.summary.total_liquidated_usd).toBe(w.total_liquidated_usd);
      expect(run.value.summary.total_loss_usd).toBe(w.total_loss_usd);
    }
  });

  it('sweeps, distance to default and default impact do not depend on the number of workers', async () => {
    const sweep = { scenario: flashCrash, axes: [{ parameter: 'event[0,1].change', from: -0.05, to: -0.5, points: 7 }, { parameter: 'oracle[cl-eth].delay_steps', values: [0, 3] }], kpi: 'total_bad_debt_usd' };
    const s1 = await value(one.pool.sweep(sweep));
    expect(await value(two.pool.sweep(sweep))).toEqual(s1);
    expect(s1.shape).toEqual([7, 2]);
    expect(s1.heatmap?.values).toHaveLength(7);

    const distance = { scenario: quiet, shock: { kind: 'assets', assets: ['ETH', 'stETH'] }, samples: 6, tolerance: 0.001 };
    const d1 = await value(one.pool.distanceToDefault(distance));
    expect(await value(two.pool.distanceToDefault(distance))).toEqual(d1);
    const found = d1.nodes.filter((n) => n.status === 'found');
    expect(found.length).toBeGreaterThan(0);
    for (const n of found) expect((n.bracket as [number, number])[1] - (n.bracket as [number, number])[0]).toBeLessThanOrEqual(0.001);
    const thresholds = d1.nodes.map((n) => n.threshold ?? Infinity);
    expect(thresholds).toEqual([...thresholds].sort((x, y) => x - y));

    const i1 = await value(one.pool.defaultImpact({ scenario: quiet }));
    expect(await value(two.pool.defaultImpact({ scenario: quiet }))).toEqual(i1);
    expect(i1.nodes).toHaveLength(41);
    expect(i1.nodes[0]?.loss_to_others_usd).toBeGreaterThanOrEqual(i1.nodes[1]?.loss_to_others_usd ?? 0);
  });

  it('a reverse stress test keeps the run at its threshold for results.* requests', async () => {
    const spec = { scenario: quiet, shock: { kind: 'asset', asset: 'ETH' }, target: { kind: 'total_bad_debt', above: 1_000_000 }, tolerance: 0.0005 };
    const events: string[] = [];
    const r = await value(two.pool.reverse(spec, { runId: 'threshold', onProgress: (p) => events.push(p.phase) }));
    expect(r.status).toBe('found');
    expect(r.summary?.total_bad_debt_usd).toBeGreaterThan(1_000_000);
    expect(r.runId).toBe('threshold');
    const kept = await (two.pool.ports[0] as NonNullable<(typeof two.pool.ports)[0]>).request('results.summary', { runId: 'threshold' });
    expect(kept.ok && kept.value.summary.total_bad_debt_usd).toBe(r.summary?.total_bad_debt_usd);
    expect(r.path.length).toBeGreaterThan(1);
    expect(events.length).toBeGreaterThan(0);
  });

  it('cancel stops a job, and the pool runs the next one', async () => {
    const pool: AnalysisPool = two.pool;
    let cancel = () => undefined as void;
    const job = pool.monteCarlo({ ...mc, draws: 20_000 }, { onProgress: (p) => p.done > 0 && cancel() });
    cancel = job.cancel;
    const r = await job.result;
    expect(r.ok ? 'finished' : r.error.kind).toBe('cancelled');
    const again = await value(pool.monteCarlo({ ...mc, draws: 8 }));
    expect(again.draws).toBe(8);
  });

  it('refuses a bad spec with every problem named, before any run', async () => {
    const r = await two.pool.monteCarlo({ ...mc, correlation: [[1, 1.2], [1.2, 1]] }).result;
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error.message).toContain('montecarlo.correlation: must be a 5 × 5 matrix');
    const pd = await two.pool.monteCarlo({ ...mc, assets: ['ETH', 'stETH'], vols: [0.1, 0.1], correlation: [[1, 1], [1, 1]] }).result;
    expect(pd.ok ? '' : pd.error.message).toContain('not positive definite');
  });
});
