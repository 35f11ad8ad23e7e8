import type { OpenedProject, ProjectScenario } from '../../engine/protocol';
import { narrowPins, type PinnedPositions } from '../network/network-slice';
import { docFromJson, docToJson } from '../scenario/draft';
import { selectActiveEntry } from '../store/scenario-slice';
import { runKeyOfJson } from '../store/selectors';
import type { AppState } from '../store/store';
import type { ViewId } from '../store/ui-slice';
import { withQuickShock } from '../workflows/run-flow';
import type { AppContext } from '../workflows/context';
import { fetchOverview } from '../workflows/workspace-flow';
import type { ContentChange, ProjectBridge, ProjectContent } from './bridge';

// The project layer over the app store (store/*-slice.ts): what a project saves of it, and how an
// opened project is shown. The UI's owners may reshape this file with their slices.

const VIEWS: readonly ViewId[] = ['start', 'overview', 'tables', 'scenario', 'results', 'levels', 'analysis', 'network', 'compare'];

/**
 * What a project remembers of the views. Fields added later are optional on reading: a project
 * saved before them opens as it did, and a field this version does not know is ignored.
 */
export interface ViewState {
  view: ViewId;
  activeScenario: number;
  selectedNode: string | null;
  priceAsset: string | null;
  /** The timeline's step (null: the run's last step). */
  step: number | null;
  /** Network positions the user pinned, for the workspace (hash) they were pinned on. */
  pins: PinnedPositions | null;
}

/** Scenario names in a project must differ: repeats get " (2)", " (3)". */
function scenariosOf(s: AppState): ProjectScenario[] {
  const used = new Set<string>();
  return s.scenarios.map((e) => {
    const base = e.doc.name.trim() === '' ? 'Scenario' : e.doc.name.trim().slice(0, 190);
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base} (${k})`;
    used.add(name);
    return { name, scenario: docToJson(e.doc) };
  });
}

function viewStateOf(s: AppState): ViewState {
  return {
    view: s.view,
    activeScenario: Math.max(0, s.scenarios.findIndex((e) => e.id === s.activeScenario)),
    selectedNode: s.selectedNode,
    priceAsset: s.priceAsset,
    step: s.step,
    pins: s.pins !== null && Object.keys(s.pins.nodes).length > 0 ? s.pins : null,
  };
}

export function narrowView(v: unknown): Partial<ViewState> {
  if (typeof v !== 'object' || v === null) return {};
  const o = v as Record<string, unknown>;
  const out: Partial<ViewState> = {};
  if (typeof o.view === 'string' && (VIEWS as readonly string[]).includes(o.view)) out.view = o.view as ViewId;
  if (typeof o.activeScenario === 'number' && Number.isInteger(o.activeScenario)) out.activeScenario = o.activeScenario;
  if (typeof o.selectedNode === 'string') out.selectedNode = o.selectedNode;
  if (typeof o.priceAsset === 'string') out.priceAsset = o.priceAsset;
  if (o.step === null || (typeof o.step === 'number' && Number.isInteger(o.step) && o.step >= 0)) out.step = o.step;
  if ('pins' in o) out.pins = narrowPins(o.pins);
  return out;
}

/** True when `doc` validates (in the engine, defaults filled) to the scenario a saved run was run from. */
async function ranFrom(ctx: AppContext, doc: AppState['resultDoc'], runScenario: unknown): Promise<boolean> {
  if (doc === null) return false;
  const v = await ctx.engine.request('scenario.validate', { scenario: docToJson(doc) });
  return v.ok && runKeyOfJson(v.value) === runKeyOfJson(runScenario);
}

/** Untouched demo content: opening it is not work to save. */
/** The demo, the workshop or a library episode as the app opened it: nothing of the user's to save. */
const pristineBundled = (s: AppState): boolean =>
  s.workspaceBundled && s.scenarios.every((e) => e.origin !== null && /^(demo|workshop|library)\//.test(e.origin) && e.past.length === 0);

export function createAppBridge(ctx: AppContext): ProjectBridge {
  const { store } = ctx;
  return {
    collect(): ProjectContent {
      const s = store.getState();
      const run = s.result !== null && s.resultDoc !== null ? { runId: s.result.runId, scenario: docToJson(s.resultQuick === null ? s.resultDoc : withQuickShock(s.resultDoc, s.resultQuick)) } : null;
      return { scenarios: scenariosOf(s), run, viewState: viewStateOf(s) };
    },

    apply(opened: OpenedProject, name: string): void {
      const s = store.getState();
      const view = narrowView(opened.viewState);
      s.clearResults();
      s.workspaceLoaded(opened.workspace, name);
      s.setScenarios(
        opened.scenarios.map((p) => ({ doc: docFromJson(p.scenario, p.name), origin: name })),
        view.activeScenario ?? 0,
      );
      const after = store.getState();
      if (opened.run !== null && opened.runScenario !== null) {
        const run = opened.run;
        const saved = opened.runScenario;
        after.runStarted(run.runId, after.activeScenario ?? '');
        // The saved run's scenario is the engine's validated form (defaults filled): when the active
        // scenario validates to the same, the results are of it (no "changed since this run").
        const active = selectActiveEntry(after)?.doc ?? null;
        void ranFrom(ctx, active, saved.scenario).then((same) => {
          const doc = same && active !== null ? active : docFromJson(saved.scenario, saved.name);
          store.getState().runFinished(run, doc, null, ctx.now());
          return ctx.engine.request('view.runCharts', { runId: run.runId });
        }).then((charts) => charts.ok && store.getState().chartsLoaded(charts.value));
      }
      if (view.selectedNode !== undefined) store.getState().selectNode(view.selectedNode);
      if (view.priceAsset !== undefined) store.getState().selectPriceAsset(view.priceAsset);
      // The timeline and pins of the project, or none: nothing of the project open before stays.
      store.getState().resetTimeline();
      if (view.step !== undefined && opened.run !== null) store.getState().setStep(view.step);
      store.getState().setPins(view.pins ?? null);
      store.getState().setView(view.view ?? (opened.run === null ? 'overview' : 'results'));
      void fetchOverview(ctx);
    },

    workspaceKey: () => store.getState().workspace,

    reset(): void {
      store.getState().clearResults();
      store.getState().resetTimeline();
      store.getState().setPins(null);
      store.setState({ workspaceStatus: 'empty', workspace: null, workspaceSource: null, overview: null, workspaceError: null });
      store.getState().setScenarios([]);
      store.getState().setView('start');
    },

    subscribe(listener: (change: ContentChange) => void): () => void {
      return store.subscribe((s, prev) => {
        if (s.workspace !== prev.workspace || s.scenarios !== prev.scenarios) listener(pristineBundled(s) ? 'fresh' : 'edited');
      });
    },
  };
}
