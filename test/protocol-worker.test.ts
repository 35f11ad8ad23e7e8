import { tableFromIPC } from 'apache-arrow';
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerClient } from '../engine/node/worker-client';
import { PROTOCOL_VERSION, type InputFile } from '../engine/protocol';

// The engine behind the real protocol in a real worker thread (the same serve() the browser runs).

const caseDir = join(__dirname, 'cases', 'single-long');
const files = (dir: string): InputFile[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));

let client: WorkerClient;

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'firebreak-worker-')), 'worker.mjs');
  await build({
    entryPoints: [join(__dirname, '..', 'engine', 'node', 'worker-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'error',
  });
  client = WorkerClient.start(out);
});

afterAll(async () => {
  await client.terminate();
});

describe('the engine worker protocol', () => {
  it('says hello with its protocol version', async () => {
    const r = await client.request('engine.hello', {});
    expect(r).toMatchObject({ ok: true, value: { protocolVersion: PROTOCOL_VERSION } });
  });

  it('refuses to run before a workspace is imported', async () => {
    const r = await client.request('sim.run', { runId: 'early', scenario: { steps: 5 } });
    expect(r.ok ? null : r.error.kind).toBe('no-workspace');
  });

  it('imports a workspace, runs a scenario with progress, and pages Arrow results', async () => {
    const imported = await client.request('workspace.import', { files: files(caseDir) });
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.counts).toEqual({ assets: 1, nodes: 2, positions: 1 });
    expect(imported.value.hash).toMatch(/^[0-9a-f]{64}$/);

    const progress: number[] = [];
    const off = client.on('sim.progress', (p) => progress.push(p.step));
    const scenario = JSON.parse(readFileSync(join(caseDir, 'scenario.json'), 'utf8')) as unknown;
    const run = await client.request('sim.run', { runId: 'r1', scenario });
    off();
    if (!run.ok) throw new Error(run.error.message);
    const expected = JSON.parse(readFileSync(join(caseDir, 'expected.json'), 'utf8')) as { total_liquidated_usd: number; steps_run: number };
    expect(run.value.summary.total_liquidated_usd).toBe(expected.total_liquidated_usd);
    expect(run.value.summary.steps_run).toBe(expected.steps_run);
    expect(run.value.stamp.workspace_hash).toBe(imported.value.hash);
    expect(progress.at(-1)).toBe(expected.steps_run - 1);

    const page = await client.request('results.table', { runId: 'r1', table: 'liquidations', offset: 2, limit: 3 });
    if (!page.ok) throw new Error(page.error.message);
    const t = tableFromIPC(page.value.ipc);
    expect(page.value.totalRows).toBe(6);
    expect(t.numRows).toBe(3);
    expect(Array.from(t.getChild('repaid_usd')?.toArray() as Float64Array)).toEqual([18_750, 9_375, 4_687.5]);

    const losses = await client.request('results.lossGraph', { runId: 'r1', step: 0 });
    if (!losses.ok) throw new Error(losses.error.message);
    const steps = tableFromIPC(losses.value.ipc).getChild('step')?.toArray() as Int32Array;
    expect(steps.length).toBeGreaterThan(0);
    expect(Array.from(steps).every((s) => s === 0)).toBe(true);
  });

  it('rejects a bad file after a good import and keeps the workspace that was loaded', async () => {
    const before = await client.request('workspace.info', {});
    const bad = files(caseDir).map((f) =>
      f.name === 'positions.csv' ? { name: f.name, bytes: new TextEncoder().encode('id,owner,venue,collateral_asset,collateral_amount,debt_asset,debt_amount,liquidation_threshold\np1,fund,lend,ETH,-5,USD,100,0.8\n') } : f,
    );
    const r = await client.request('workspace.import', { files: bad });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('invalid-workspace');
    if (r.error.kind !== 'invalid-workspace') return;
    expect(r.error.problems).toContainEqual(expect.objectContaining({ table: 'positions', row: 2, column: 'collateral_amount', value: '-5', severity: 'error' }));
    const after = await client.request('workspace.info', {});
    expect(after).toEqual(before);
  });

  it('names the event and field of an invalid scenario', async () => {
    const r = await client.request('sim.run', { runId: 'bad', scenario: { steps: 5, events: [{ type: 'price_shock', asset: 'NOPE', change: -0.1, at: 0 }] } });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== 'invalid-scenario') throw new Error('expected invalid-scenario');
    expect(r.error.problems).toEqual([{ index: 0, field: 'asset', message: 'names an unknown asset: "NOPE"' }]);
  });

  it('cancels a long run', async () => {
    // An event at the last step keeps the run from stopping early: 100 000 steps.
    const scenario = { steps: 100_000, events: [{ type: 'price_shock', asset: 'ETH', change: -0.2, at: 0 }, { type: 'depth_change', asset: 'ETH', factor: 1, at: 99_999 }] };
    const running = client.request('sim.run', { runId: 'long', scenario });
    await new Promise((r) => setTimeout(r, 50));
    const cancel = await client.request('sim.cancel', { runId: 'long' });
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    const r = await running;
    expect(r.ok ? 'finished' : r.error.kind).toBe('cancelled');
  });
});
