import { describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { Method, RunResult } from '../engine/protocol';
import type { HostApi, HostFile } from '../main/host-api';
import type { EngineClient, EngineResult } from './engine-client';
import { isScenarioFile, openAndRun, runDemo } from './run-workspace';
import { createRunSlice, type RunSlice } from './store/run-slice';

const text = (name: string, body: string): HostFile => ({ name, bytes: new TextEncoder().encode(body) });
const scenario = text('flash-crash.json', JSON.stringify({ name: 'Flash crash', steps: 10, events: [] }));

const result = {
  runId: 'run-1',
  summary: { scenario: 'Flash crash', steps_run: 10, total_liquidated_usd: 5 },
  stamp: { engine_version: '0.1.0', workspace_hash: 'a', scenario_hash: 'b' },
  runMs: 12,
  rowCounts: {},
} as unknown as RunResult;

type Answers = Partial<{ [M in Method]: EngineResult<M> }>;

function fakeEngine(answers: Answers = {}) {
  const calls: { method: Method; args: unknown; transfer?: ArrayBuffer[] }[] = [];
  let progress: ((data: { runId: string; step: number; steps: number; liquidations: number; defaults: number }) => void) | null = null;
  const defaults: Answers = {
    'engine.hello': { ok: true, value: { protocolVersion: 1, engineVersion: '0.1.0' } },
    'workspace.import': { ok: true, value: { counts: { assets: 1 }, warnings: [], hash: 'h' } },
    'sim.run': { ok: true, value: result },
  };
  const engine = {
    request: vi.fn(async (method: Method, args: unknown, transfer?: ArrayBuffer[]) => {
      calls.push({ method, args, transfer });
      if (method === 'sim.run') progress?.({ runId: (args as { runId: string }).runId, step: 4, steps: 10, liquidations: 3, defaults: 1 });
      return answers[method] ?? defaults[method];
    }),
    on: vi.fn((_event: string, listener: typeof progress) => {
      progress = listener;
      return () => (progress = null);
    }),
    close: vi.fn(),
  };
  return { engine: engine as unknown as EngineClient, calls, subscribed: () => progress !== null };
}

function fakeHost(overrides: Partial<HostApi> = {}): HostApi {
  return {
    readDemo: async () => ({ ok: true, value: { workspace: [text('assets.csv', 'asset\nBTC\n')], scenarios: [text('other.json', '{}'), scenario] } }),
    openFiles: async () => ({ ok: true, value: [] }),
    saveFile: async () => ({ ok: true, value: { saved: false, path: null } }),
    appInfo: async () => ({ ok: false, error: { kind: 'unavailable', message: 'n/a' } }),
    onMenuCommand: () => () => undefined,
    ...overrides,
  };
}

const newStore = () => create<RunSlice>()(createRunSlice);

describe('runDemo', () => {
  it('imports the demo workspace, runs flash-crash and keeps the result', async () => {
    const store = newStore();
    const seen: string[] = [];
    store.subscribe((s) => seen.push(s.phase));
    const { engine, calls, subscribed } = fakeEngine();
    await runDemo(fakeHost(), engine, store.getState());
    expect(calls.map((c) => c.method)).toEqual(['engine.hello', 'workspace.import', 'sim.run']);
    expect(calls[1]?.transfer?.length).toBe(1);
    expect(calls[2]?.args).toEqual({ runId: expect.stringMatching(/^run-\d+$/), scenario: { name: 'Flash crash', steps: 10, events: [] } });
    expect(store.getState()).toMatchObject({ phase: 'done', label: 'Flash crash — demo workspace', result, error: null, progress: { step: 4, steps: 10 } });
    expect(seen).toEqual(expect.arrayContaining(['loading', 'importing', 'running', 'done']));
    expect(subscribed()).toBe(false);
  });

  it('shows a readable message when the workspace is invalid', async () => {
    const store = newStore();
    const { engine } = fakeEngine({
      'workspace.import': {
        ok: false,
        error: { kind: 'invalid-workspace', message: 'The workspace has 1 error.', total: 1, problems: [{ table: 'assets', row: 2, column: 'price_usd', value: 'x', rule: 'must be a number', severity: 'error' }] },
      },
    });
    await runDemo(fakeHost(), engine, store.getState());
    expect(store.getState()).toMatchObject({ phase: 'failed', result: null });
    expect(store.getState().error).toBe('The workspace has 1 error.\n• assets, row 2, column price_usd: must be a number (value "x")');
  });

  it('names a missing demo, a bad scenario file and a protocol mismatch', async () => {
    const cases: [HostApi, ReturnType<typeof fakeEngine>, string][] = [
      [fakeHost({ readDemo: async () => ({ ok: false, error: { kind: 'not-found', message: 'The demo is missing from this build.' } }) }), fakeEngine(), 'The demo is missing from this build.'],
      [fakeHost({ readDemo: async () => ({ ok: true, value: { workspace: [], scenarios: [text('flash-crash.json', '{oops')] } }) }), fakeEngine(), 'The scenario "flash-crash.json" is not valid JSON.'],
      [fakeHost(), fakeEngine({ 'engine.hello': { ok: true, value: { protocolVersion: 99, engineVersion: 'x' } } }), 'This window speaks protocol 1 but the engine speaks 99; rebuild the app.'],
    ];
    for (const [host, { engine }, message] of cases) {
      const store = newStore();
      await runDemo(host, engine, store.getState());
      expect(store.getState()).toMatchObject({ phase: 'failed', error: message });
    }
  });

  it('turns an unexpected exception into a message', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const store = newStore();
    await runDemo(fakeHost({ readDemo: () => Promise.reject(new Error('kaboom\n at x')) }), fakeEngine().engine, store.getState());
    expect(store.getState().error).toBe('Something went wrong while running the scenario. Reload the window and try again.');
    quiet.mockRestore();
  });
});

describe('openAndRun', () => {
  it('runs the chosen tables with a chosen scenario, or the demo scenario', async () => {
    const chosen = [text('positions.csv', 'a\n'), text('my-scenario.json', JSON.stringify({ name: 'Mine', events: [] }))];
    const { engine, calls } = fakeEngine();
    const store = newStore();
    await openAndRun(fakeHost({ openFiles: async () => ({ ok: true, value: chosen }) }), engine, store.getState());
    expect(calls.find((c) => c.method === 'workspace.import')?.args).toEqual({ files: [{ name: 'positions.csv', bytes: expect.any(Uint8Array) }] });
    expect(store.getState().label).toBe('Mine — positions.csv');

    const second = fakeEngine();
    await openAndRun(fakeHost({ openFiles: async () => ({ ok: true, value: [text('positions.csv', 'a\n')] }) }), second.engine, store.getState());
    expect(store.getState().label).toBe('Flash crash — positions.csv');
  });

  it('does nothing when the user cancels', async () => {
    const { engine, calls } = fakeEngine();
    const store = newStore();
    await openAndRun(fakeHost(), engine, store.getState());
    expect(calls).toEqual([]);
    expect(store.getState().phase).toBe('idle');
  });

  it('tells a scenario from a JSON table', () => {
    expect(isScenarioFile(scenario)).toBe(true);
    expect(isScenarioFile(text('nodes.json', '[{"node":"A"}]'))).toBe(false);
    expect(isScenarioFile(text('s.csv', '{"events":[]}'))).toBe(false);
  });
});
