import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../engine/node/generate';
import { readWorkspaceFolder } from '../engine/node/read-folder';
import { WorkerClient } from '../engine/node/worker-client';
import { openWorkspace } from '../engine/open-workspace';
import type { InputFile } from '../engine/protocol';
import { SPLIT_MIN_BYTES } from '../engine/workspace/csv-part';
import { importWorkspace } from '../engine/workspace/import';

// The engine worker with its CSV helper thread (dist/node/csv-part.mjs beside worker.mjs), as the
// CLI and the bench run it: a file over the split size is read in two parts, on two threads.

let client: WorkerClient;
let files: InputFile[];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-parts-'));
  const common = { bundle: true, platform: 'node' as const, format: 'esm' as const, logLevel: 'error' as const };
  await build({ ...common, entryPoints: [join(__dirname, '..', 'engine', 'node', 'worker-entry.ts')], outfile: join(dir, 'worker.mjs') });
  await build({ ...common, entryPoints: [join(__dirname, '..', 'engine', 'node', 'csv-part-entry.ts')], outfile: join(dir, 'csv-part.mjs') });
  const ws = join(dir, 'ws');
  // ~35 MB of CSV: over the size from which the worker shares a workspace's files with its helper.
  const generated = generateWorkspace(ws, { positions: 480_000, seed: 3 });
  if (!generated.ok) throw new Error(generated.error);
  files = await readWorkspaceFolder(ws);
  // The helper whatever this machine's processors (the app shares files from four on).
  client = WorkerClient.start(join(dir, 'worker.mjs'), { csvHelper: 'always' });
}, 60_000);

afterAll(async () => {
  await client.terminate();
});

const copy = (): InputFile[] => files.map((f) => ({ name: f.name, bytes: f.bytes.slice() }));

/** As the import dialog does: a preview of the files (it starts the helper), a moment to read it (ample, for a loaded CI machine). */
async function preview(of: InputFile[]): Promise<void> {
  const p = await client.request('workspace.preview', { files: of });
  if (!p.ok) throw new Error(p.error.message);
  await new Promise((r) => setTimeout(r, 3000));
}

describe('importing large CSV files with the helper thread', () => {
  it('imports the workspace the one-thread import reads, hash for hash, every time', async () => {
    const positions = files.find((f) => f.name === 'positions.csv');
    expect(files.reduce((n, f) => n + f.bytes.length, 0)).toBeGreaterThan(SPLIT_MIN_BYTES);
    expect(positions?.bytes.length).toBeGreaterThan(20 << 20);
    const local = importWorkspace(copy());
    if (!local.ok) throw new Error('the generated workspace does not import');
    const expected = await openWorkspace(local.value);
    const steps: string[] = [];
    const off = client.on('workspace.progress', (p) => p.helper === 'shared' && steps.push(p.step));
    // Each import after a preview reads part of the positions (and the perps) on the helper.
    for (let i = 0; i < 3; i++) {
      await preview(files);
      const r = await client.request('workspace.import', { files: copy() });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.hash).toBe(expected.info.hash);
      expect(r.value.counts).toEqual(expected.info.counts);
    }
    off();
    expect(steps.filter((s) => s === 'positions.csv (part of it on a helper thread)').length).toBe(3);
    expect(steps.filter((s) => s === 'perps.csv (part of it on a helper thread)').length).toBe(3);
    // Without a preview the import reads alone (the helper went with the last import).
    steps.length = 0;
    const alone = await client.request('workspace.import', { files: copy() });
    expect(alone.ok && alone.value.hash).toBe(expected.info.hash);
    expect(steps).toEqual([]);
  }, 60_000);

  it('reports a broken row of the second part where the one-thread import finds it', async () => {
    const broken = copy().map((f) => {
      if (f.name !== 'positions.csv') return f;
      const text = new TextDecoder().decode(f.bytes);
      const lines = text.split('\n');
      const at = Math.floor(lines.length * 0.8);
      lines[at] = (lines[at] as string).replace(/,[^,]*$/, ',1.5');
      return { name: f.name, bytes: new TextEncoder().encode(lines.join('\n')) };
    });
    const local = importWorkspace(broken.map((f) => ({ ...f, bytes: f.bytes.slice() })));
    expect(local.ok).toBe(false);
    await preview(broken);
    const r = await client.request('workspace.import', { files: broken });
    expect(r.ok).toBe(false);
    if (r.ok || local.ok || r.error.kind !== 'invalid-workspace') throw new Error('expected the import to be refused for its problems');
    expect(r.error.problems).toEqual(local.error.problems);
    expect(local.error.problems[0]?.row).toBeGreaterThan(250_000);
  }, 60_000);
});
