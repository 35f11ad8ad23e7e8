import { tableFromIPC } from 'apache-arrow';
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspaceFiles } from '../engine/generate/workspace';
import { WorkerClient } from '../engine/node/worker-client';
import { openWorkspace } from '../engine/open-workspace';
import { resultTables } from '../engine/results/tables';
import { validateScenario } from '../engine/scenario/validate';
import { runScenario } from '../engine/sim/run';
import { importWorkspace } from '../engine/workspace/import';

// The engine worker with its loss-graph helper thread (dist/node/loss-thread.mjs beside
// worker.mjs), as the CLI and the bench run it: the graph is built on the helper while the
// steps run, and is the graph a run on one thread builds.

let client: WorkerClient;
const { files, scenario } = generateWorkspaceFiles({ positions: 20_000, seed: 11 });

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-losses-'));
  const common = { bundle: true, platform: 'node' as const, format: 'esm' as const, logLevel: 'error' as const };
  await build({ ...common, entryPoints: [join(__dirname, '..', 'engine', 'node', 'worker-entry.ts')], outfile: join(dir, 'worker.mjs') });
  await build({ ...common, entryPoints: [join(__dirname, '..', 'engine', 'node', 'loss-thread-entry.ts')], outfile: join(dir, 'loss-thread.mjs') });
  client = WorkerClient.start(join(dir, 'worker.mjs'));
}, 60_000);

afterAll(async () => {
  await client.terminate();
});

describe('runs in the engine worker with its loss-graph helper', () => {
  it('build the loss graph on the helper, equal to the one built on one thread, run after run', async () => {
    const imported = importWorkspace(files.map((f) => ({ name: f.name, bytes: f.bytes.slice() })));
    if (!imported.ok) throw new Error('the generated workspace does not import');
    const ow = await openWorkspace(imported.value);
    const v = validateScenario(scenario, ow.ids);
    if (!v.ok) throw new Error('invalid scenario');
    const here = runScenario(ow.cw, v.value);
    const expected = resultTables(here.sim).losses.toArray().map((r) => JSON.stringify(r));
    expect(expected.length).toBeGreaterThan(1000);

    const r = await client.request('workspace.import', { files: files.map((f) => ({ name: f.name, bytes: f.bytes.slice() })) });
    if (!r.ok) throw new Error(r.error.message);
    // A run made while the helper still warms up is built on the worker's thread: the same graph.
    let helped = 0;
    for (let k = 0; k < 60 && helped < 2; k++) {
      const runId = `run-${k}`;
      const run = await client.request('sim.run', { runId, scenario });
      if (!run.ok) throw new Error(run.error.message);
      expect(run.value.summary).toEqual(here.summary);
      const page = await client.request('results.lossGraph', { runId, step: null });
      if (!page.ok) throw new Error(page.error.message);
      expect(tableFromIPC(page.value.ipc).toArray().map((x) => JSON.stringify(x))).toEqual(expected);
      if (run.value.lossesOnHelper) helped++;
      else await new Promise((r) => setTimeout(r, 250));
    }
    expect(helped).toBe(2);
  }, 60_000);
});
