import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeEach, describe, expect, it } from 'vitest';
import { inProcessEngine } from '../test/helpers/in-process-engine';
import type { RunResult } from './protocol';
import type { RunSummary } from './results/summary-types';

const DEMO = join(__dirname, '..', 'assets', 'demo');
const files = readdirSync(join(DEMO, 'workspace')).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, 'workspace', name))) }));
const scenario = JSON.parse(readFileSync(join(DEMO, 'scenarios', 'flash-crash.json'), 'utf8')) as unknown;

type Engine = ReturnType<typeof inProcessEngine>;

async function must<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const withoutPaths = (s: RunSummary): RunSummary => ({ ...s, nodes: Object.fromEntries(Object.entries(s.nodes).map(([id, n]) => [id, { ...n, path: [] }])) });

async function tableRows(e: Engine, runId: string, table: 'losses' | 'liquidations') {
  const page = await must(e.request('results.table', { runId, table, offset: 0, limit: 100_000 }));
  return tableFromIPC(page.ipc).toArray().map((r) => JSON.stringify(r));
}

describe('preview runs (sim.run with preview) and sim.complete', () => {
  let e: Engine;
  let full: RunResult;
  beforeEach(async () => {
    e = inProcessEngine();
    await must(e.request('workspace.import', { files }));
    full = await must(e.request('sim.run', { runId: 'full', scenario }));
  });

  it('a preview has every number of the full run but no paths and no loss rows; its charts are the same', async () => {
    const preview = await must(e.request('sim.run', { runId: 'p', scenario, preview: true }));
    expect(preview.preview).toBe(true);
    expect(full.preview).toBeUndefined();
    expect(Object.values(full.summary.nodes).some((n) => n.path.length > 0)).toBe(true);
    expect(Object.values(preview.summary.nodes).every((n) => n.path.length === 0)).toBe(true);
    expect(preview.summary).toEqual(withoutPaths(full.summary));
    expect(preview.rowCounts).toEqual({ ...full.rowCounts, losses: 0 });
    expect(full.rowCounts.losses).toBeGreaterThan(0);
    const [a, b] = await Promise.all([must(e.request('view.runCharts', { runId: 'p' })), must(e.request('view.runCharts', { runId: 'full' }))]);
    expect({ ...a, runId: 'x' }).toEqual({ ...b, runId: 'x' });
  });

  it('sim.complete gives exactly the full run: summary with its paths, row counts, loss graph', async () => {
    await must(e.request('sim.run', { runId: 'p', scenario, preview: true }));
    const done = await must(e.request('sim.complete', { runId: 'p' }));
    expect(done.preview).toBe(false);
    expect(done.summary).toEqual(full.summary);
    expect(done.rowCounts).toEqual(full.rowCounts);
    expect(done.stamp).toEqual(full.stamp);
    expect(await must(e.request('results.summary', { runId: 'p' }))).toEqual(done);
    expect(await tableRows(e, 'p', 'losses')).toEqual(await tableRows(e, 'full', 'losses'));
    // Completing a complete run changes nothing.
    expect(await must(e.request('sim.complete', { runId: 'full' }))).toEqual(full);
  });

  it('whatever needs the loss graph completes a preview first: tables, node series, paths', async () => {
    await must(e.request('sim.run', { runId: 'p', scenario, preview: true }));
    const [series, fullSeries] = await Promise.all([must(e.request('view.nodeSeries', { runId: 'p', node: 'orbit' })), must(e.request('view.nodeSeries', { runId: 'full', node: 'orbit' }))]);
    expect({ ...series, runId: 'x' }).toEqual({ ...fullSeries, runId: 'x' });
    expect((await must(e.request('results.summary', { runId: 'p' }))).summary).toEqual(full.summary);
    expect(await tableRows(e, 'p', 'liquidations')).toEqual(await tableRows(e, 'full', 'liquidations'));
  });

  it('the completion of a preview can be cancelled, and asked for again later', async () => {
    await must(e.request('sim.run', { runId: 'p', scenario, preview: true }));
    expect(await e.request('sim.cancel', { runId: 'p' })).toEqual({ ok: true, value: { cancelled: false } });
    const completing = e.request('sim.complete', { runId: 'p' });
    expect(await e.request('sim.cancel', { runId: 'p' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await completing).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect((await must(e.request('results.summary', { runId: 'p' }))).preview).toBe(true);
    expect((await must(e.request('sim.complete', { runId: 'p' }))).summary).toEqual(full.summary);
  });

  it('a kept run that is not completing is not cancelled, and unknown runs are not found', async () => {
    expect(await e.request('sim.cancel', { runId: 'full' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await e.request('sim.complete', { runId: 'nope' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
