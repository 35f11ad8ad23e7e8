import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREATED_AT, DEMO, demoResults, demoScenario, demoWorkspace } from '../test/helpers/project-fixture';
import { inProcessEngine } from '../test/helpers/in-process-engine';
import type { EngineError, InputFile, Requests } from './protocol';
import { restoredRun } from './serve-project';
import { summarize } from './results/summary';
import type { Result } from './util/result';

const engine = inProcessEngine;

const demoFiles = (): InputFile[] =>
  ['assets', 'nodes', 'oracles', 'feeds', 'positions', 'perps', 'holdings', 'obligations', 'backing'].map((t) => ({
    name: `${t}.csv`,
    bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', `${t}.csv`))),
  }));

function value<T>(r: Result<T, EngineError>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

const flash = demoScenario('flash-crash.json');
const scenarios = [
  { name: 'Flash crash', scenario: flash },
  { name: 'Oracle attack', scenario: demoScenario('oracle-attack.json') },
];
const viewState = { tab: 'losses', step: 3 };

let saved: Uint8Array;
let original: Requests['sim.run']['result'];
let author: ReturnType<typeof engine>;

beforeAll(async () => {
  author = engine();
  value(await author.request('workspace.import', { files: demoFiles() }));
  original = value(await author.request('sim.run', { runId: 'r1', scenario: flash }));
  const out = value(await author.request('project.save', { createdAt: CREATED_AT, scenarios, run: { runId: 'r1', scenario: flash }, viewState }));
  saved = out.bytes;
  expect(out.meta).toEqual({ formatVersion: 1, engineVersion: '0.1.0', createdAt: CREATED_AT, openAs: 'editor', encrypted: false, bytes: saved.length });
});

describe('project.save and project.open through the protocol', () => {
  it('sends the file bytes as a copy: the engine never transfers a buffer out of its thread (a detach slows its typed arrays for good)', () => {
    expect(saved.length).toBeGreaterThan(1000);
    expect(author.transferred).toEqual([]);
  });

  it('opens in a fresh engine with the results kept as a run: summary, pages and loss graph answer at once', async () => {
    const viewer = engine();
    const opened = value(await viewer.request('project.open', { bytes: saved.slice(), runId: 'p1' }));
    expect(opened.meta).toMatchObject({ formatVersion: 1, createdAt: CREATED_AT, openAs: 'editor', encrypted: false });
    expect(opened.scenarios).toEqual(scenarios);
    expect(opened.viewState).toEqual(viewState);
    expect(opened.runScenario?.name).toBe('Flash crash: ETH -30%, stale oracle, Bitnova outage');
    expect(opened.run).toEqual({ ...original, runId: 'p1' });
    expect(value(await viewer.request('workspace.info', {}))?.counts).toEqual(opened.workspace.counts);

    expect(value(await viewer.request('results.summary', { runId: 'p1' })).summary).toEqual(original.summary);
    const page = value(await viewer.request('results.table', { runId: 'p1', table: 'liquidations', offset: 0, limit: 5 }));
    const fromAuthor = value(await author.request('results.table', { runId: 'r1', table: 'liquidations', offset: 0, limit: 5 }));
    expect(page.totalRows).toBe(original.rowCounts.liquidations);
    expect(tableFromIPC(page.ipc).toArray().map((r) => r.toJSON())).toEqual(tableFromIPC(fromAuthor.ipc).toArray().map((r) => r.toJSON()));
    const step1 = value(await viewer.request('results.lossGraph', { runId: 'p1', step: 1 }));
    const step1Author = value(await author.request('results.lossGraph', { runId: 'r1', step: 1 }));
    expect(tableFromIPC(step1.ipc).numRows).toBe(tableFromIPC(step1Author.ipc).numRows);
    expect(step1.offset).toBe(step1Author.offset);
  });

  it('saves an opened project again with its restored results (Save As of a viewer copy)', async () => {
    const viewer = engine();
    const opened = value(await viewer.request('project.open', { bytes: saved.slice(), runId: 'p1' }));
    const again = value(
      await viewer.request('project.save', { createdAt: CREATED_AT, scenarios: opened.scenarios, run: { runId: 'p1', scenario: opened.runScenario?.scenario }, viewState, openAs: 'viewer' }),
    );
    const third = engine();
    const reopened = value(await third.request('project.open', { bytes: again.bytes, runId: 'x' }));
    expect(reopened.meta.openAs).toBe('viewer');
    expect(reopened.run?.summary).toEqual(original.summary);
  });

  it('stores an autosave uncompressed (fast) and compresses a save; both open', async () => {
    const method = (zip: Uint8Array): number => new DataView(zip.buffer, zip.byteOffset).getUint16(8, true);
    const auto = value(await author.request('project.save', { createdAt: CREATED_AT, scenarios, run: null, viewState, autosave: true }));
    const save = value(await author.request('project.save', { createdAt: CREATED_AT, scenarios, run: null, viewState }));
    expect([method(auto.bytes), method(save.bytes)]).toEqual([0, 8]);
    expect(auto.bytes.length).toBeGreaterThan(save.bytes.length);
    expect((await engine().request('project.open', { bytes: auto.bytes, runId: 'a' })).ok).toBe(true);
  });

  it('seals and opens with a passphrase, and says when it is missing or wrong', async () => {
    const sealed = value(await author.request('project.save', { createdAt: CREATED_AT, scenarios: [], run: null, viewState: null, passphrase: 'treasury-2026!' }));
    expect(sealed.meta.encrypted).toBe(true);
    const viewer = engine();
    expect(await viewer.request('project.open', { bytes: sealed.bytes.slice(), runId: 'a' })).toMatchObject({ ok: false, error: { kind: 'passphrase-required' } });
    expect(await viewer.request('project.open', { bytes: sealed.bytes.slice(), runId: 'a', passphrase: 'treasury-2025!' })).toEqual({
      ok: false,
      error: { kind: 'wrong-passphrase', message: 'The passphrase is wrong.' },
    });
    const opened = value(await viewer.request('project.open', { bytes: sealed.bytes, runId: 'a', passphrase: 'treasury-2026!' }));
    expect(opened).toMatchObject({ run: null, runScenario: null, meta: { encrypted: true } });
  });

  it('changes nothing when a project does not open, and names the damage', async () => {
    const viewer = engine();
    value(await viewer.request('workspace.import', { files: demoFiles().filter((f) => ['assets.csv', 'nodes.csv'].includes(f.name)) }));
    const cut = saved.slice(0, saved.length - 100);
    const r = await viewer.request('project.open', { bytes: cut, runId: 'p' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-project', problem: 'truncated', entry: null } });
    expect(value(await viewer.request('workspace.info', {}))?.counts).toEqual({ assets: 8, nodes: 41 });
    expect(await viewer.request('results.summary', { runId: 'p' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses to save without a workspace, a run of another workspace, or a scenario that is not the run’s', async () => {
    const empty = engine();
    expect(await empty.request('project.save', { createdAt: CREATED_AT, scenarios: [], run: null, viewState: null })).toMatchObject({ ok: false, error: { kind: 'no-workspace' } });
    expect(await author.request('project.save', { createdAt: CREATED_AT, scenarios: [], run: { runId: 'r1', scenario: demoScenario('oracle-attack.json') }, viewState: null })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', message: 'The scenario given is not the one run r1 was run from.' },
    });
    expect(await author.request('project.save', { createdAt: CREATED_AT, scenarios: [], run: { runId: 'gone', scenario: flash }, viewState: null })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const other = engine();
    value(await other.request('workspace.import', { files: demoFiles() }));
    value(await other.request('sim.run', { runId: 'old', scenario: flash }));
    value(await other.request('workspace.import', { files: demoFiles() }));
    expect(await other.request('project.save', { createdAt: CREATED_AT, scenarios: [], run: { runId: 'old', scenario: flash }, viewState: null })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', message: expect.stringContaining('another workspace') },
    });
    expect(await author.request('project.save', { createdAt: 'now', scenarios: [], run: null, viewState: null })).toMatchObject({ ok: false, error: { kind: 'invalid-project', problem: 'invalid-input' } });
  });
});

describe('a restored run', () => {
  it('re-creates its simulation on first use, from the saved scenario, only when it reproduces the summary', async () => {
    const ow = await demoWorkspace();
    const saved = await demoResults(ow);
    const result = { runId: 'p', summary: saved.summary, stamp: saved.stamp, runMs: 1, rowCounts: { prices: 0, venues: 0, nodes: 0, losses: 0, liquidations: 0, oracles: 0 } };
    const rec = restoredRun(result, saved, ow);
    expect(rec.tables).toBe(saved.tables);
    expect(summarize(rec.sim)).toEqual(saved.summary);
    expect(rec.sim).toBe(rec.sim);
    const altered = restoredRun({ ...result, summary: { ...saved.summary, total_loss_usd: 1 }, stamp: { ...saved.stamp, engine_version: '0.0.9' } }, saved, ow);
    expect(() => altered.sim).toThrow('computed by engine 0.0.9; engine 0.1.0 gives different numbers');
    // Sums added in another order (an engine that numbers positions otherwise) still replay.
    const rounded = restoredRun({ ...result, summary: { ...saved.summary, total_loss_usd: saved.summary.total_loss_usd * (1 + 1e-14) } }, saved, ow);
    expect(summarize(rounded.sim).steps_run).toBe(saved.summary.steps_run);
  });
});
