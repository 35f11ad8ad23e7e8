import { describe, expect, it, vi } from 'vitest';
import type { Method, RunResult } from '../../engine/protocol';
import type { HostApi, HostFile } from '../../main/host-api';
import { PROTOCOL_VERSION, type EngineClient, type EngineResult } from '../engine-client';
import { docFromJson, type ScenarioDoc } from '../scenario/draft';
import { createAppStore } from '../store/store';
import type { AppContext } from './context';
import { COMPLETE_AFTER_MS, quickShockOf, runActive, runAndShow, withQuickShock } from './run-flow';
import { cancelImport, commitImport, openDemo, reviewFiles } from './workspace-flow';
import { keepComparedRuns, runForCompare } from '../compare/compare-flow';

const text = (name: string, body: string): HostFile => ({ name, bytes: new TextEncoder().encode(body) });
const crash = { name: 'Flash crash', steps: 10, events: [{ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 }] };

const result = (runId: string): RunResult =>
  ({
    runId,
    summary: { scenario: 'Flash crash', steps_run: 10, total_liquidated_usd: 5, nodes: {}, venues: {} },
    stamp: { engine_version: '0.1.0', workspace_hash: 'h', scenario_hash: 's' },
    runMs: 12,
    rowCounts: {},
  }) as unknown as RunResult;

type Answer = (args: Record<string, unknown>) => EngineResult<Method>;

function fakeEngine(answers: Partial<Record<Method, Answer>> = {}) {
  const calls: { method: Method; args: Record<string, unknown> }[] = [];
  const defaults: Partial<Record<Method, Answer>> = {
    'engine.hello': () => ({ ok: true, value: { protocolVersion: PROTOCOL_VERSION, engineVersion: '0.1.0' } }),
    'workspace.import': () => ({ ok: true, value: { counts: { assets: 1 }, warnings: [], hash: 'h' } }),
    'sim.run': (a) => ({ ok: true, value: result(a.runId as string) }),
    'view.runCharts': (a) => ({ ok: true, value: { runId: a.runId as string, scenario: 'Flash crash', stepsRun: 10, prices: [], liquidations: { names: [], values: [] }, liquidationCounts: { names: [], values: [] }, badDebt: [], defaults: [] } }),
    'view.overview': () => ({ ok: false, error: { kind: 'no-workspace', message: 'n/a' } }),
    'sim.cancel': () => ({ ok: true, value: { cancelled: true } }),
    'results.release': () => ({ ok: true, value: { released: true } }),
    'results.keep': (a) => ({ ok: true, value: { kept: a.runIds as string[] } }),
    'sim.complete': (a) => ({ ok: true, value: { ...result(a.runId as string), preview: false, runMs: 20 } }),
    'workspace.preview': () => ({
      ok: true,
      value: {
        sources: [
          {
            source: 'assets.csv',
            file: 'assets.csv',
            format: 'csv',
            table: 'assets',
            tableFrom: 'name',
            headers: ['id', 'Price (USD)'],
            sample: new Uint8Array(),
            totalRows: null,
            suggestion: { table: 'assets', columns: [], mapping: { id: 'id', price: 'Price (USD)' }, unused: [], complete: true, fitness: 1 },
            problems: [],
          },
        ],
        problems: [],
      },
    }),
  };
  const engine = {
    request: vi.fn(async (method: Method, args: Record<string, unknown>) => {
      calls.push({ method, args });
      const answer = answers[method] ?? defaults[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(args);
    }),
    on: vi.fn(() => () => undefined),
    close: vi.fn(),
  };
  return { engine: engine as unknown as EngineClient, calls };
}

function context(engine: EngineClient, host: Partial<HostApi> = {}): AppContext {
  const fullHost = {
    readDemo: async () => ({ ok: true, value: { workspace: [text('assets.csv', 'id,price\nETH,3000\n')], scenarios: [text('other.json', '{"name":"Other","events":[]}'), text('flash-crash.json', JSON.stringify(crash))] } }),
    openFiles: async () => ({ ok: true, value: [] }),
    onMenuCommand: () => () => undefined,
    ...host,
  } as unknown as HostApi;
  return { engine, host: fullHost, store: createAppStore(), now: () => 42 };
}

describe('openDemo', () => {
  it('imports the demo tables, keeps its scenarios, runs flash crash and fetches its charts', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    expect(calls.map((c) => c.method)).toEqual(['engine.hello', 'workspace.import', 'view.overview', 'sim.run', 'view.runCharts']);
    const s = ctx.store.getState();
    expect(s.scenarios.map((x) => x.doc.name)).toEqual(['Other', 'Flash crash']);
    expect(s.scenarios.find((x) => x.id === s.activeScenario)?.origin).toBe('demo/flash-crash.json');
    expect(calls[3]?.args).toEqual({ runId: expect.stringMatching(/^run-\d+$/), scenario: { name: 'Flash crash', description: '', steps: 10, events: crash.events, options: {} }, preview: false, keep: [] });
    expect(s).toMatchObject({ phase: 'done', view: 'results', workspaceSource: 'Demo workspace' });
    expect(s.charts?.runId).toBe(s.result?.runId);
    expect(s.history[0]?.finishedAt).toBe(42);
  });

  it('closes the open project first (its unsaved work settled), and does nothing when the user keeps it', async () => {
    const { engine, calls } = fakeEngine();
    const kept = { ...context(engine), leaveProject: vi.fn(async () => false) };
    kept.store.getState().setScenarios([{ doc: docFromJson(crash, 'Client what-if'), origin: 'project' }], 0);
    await openDemo(kept, 'flash-crash.json');
    expect(kept.leaveProject).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);
    expect(kept.store.getState().scenarios.map((x) => x.doc.name)).toEqual(['Flash crash']);
    const left = { ...context(engine), leaveProject: vi.fn(async () => true) };
    await openDemo(left);
    expect(left.store.getState().scenarios.map((x) => x.doc.name)).toEqual(['Other', 'Flash crash']);
    // At first launch there is nothing to close: the demo opens without asking.
    const boot = { ...context(engine), leaveProject: vi.fn(async () => false) };
    await openDemo(boot, undefined, true);
    expect(boot.leaveProject).not.toHaveBeenCalled();
  });

  it('names a protocol mismatch instead of running', async () => {
    const { engine } = fakeEngine({ 'engine.hello': () => ({ ok: true, value: { protocolVersion: 99, engineVersion: 'x' } }) });
    const ctx = context(engine);
    await openDemo(ctx);
    expect(ctx.store.getState().workspaceError).toBe(`This window speaks protocol ${PROTOCOL_VERSION} but the engine speaks 99; rebuild the app.`);
  });
});

describe('runActive', () => {
  it('reports a cancelled run as cancelled, keeping the last results', async () => {
    const { engine } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    const before = ctx.store.getState().result;
    const cancelling = fakeEngine({ 'sim.run': () => ({ ok: false, error: { kind: 'cancelled', message: 'Run cancelled at step 3.' } }) });
    await runActive({ ...ctx, engine: cancelling.engine });
    expect(ctx.store.getState()).toMatchObject({ phase: 'cancelled', result: before });
  });

  it('Run from the top bar shows a draft the engine refused in the editor instead of running it', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    const runs = () => calls.filter((c) => c.method === 'sim.run').length;
    const before = runs();
    const s = ctx.store.getState();
    const entry = s.scenarios.find((e) => e.id === s.activeScenario);
    s.checked(entry?.doc as ScenarioDoc, [{ index: 0, field: 'change', message: 'must be a number > −1, got -1.5' }]);
    await runAndShow(ctx);
    expect(runs()).toBe(before);
    expect(ctx.store.getState().view).toBe('scenario');
    ctx.store.getState().checked(entry?.doc as ScenarioDoc, []);
    await runAndShow(ctx);
    expect(runs()).toBe(before + 1);
    expect(ctx.store.getState().view).toBe('results');
  });

  it('asks the engine to keep the runs compared and the one shown, and forgets the runs the engine let go', async () => {
    let released: string[] = [];
    const { engine, calls } = fakeEngine({ 'sim.run': (a) => ({ ok: true, value: { ...result(a.runId as string), ...(released.length ? { released } : {}) } }) });
    let clock = 0;
    const ctx = { ...context(engine), now: () => ++clock };
    await openDemo(ctx);
    for (let k = 0; k < 4; k++) await runActive(ctx);
    ctx.store.getState().keepRuns(ctx.store.getState().history);
    const oldestFirst = [...ctx.store.getState().keptRuns].reverse().map((e) => e.runId);
    expect(oldestFirst).toHaveLength(5);
    const [a, b, c] = oldestFirst as [string, string, string];
    ctx.store.getState().setCompareIds([a, b]);
    const shown = ctx.store.getState().result?.runId;
    released = [c];
    await runActive(ctx);
    expect(calls.filter((x) => x.method === 'sim.run').at(-1)?.args.keep).toEqual([a, b, shown]);
    // What the engine let go leaves the compare list and the history; nothing is released from here.
    expect(ctx.store.getState().keptRuns.map((e) => e.runId)).not.toContain(c);
    expect(ctx.store.getState().history.map((e) => e.runId)).not.toContain(c);
    expect(ctx.store.getState().keptRuns.map((e) => e.runId)).toEqual(expect.arrayContaining([a, b]));
    expect(calls.filter((x) => x.method === 'results.release')).toHaveLength(0);
    // Nothing chosen: the two newest are what Compare shows, and they are kept.
    released = [];
    ctx.store.getState().setCompareIds(null);
    ctx.store.getState().keepRuns(ctx.store.getState().history);
    const twoNewest = ctx.store.getState().keptRuns.slice(0, 2).map((e) => e.runId);
    await runActive(ctx);
    expect(calls.filter((x) => x.method === 'sim.run').at(-1)?.args.keep).toEqual([twoNewest[1], twoNewest[0]]);
  });

  it('tells the engine which runs to keep first whenever the runs compared or the run on screen change (runs opened from Analysis pushed them out)', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    const stop = keepComparedRuns(ctx);
    await openDemo(ctx);
    for (let k = 0; k < 2; k++) await runActive(ctx);
    ctx.store.getState().keepRuns(ctx.store.getState().history);
    const [newest, , oldest] = ctx.store.getState().keptRuns.map((e) => e.runId) as [string, string, string];
    ctx.store.getState().setCompareIds([oldest]);
    const keeps = () => calls.filter((c) => c.method === 'results.keep').map((c) => c.args.runIds);
    expect(keeps().at(-1)).toEqual([oldest, newest]);
    const sent = keeps().length;
    // The same list is not sent again.
    ctx.store.getState().setCompareIds([oldest]);
    expect(keeps()).toHaveLength(sent);
    stop();
  });

  it('Run and add in Compare runs the scenario chosen there and adds its run, leaving the scenario being edited active', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    const active = ctx.store.getState().activeScenario;
    const shown = ctx.store.getState().result?.runId;
    const other = ctx.store.getState().scenarios.find((e) => e.doc.name === 'Other')?.id as string;
    expect(other).not.toBe(active);
    await runForCompare(ctx, other);
    const run = calls.filter((c) => c.method === 'sim.run').at(-1);
    expect((run?.args.scenario as { name: string }).name).toBe('Other');
    const s = ctx.store.getState();
    expect(s.activeScenario).toBe(active);
    expect(s.compareIds).toContain(run?.args.runId);
    // A run for the comparison only: Results and the shock slider keep the run on screen (their notes compare it with the scenario being edited).
    expect(s.result?.runId).toBe(shown);
    expect(s.history.map((e) => e.runId)).toContain(run?.args.runId);
    expect(s.compareAdding).toBe(false);
  });

  it('Run and add in Compare says there why a scenario did not run, naming it and its problems', async () => {
    const { engine } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    const refusing = fakeEngine({
      'sim.run': () => ({ ok: false, error: { kind: 'invalid-scenario', message: 'The scenario has 1 problem.', problems: [{ index: 0, field: 'change', message: 'must be a number > −1, got -1.5' }] } }),
    });
    const other = ctx.store.getState().scenarios[0]?.id as string;
    const active = ctx.store.getState().activeScenario;
    await runForCompare({ ...ctx, engine: refusing.engine }, other);
    expect(ctx.store.getState().activeScenario).toBe(active);
    const error = ctx.store.getState().compareError ?? '';
    expect(error).toMatch(/^“Other” did not run, so nothing was added\. The scenario has 1 problem\./);
    expect(error).toContain('must be a number > −1, got -1.5');
    expect(error).toMatch(/Fix it in the Scenario tab, then run and add it again\.$/);
  });

  it('opens a new run on its outcome, not on the step the timeline was left at (a quick shock keeps it)', async () => {
    const { engine } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    ctx.store.getState().setStep(0);
    await runActive(ctx);
    expect(ctx.store.getState().step).toBeNull();
    ctx.store.getState().setStep(3);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const running = runActive(ctx, { asset: 'ETH', change: -0.4 });
    await vi.advanceTimersByTimeAsync(COMPLETE_AFTER_MS);
    await running;
    vi.useRealTimers();
    expect(ctx.store.getState().step).toBe(3);
    // Opening another workspace starts at the outcome too.
    ctx.store.getState().setStep(1);
    ctx.store.getState().clearResults();
    expect(ctx.store.getState().step).toBeNull();
  });

  it('runs the shock slider’s variant: the asset’s step-0 shock replaced', async () => {
    const doc = docFromJson(crash, 'x');
    expect(withQuickShock(doc, { asset: 'ETH', change: -0.45 }).events).toEqual([{ type: 'price_shock', asset: 'ETH', change: -0.45, at: 0 }]);
    expect(withQuickShock(doc, { asset: 'BTC', change: 0.1 }).events.map((e) => e.asset)).toEqual(['BTC', 'ETH']);
    expect(withQuickShock(doc, { asset: 'ETH', change: 0 }).events).toEqual([]);
    // Where the slider starts: the step-0 shocks of the asset compounded, as the engine applies them.
    const two = docFromJson({ ...crash, events: [{ type: 'price_shock', asset: 'ETH', change: -0.1, at: 0 }, { type: 'price_shock', asset: 'ETH', change: -0.2, at: 0 }, { type: 'price_shock', asset: 'ETH', change: -0.5, at: 3 }] }, 'x');
    expect(quickShockOf(two, 'ETH')).toBeCloseTo(-0.28, 12);
    expect(quickShockOf(two, 'BTC')).toBe(0);
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const running = runActive(ctx, { asset: 'ETH', change: -0.45 });
    await vi.advanceTimersByTimeAsync(COMPLETE_AFTER_MS);
    await running;
    vi.useRealTimers();
    const run = calls.filter((c) => c.method === 'sim.run').at(-1);
    expect((run?.args.scenario as { events: unknown[] }).events).toEqual([{ type: 'price_shock', asset: 'ETH', change: -0.45, at: 0 }]);
    expect(ctx.store.getState().resultQuick).toEqual({ asset: 'ETH', change: -0.45 });
    // A preview first (no loss graph), then completed: the store ends with the completed result.
    expect(run?.args.preview).toBe(true);
    expect(calls.at(-1)).toEqual({ method: 'sim.complete', args: { runId: run?.args.runId } });
    expect(ctx.store.getState().result).toMatchObject({ runId: run?.args.runId, preview: false, runMs: 20 });
    expect(ctx.store.getState().history[0]?.result).toBe(ctx.store.getState().result);
    // The scenario as it is runs whole, not as a preview.
    await runActive(ctx);
    expect(calls.filter((c) => c.method === 'sim.run').at(-1)?.args.preview).toBe(false);
  });

  it('lets a slider variant go when the next replaces it, unless it is chosen in Compare; the scenario’s own runs stay', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    const base = ctx.store.getState().result?.runId;
    const slide = async (change: number) => {
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      const running = runActive(ctx, { asset: 'ETH', change });
      await vi.advanceTimersByTimeAsync(COMPLETE_AFTER_MS);
      await running;
      vi.useRealTimers();
      await Promise.resolve();
      return ctx.store.getState().result?.runId;
    };
    const released = () => calls.filter((c) => c.method === 'results.release').map((c) => c.args.runId);
    const a = await slide(-0.2);
    expect(released()).toEqual([]);
    ctx.store.getState().setCompareIds([base as string, a as string]);
    const b = await slide(-0.3);
    expect(released()).toEqual([]);
    ctx.store.getState().keepRuns(ctx.store.getState().history);
    expect(ctx.store.getState().keptRuns.map((e) => e.runId)).toContain(b);
    const c = await slide(-0.4);
    expect(released()).toEqual([b]);
    const ids = ctx.store.getState().history.map((e) => e.runId);
    expect(ids).toEqual([c, a, base]);
    expect(ctx.store.getState().keptRuns.map((e) => e.runId)).not.toContain(b);
  });

  it('completes a preview only once the slider rests: a move before costs no completion, a move after cancels it', async () => {
    let finish: (v: EngineResult<Method>) => void = () => undefined;
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    const request = async (m: Method, a: Record<string, unknown>) => {
      if (m !== 'sim.complete') return engine.request(m as 'engine.hello', a as never);
      calls.push({ method: m, args: a });
      return new Promise((r) => (finish = r as typeof finish));
    };
    const slow = { ...ctx, engine: { ...engine, request } as unknown as EngineClient };
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      // Moved again within the rest: the first preview is never completed.
      const first = runActive(slow, { asset: 'ETH', change: -0.2 });
      await vi.advanceTimersByTimeAsync(COMPLETE_AFTER_MS / 2);
      const firstId = ctx.store.getState().runId;
      const second = runActive(slow, { asset: 'ETH', change: -0.3 });
      await vi.advanceTimersByTimeAsync(COMPLETE_AFTER_MS);
      await first;
      const secondId = ctx.store.getState().runId;
      expect(calls.filter((c) => c.method === 'sim.complete').map((c) => c.args.runId)).toEqual([secondId]);
      expect(firstId).not.toBe(secondId);
      // The second's completion is going: the next move cancels it, and its late answer is ignored.
      const third = runActive(slow, { asset: 'ETH', change: -0.4 });
      expect(calls.filter((c) => c.method === 'sim.cancel').at(-1)?.args).toEqual({ runId: secondId });
      finish({ ok: true, value: { ...result(secondId as string), preview: false } });
      await second;
      await vi.advanceTimersByTimeAsync(COMPLETE_AFTER_MS);
      finish({ ok: true, value: { ...result(ctx.store.getState().runId as string), preview: false } });
      await third;
      expect(ctx.store.getState().result).toMatchObject({ runId: ctx.store.getState().runId, preview: false });
      expect(ctx.store.getState().resultQuick).toEqual({ asset: 'ETH', change: -0.4 });
      // Each variant of the slider replaces the last: the engine lets the second go, and the lists forget it.
      expect(calls.filter((c) => c.method === 'results.release').map((c) => c.args.runId)).toEqual([firstId, secondId]);
      expect(ctx.store.getState().history.map((e) => e.runId)).not.toContain(secondId);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses the shock slider in viewer mode: no run sent, the saved results stay', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    const before = ctx.store.getState().result;
    const runs = calls.filter((c) => c.method === 'sim.run').length;
    const viewer = { ...ctx, canEdit: () => false };
    await runActive(viewer, { asset: 'ETH', change: -0.45 });
    expect(calls.filter((c) => c.method === 'sim.run').length).toBe(runs);
    expect(ctx.store.getState()).toMatchObject({ result: before, resultQuick: null });
    // Running the scenario as saved is not an edit: it still runs.
    await runActive(viewer);
    expect(calls.filter((c) => c.method === 'sim.run').length).toBe(runs + 1);
  });

  it('opens no demo over a read-only project', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    await openDemo({ ...ctx, canEdit: () => false }, 'lender-default.json');
    expect(calls).toEqual([]);
    expect(ctx.store.getState().workspace).toBeNull();
  });
});

describe('commitImport', () => {
  it('stops an import on Cancel and says the open workspace is unchanged', async () => {
    let release: (v: EngineResult<Method>) => void = () => undefined;
    const { engine, calls } = fakeEngine({ 'workspace.cancel': () => ({ ok: true, value: { cancelled: true } }) });
    const ctx = context(engine);
    const slow = { ...ctx, engine: { ...engine, request: async (m: Method, a: Record<string, unknown>) => (m === 'workspace.import' ? new Promise((r) => (release = r as typeof release)) : engine.request(m as 'engine.hello', a as never)) } as unknown as EngineClient };
    await reviewFiles(slow, [text('assets.csv', 'id,price\nETH,1\n')]);
    const importing = commitImport(slow);
    expect(ctx.store.getState().importDialog?.stage).toBe('importing');
    await cancelImport(slow);
    expect(calls.at(-1)).toEqual({ method: 'workspace.cancel', args: { importId: ctx.store.getState().importDialog?.importId } });
    release({ ok: false, error: { kind: 'cancelled', message: 'The import was cancelled. The workspace loaded before is unchanged.' } });
    await importing;
    expect(ctx.store.getState().importDialog).toMatchObject({ stage: 'review', message: 'The import was cancelled. The workspace loaded before is unchanged.' });
  });

  it('names the workspace after the files read as tables, not those left out', async () => {
    const { engine } = fakeEngine();
    const ctx = context(engine);
    await reviewFiles(ctx, [text('README.txt', 'notes'), text('assets.csv', 'id,Price (USD)\nETH,1\n')]);
    await commitImport(ctx);
    expect(ctx.store.getState().workspaceSource).toBe('assets.csv');
  });

  it('lists the problems and keeps the open workspace when the tables are refused', async () => {
    const problems = [{ table: 'assets', row: 3, column: 'price', value: 'x', rule: 'must be a number > 0', severity: 'error' as const }];
    const { engine } = fakeEngine();
    const ctx = context(engine);
    await openDemo(ctx);
    const before = ctx.store.getState().workspace;
    const refusing = fakeEngine({ 'workspace.import': () => ({ ok: false, error: { kind: 'invalid-workspace', message: 'The workspace was not imported: 1 error.', problems, total: 1 } }) });
    const c2 = { ...ctx, engine: refusing.engine };
    await reviewFiles(c2, [text('assets.csv', 'id,Price (USD)\nETH,1\nBTC,x\n')]);
    ctx.store.getState().setColumn('assets', 'depth_usd', 'Price (USD)');
    ctx.store.getState().setColumn('assets', 'price', null);
    await commitImport(c2);
    expect(ctx.store.getState().importDialog).toMatchObject({ stage: 'failed', problems, total: 1 });
    expect(ctx.store.getState().workspace).toBe(before);
    expect(refusing.calls.map((c) => c.method)).toEqual(['workspace.preview', 'workspace.import']);
    expect(refusing.calls[1]?.args).toEqual({
      files: [{ name: 'assets.csv', bytes: expect.any(Uint8Array) }],
      importId: expect.stringMatching(/^import-\d+$/),
      mapping: { assets: { id: 'id', depth_usd: 'Price (USD)' } },
      tables: { 'assets.csv': 'assets' },
    });
  });

  it('adds scenario files without touching the workspace', async () => {
    const { engine, calls } = fakeEngine();
    const ctx = context(engine);
    await reviewFiles(ctx, [text('mine.json', '{"name":"Mine","events":[]}')]);
    await commitImport(ctx);
    expect(calls).toEqual([]);
    expect(ctx.store.getState().scenarios.map((s) => s.doc.name)).toEqual(['Mine']);
    expect(ctx.store.getState()).toMatchObject({ importDialog: null, view: 'scenario' });
  });

  it('refuses a scenario file with an unknown event type, naming the event, rather than read it as a price shock', async () => {
    const { engine } = fakeEngine();
    const ctx = context(engine);
    const typo = JSON.stringify({ name: 'Typo', events: [{ type: 'price_shock', asset: 'ETH', change: -0.1, at: 0 }, { type: 'price_jump', asset: 'ETH', change: -0.3, at: 0 }] });
    await reviewFiles(ctx, [text('typo.json', typo)]);
    await commitImport(ctx);
    expect(ctx.store.getState().importDialog).toMatchObject({ stage: 'failed' });
    expect(ctx.store.getState().importDialog?.message).toBe(
      'The scenario "typo.json" cannot be read: event 2 (events[1]) has type "price_jump"; the event types are price_shock, depth_change, oracle_freeze, oracle_override, venue_outage, external_loss.',
    );
    expect(ctx.store.getState().scenarios).toEqual([]);
  });
});
