import { describe, expect, it, vi } from 'vitest';
import type { RunResult } from '../../engine/protocol';
import type { EngineClient } from '../engine-client';
import { docFromJson } from '../scenario/draft';
import { createAppStore } from '../store/store';
import { makeReport } from './report-flow';

const doc = docFromJson({ name: 'Crash', steps: 5, events: [{ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 }, { type: 'venue_outage', venue: 'v', from: 0, to: 1 }] }, 'x');
const result = { runId: 'run-1', summary: { scenario: 'Crash', nodes: {} }, stamp: { engine_version: '0.1.0', workspace_hash: 'a', scenario_hash: 'b' }, runMs: 1, rowCounts: {} } as unknown as RunResult;

function setup() {
  const store = createAppStore();
  store.getState().runStarted('run-1', 's1');
  const request = vi.fn().mockResolvedValue({ ok: true, value: { format: 1, runId: 'run-1', scenario: { name: 'Crash', description: '', steps: 5 } } });
  const ctx = { engine: { request } as unknown as EngineClient, store, now: () => Date.parse('2026-11-30T10:05:00Z') };
  return { store, request, ctx };
}

describe('makeReport', () => {
  it('asks for the report of the run shown with the exact scenario it was run from, stamped with the time', async () => {
    const { store, request, ctx } = setup();
    store.getState().runFinished(result, doc, null, Date.parse('2026-11-30T10:04:00Z'));
    const made = await makeReport(ctx);
    expect(request).toHaveBeenCalledWith('results.report', { runId: 'run-1', scenario: expect.objectContaining({ name: 'Crash', steps: 5 }) });
    const sent = request.mock.calls[0]?.[1] as { scenario: { events: unknown[] } };
    expect(sent.scenario.events).toEqual([
      { type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 },
      { type: 'venue_outage', venue: 'v', from: 0, to: 1 },
    ]);
    expect(made).toMatchObject({ ok: true, doc: { generatedAt: '2026-11-30T10:05:00.000Z', runFinishedAt: '2026-11-30T10:04:00.000Z', data: { runId: 'run-1' } } });
  });

  it('sends the shock slider’s variant when the run was one', async () => {
    const { store, request, ctx } = setup();
    store.getState().runFinished(result, doc, { asset: 'ETH', change: -0.5 }, 0);
    await makeReport(ctx);
    const sent = request.mock.calls[0]?.[1] as { scenario: { events: { type: string; change?: number }[] } };
    expect(sent.scenario.events.filter((e) => e.type === 'price_shock')).toEqual([{ type: 'price_shock', asset: 'ETH', change: -0.5, at: 0 }]);
  });

  it('titles a quick-shock run’s report as the variant it is', async () => {
    const { store, request, ctx } = setup();
    request.mockResolvedValue({ ok: true, value: { format: 1, runId: 'run-1', scenario: { name: 'Crash', description: 'ETH gaps down 30%.', steps: 5 } } });
    store.getState().runFinished(result, doc, { asset: 'ETH', change: 0.5 }, 0);
    const made = await makeReport(ctx);
    expect(made.ok && made.doc.data.scenario).toEqual({
      name: 'Crash — quick shock: ETH +50.0% at step 0',
      description: 'A variant of the scenario: the quick-shock slider set the step-0 shock of ETH to 50.0% (the events list it). As saved: ETH gaps down 30%.',
      steps: 5,
    });
    store.getState().runFinished(result, doc, null, 0);
    const plain = await makeReport(ctx);
    expect(plain.ok && plain.doc.data.scenario.name).toBe('Crash');
  });

  it('says what is missing instead of asking', async () => {
    const { request, ctx } = setup();
    expect(await makeReport(ctx)).toEqual({ ok: false, message: 'Run a scenario first: a report shows the results of a run.' });
    expect(request).not.toHaveBeenCalled();
  });
});
