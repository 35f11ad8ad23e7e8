import { Table, makeVector, tableFromIPC, type Vector } from 'apache-arrow';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../engine/node/generate';
import { readWorkspaceFolder } from '../engine/node/read-folder';
import { WorkerClient } from '../engine/node/worker-client';
import type { InputFile, WorkspaceInfo, WorkspaceProgress } from '../engine/protocol';
import { importWorkspace } from '../engine/workspace/import';
import type { Workspace } from '../engine/workspace/workspace';
import { asArrow, asJsonDocument, asParquet, asWorkbook } from './fixtures/workspaces/write-formats';

// workspace.preview / import / cancel / progress through a real worker, in every format.

const tmp = mkdtempSync(join(tmpdir(), 'firebreak-import-'));
let client: WorkerClient;
let demo: InputFile[];
let big: InputFile[];

const copy = (files: InputFile[]): InputFile[] => files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
const enc = new TextEncoder();

beforeAll(async () => {
  const out = join(tmp, 'worker.mjs');
  await build({ entryPoints: [join(__dirname, '..', 'engine', 'node', 'worker-entry.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  client = WorkerClient.start(out);
  demo = await readWorkspaceFolder(join(__dirname, '..', 'assets', 'demo', 'workspace'));
  const g = generateWorkspace(join(tmp, 'big'), { positions: 400_000, seed: 3 });
  if (!g.ok) throw new Error(g.error);
  big = (await readWorkspaceFolder(join(tmp, 'big'))).filter((f) => f.name.endsWith('.csv'));
});

afterAll(async () => {
  await client.terminate();
  rmSync(tmp, { recursive: true, force: true });
});

async function imported(files: InputFile[]): Promise<WorkspaceInfo> {
  const r = await client.request('workspace.import', { files: copy(files) });
  if (!r.ok) throw new Error(JSON.stringify(r.error).slice(0, 500));
  return r.value;
}

describe('workspace import through the protocol', () => {
  it('previews a file whose name is not a table: the table from its columns, a mapping, and the first rows as Arrow', async () => {
    const text = 'Position,Borrower,Protocol,Collateral,Collateral (ETH),Debt Asset,Borrowed,LTV\np1,fund,aave,ETH,100,USDC,150000,0.8\np2,fund,aave,ETH,10,USDC,1000,0.8\n';
    const r = await client.request('workspace.preview', { files: [{ name: 'export (3).csv', bytes: enc.encode(text) }] });
    if (!r.ok) throw new Error(r.error.message);
    const [s] = r.value.sources;
    expect(s).toMatchObject({ source: 'export (3).csv', format: 'csv', table: 'positions', tableFrom: 'columns', totalRows: null });
    expect(s?.suggestion?.mapping).toEqual({
      id: 'Position', owner: 'Borrower', venue: 'Protocol', collateral_asset: 'Collateral', collateral_amount: 'Collateral (ETH)',
      debt_asset: 'Debt Asset', debt_amount: 'Borrowed', liquidation_threshold: 'LTV',
    });
    const lt = s?.suggestion?.columns.find((c) => c.column === 'liquidation_threshold');
    expect(lt?.status).toBe('guessed');
    expect(lt?.reason).toMatch(/LTV usually means the loan-to-value limit/);
    const sample = tableFromIPC(s?.sample as Uint8Array);
    expect(sample.numRows).toBe(2);
    expect(sample.getChild('Collateral (ETH)')?.toArray()).toEqual(['100', '10']);
    expect(sample.getChild('_row')?.toArray()).toEqual(['2', '3']);
  });

  it('imports with a mapping, in every format, and keeps the workspace when a later file fails', async () => {
    const good = await imported(demo);
    const base = importWorkspace(demo);
    if (!base.ok) throw new Error('demo');
    const variants: [string, (ws: Workspace) => Promise<InputFile[]>][] = [
      ['json', async (ws) => [asJsonDocument(ws)]],
      ['arrow', async (ws) => asArrow(ws)],
      ['parquet', async (ws) => asParquet(ws)],
      ['xlsx', async (ws) => [await asWorkbook(ws)]],
    ];
    for (const [name, write] of variants) {
      const info = await imported(await write(base.value));
      expect({ name, hash: info.hash, counts: info.counts }).toEqual({ name, hash: good.hash, counts: good.counts });
      // The same format, broken: the first asset's price made negative.
      const r = await client.request('workspace.import', { files: await write(withFirstPrice(base.value, -1)) });
      expect({ name, kind: r.ok ? 'ok' : r.error.kind }).toEqual({ name, kind: 'invalid-workspace' });
      if (!r.ok && r.error.kind === 'invalid-workspace') {
        expect(r.error.problems).toContainEqual(expect.objectContaining({ table: 'assets', row: name === 'xlsx' ? 2 : 1, column: 'price', value: '-1', rule: 'must be > 0', severity: 'error' }));
      }
      const info2 = await client.request('workspace.info', {});
      expect(info2.ok && info2.value?.hash).toBe(good.hash);
    }
  });

  it('reports progress at most ten times a second, and a cancel stops the import and keeps the workspace', async () => {
    const before = await imported(demo);
    const events: WorkspaceProgress[] = [];
    const off = client.on('workspace.progress', (p) => events.push(p));
    const t0 = performance.now();
    const done = await client.request('workspace.import', { files: copy(big), importId: 'big-1' });
    const ms = performance.now() - t0;
    off();
    if (!done.ok) throw new Error(done.error.message);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.importId === 'big-1')).toBe(true);
    expect(events.length).toBeLessThanOrEqual(ms / 100 + 2);
    const fractions = events.map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));

    await imported(demo);
    let cancelAt = 0;
    const stop = client.on('workspace.progress', () => {
      if (cancelAt) return;
      cancelAt = performance.now();
      void client.request('workspace.cancel', { importId: 'big-2' });
    });
    const r = await client.request('workspace.import', { files: copy(big), importId: 'big-2' });
    const latency = performance.now() - cancelAt;
    stop();
    expect(r.ok ? 'ok' : r.error.kind).toBe('cancelled');
    // Not a timing test: a cancel that is only looked at the end would take seconds here.
    expect(latency).toBeLessThan(1000);
    const info = await client.request('workspace.info', {});
    expect(info.ok && info.value?.hash).toBe(before.hash);
  });

  it('refuses a request with a mapping of an unknown table', async () => {
    const r = await client.request('workspace.import', { files: copy(demo), mapping: { prices: { id: 'x' } } as never });
    expect(r.ok ? 'ok' : r.error.kind).toBe('invalid-request');
  });
});

/** The workspace with its first asset's price replaced. */
function withFirstPrice(ws: Workspace, price: number): Workspace {
  const assets = ws.tables.assets as Table;
  const prices = Float64Array.from(assets.getChild('price')?.toArray() as Float64Array);
  prices[0] = price;
  const cols: Record<string, Vector> = {};
  for (const f of assets.schema.fields) cols[f.name] = f.name === 'price' ? makeVector(prices) : (assets.getChild(f.name) as Vector);
  return { ...ws, tables: { ...ws.tables, assets: new Table(cols) } };
}
