import { describe, expect, it, vi } from 'vitest';
import type { OpenedProject, RunResult } from '../../engine/protocol';
import type { HostApi } from '../../main/host-api';
import type { EngineClient } from '../engine-client';
import { docFromJson } from '../scenario/draft';
import { selectResultStale } from '../store/selectors';
import { createAppStore } from '../store/store';
import type { AppContext } from '../workflows/context';
import { createAppBridge, narrowView } from './app-bridge';

const crash = { name: 'Flash crash', steps: 10, events: [{ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 }], options: {} };
const result = { runId: 'run-1', summary: { scenario: 'Flash crash', steps_run: 10, nodes: {}, venues: {} }, stamp: { engine_version: '0.1.0', workspace_hash: 'wh', scenario_hash: 's' } } as unknown as RunResult;
const workspace = { hash: 'wh', counts: {}, warnings: [] } as unknown as OpenedProject['workspace'];

/** The engine's validation fills defaults, as `scenario.validate` does (here: `options` and a horizon of 50). */
const validated = (scenario: Record<string, unknown>) => ({ steps: 50, ...scenario, options: { fire_sale_on_default: true, ...(scenario.options as object) } });

function context(): AppContext {
  const engine = {
    request: vi.fn(async (method: string, args: Record<string, unknown>) =>
      method === 'scenario.validate' ? { ok: true, value: validated(args.scenario as Record<string, unknown>) } : { ok: false, error: { kind: method === 'view.runCharts' ? 'unknown-run' : 'no-workspace', message: 'n/a' } },
    ),
    on: vi.fn(() => () => undefined),
    close: vi.fn(),
  } as unknown as EngineClient;
  return { engine, host: {} as HostApi, store: createAppStore(), now: () => 1 };
}

/** A store showing a run of the flash crash, as the user left it: Network tab, step 3, two pins. */
function authored(): AppContext {
  const ctx = context();
  const s = ctx.store.getState();
  s.workspaceLoaded(workspace, 'Demo');
  s.setScenarios([{ doc: docFromJson(crash, 'x'), origin: null }], 0);
  const active = ctx.store.getState();
  active.runStarted('run-1', active.activeScenario ?? '');
  ctx.store.getState().runFinished(result, active.scenarios[0]!.doc, null, 1);
  ctx.store.getState().setView('network');
  ctx.store.getState().setStep(3);
  ctx.store.getState().pinNode('wh', 'fund-alpha', 10.5, -4);
  ctx.store.getState().pinNode('wh', 'orbit', 0, 7);
  return ctx;
}

/** What `project.open` answers for content the bridge collected (the engine passes viewState through). */
function reopened(content: ReturnType<ReturnType<typeof createAppBridge>['collect']>): OpenedProject {
  return {
    meta: {} as OpenedProject['meta'],
    workspace,
    scenarios: content.scenarios,
    run: content.run === null ? null : result,
    // Saved as the engine validated it (defaults filled), as project.save does.
    runScenario: content.run === null ? null : { name: 'Flash crash', scenario: validated(content.run.scenario as Record<string, unknown>) },
    viewState: JSON.parse(JSON.stringify(content.viewState)) as unknown,
  };
}

describe('the project bridge', () => {
  it('calls the demo, the workshop or a library episode as the app opened them fresh, and any edit or own file edited', () => {
    const ctx = context();
    const changes: string[] = [];
    createAppBridge(ctx).subscribe((c) => changes.push(c));
    const s = ctx.store.getState();
    s.workspaceLoaded(workspace, 'Northwind Treasury (workshop)', true);
    s.setScenarios([{ doc: docFromJson(crash, 'x'), origin: 'workshop/scenarios/flash.json' }], 0);
    s.workspaceLoaded({ ...workspace }, 'Library: Terra', true);
    s.setScenarios([{ doc: docFromJson(crash, 'x'), origin: 'library/terra-3ac-2022/scenarios/a.json' }], 0);
    expect(changes).toEqual(['fresh', 'fresh', 'fresh', 'fresh']);
    ctx.store.getState().editScenario((d) => ({ ...d, name: 'Mine' }));
    expect(changes.at(-1)).toBe('edited');
    // The user's own tables under the bundled scenarios are the user's work.
    ctx.store.getState().workspaceLoaded({ ...workspace }, 'assets.csv + 8 more');
    ctx.store.getState().setScenarios([{ doc: docFromJson(crash, 'x'), origin: 'demo/flash-crash.json' }], 0);
    expect(changes.at(-1)).toBe('edited');
  });

  it('saves the view, the timeline step and the network pins, and opens them again', async () => {
    const content = createAppBridge(authored()).collect();
    expect(content.viewState).toMatchObject({ view: 'network', step: 3, pins: { workspace: 'wh', nodes: { 'fund-alpha': [10.5, -4], orbit: [0, 7] } } });

    const ctx = context();
    ctx.store.getState().setStep(7);
    createAppBridge(ctx).apply(reopened(content), 'board.firebreak');
    await vi.waitFor(() => expect(ctx.store.getState().result?.runId).toBe('run-1'));
    const s = ctx.store.getState();
    expect(s.view).toBe('network');
    expect(s.step).toBe(3);
    expect(s.pins).toEqual({ workspace: 'wh', nodes: { 'fund-alpha': [10.5, -4], orbit: [0, 7] } });
    // The saved run and the saved scenario are the same content: no "changed since this run".
    expect(selectResultStale(s)).toBe(false);
  });

  it('opens a run of another draft than the saved scenario as changed since the run', async () => {
    const content = createAppBridge(authored()).collect();
    const ctx = context();
    const opened = reopened(content);
    createAppBridge(ctx).apply({ ...opened, runScenario: { name: 'Flash crash', scenario: { ...(opened.runScenario?.scenario as object), steps: 12 } } }, 'b.firebreak');
    await vi.waitFor(() => expect(ctx.store.getState().result?.runId).toBe('run-1'));
    expect(selectResultStale(ctx.store.getState())).toBe(true);
  });

  it('opens every view the top bar has, and projects saved before steps and pins', () => {
    for (const view of ['analysis', 'network', 'compare', 'results'] as const) expect(narrowView({ view }).view).toBe(view);
    expect(narrowView({ view: 'nowhere' }).view).toBeUndefined();
    // An old project: no step, no pins, an unknown field — it opens on the run's outcome with no pins.
    const ctx = context();
    ctx.store.getState().setStep(5);
    ctx.store.getState().pinNode('other', 'x', 1, 1);
    const old = reopened(createAppBridge(authored()).collect());
    createAppBridge(ctx).apply({ ...old, viewState: { view: 'results', activeScenario: 0, later: { x: 1 } } }, 'old.firebreak');
    expect(ctx.store.getState()).toMatchObject({ view: 'results', step: null, pins: null });
    // Malformed fields are dropped, not trusted.
    expect(narrowView({ step: -2, pins: 'x' })).toEqual({ pins: null });
    expect(narrowView({ step: 1.5 })).toEqual({});
    expect(narrowView({ step: null }).step).toBeNull();
  });
});

describe('selectResultStale', () => {
  it('compares the run’s scenario by content: a rebuilt equal document is not stale, an edited one is', () => {
    const ctx = authored();
    const s = ctx.store.getState();
    expect(selectResultStale(s)).toBe(false);
    // The same scenario read again (as opening a project does): another object, the same content.
    const again = { ...s, resultDoc: docFromJson(JSON.parse(JSON.stringify(crash)) as unknown, 'y') };
    expect(again.resultDoc).not.toBe(s.scenarios[0]?.doc);
    expect(selectResultStale(again)).toBe(false);
    // A renamed scenario or an edited note changes no number.
    expect(selectResultStale({ ...s, resultDoc: docFromJson({ ...crash, name: 'Renamed', notes: [{ step: 1, text: 'n' }] }, 'y') })).toBe(false);
    // A different shock, horizon or option does.
    expect(selectResultStale({ ...s, resultDoc: docFromJson({ ...crash, events: [{ ...crash.events[0], change: -0.4 }] }, 'y') })).toBe(true);
    expect(selectResultStale({ ...s, resultDoc: docFromJson({ ...crash, steps: 11 }, 'y') })).toBe(true);
    expect(selectResultStale({ ...s, resultDoc: docFromJson({ ...crash, options: { fire_sale_on_default: false } }, 'y') })).toBe(true);
    // A slider variant is always apart from the scenario.
    expect(selectResultStale({ ...s, resultQuick: { asset: 'ETH', change: -0.1 } })).toBe(true);
  });
});
