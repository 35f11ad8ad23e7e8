import { engineErrorText } from '../error-text';
import { docToJson, type EventDraft, type ScenarioDoc } from '../scenario/draft';
import type { QuickShock } from '../store/run-slice';
import { selectActiveEntry } from '../store/scenario-slice';
import { runsToKeep } from '../compare/compare-slice';
import type { AppContext } from './context';

let counter = 0;

/** A new run's id (the engine keeps runs by id). */
export function nextRunId(): string {
  counter += 1;
  return `run-${counter}`;
}

/** The scenario with one asset's step-0 price shock set to `change` (replacing any it had), for the shock slider. */
export function withQuickShock(doc: ScenarioDoc, quick: QuickShock): ScenarioDoc {
  const isIt = (e: EventDraft) => e.type === 'price_shock' && e.asset === quick.asset && e.at === 0;
  const events = doc.events.filter((e) => !isIt(e));
  const shock: EventDraft = { type: 'price_shock', asset: quick.asset, change: quick.change, at: 0 };
  return { ...doc, name: doc.name, events: quick.change === 0 ? events : [shock, ...events] };
}

/**
 * The step-0 shock the scenario gives an asset (0 when none), where the slider starts: several
 * compound (−10% then −20% is −28%), as the engine applies them and as the slider replaces them.
 */
export function quickShockOf(doc: ScenarioDoc, asset: string): number {
  let factor = 1;
  for (const e of doc.events) if (e.type === 'price_shock' && e.asset === asset && e.at === 0 && typeof e.change === 'number') factor *= 1 + e.change;
  return factor - 1;
}

/**
 * Runs the active scenario (or its shock-slider variant) in the worker: progress in the store,
 * then the summary and the chart aggregates in one update. A run already going is cancelled first
 * when a newer one is asked for by the slider; otherwise a second run waits for none and is
 * refused. A slider variant is refused in viewer mode (running the scenario as saved is not).
 *
 * A slider variant runs as a preview (no loss graph: the dashboard follows the slider sooner),
 * then, once the slider has rested COMPLETE_AFTER_MS, is completed in the worker for its
 * contagion paths and loss charts; the next slider move cancels a completion still going.
 */
export async function runActive(ctx: AppContext, quick: QuickShock | null = null): Promise<void> {
  const s = ctx.store.getState();
  const entry = selectActiveEntry(s);
  if (entry === null || s.workspace === null) return;
  // A quick shock is an edit of the scenario: viewer mode (a project opened read-only) refuses it.
  if (quick !== null && ctx.canEdit?.() === false) return;
  if (s.phase === 'running') {
    if (quick === null) return;
    await cancelRun(ctx);
  }
  if (completing !== null) void ctx.engine.request('sim.cancel', { runId: completing });
  const doc = entry.doc;
  // The slider's last variant of this scenario, which this one replaces when it is done.
  const superseded = quick !== null && s.result !== null && s.resultQuick !== null && s.runScenario === entry.id ? s.result.runId : null;
  const scenario = docToJson(quick === null ? doc : withQuickShock(doc, quick));
  const preview = quick !== null;
  const runId = nextRunId();
  s.runStarted(runId, entry.id);
  const stop = ctx.engine.on('sim.progress', ctx.store.getState().progressed);
  try {
    performance.mark('fb:run-sent');
    // Both at once: the engine answers the charts right after the run, without another round trip.
    const answer = ctx.engine.request('sim.run', { runId, scenario, preview, keep: runsToKeep(ctx.store.getState()) });
    const chartsAnswer = ctx.engine.request('view.runCharts', { runId });
    const run = await answer;
    performance.mark('fb:run-answered');
    if (ctx.store.getState().runId !== runId) return;
    if (!run.ok) {
      if (run.error.kind === 'cancelled') ctx.store.getState().runCancelled();
      else ctx.store.getState().runFailed(engineErrorText(run.error));
      return;
    }
    if (run.value.released) forget(ctx, run.value.released);
    const charts = await chartsAnswer;
    performance.mark('fb:charts-answered');
    const now = ctx.store.getState();
    if (now.runId !== runId) return;
    now.runFinished(run.value, doc, quick, ctx.now(), charts.ok ? charts.value : null);
    // A run opens on its outcome: a step kept from the last run would show this one's KPIs part-way.
    // A quick shock keeps the step looked at (the same moment, another shock), as does a storyboard being presented.
    if (quick === null && !now.presenting) now.resetTimeline();
    if (superseded !== null) void letGo(ctx, superseded);
    performance.mark('fb:run-stored');
    if (now.selectedNode !== null && !(now.selectedNode in run.value.summary.nodes)) now.selectNode(null);
  } finally {
    stop();
  }
  if (preview) await complete(ctx, runId);
}

/** Runs the engine no longer keeps, forgotten by the lists. */
export function forget(ctx: AppContext, runIds: readonly string[]): void {
  const s = ctx.store.getState();
  for (const id of runIds) s.forgetRun(id);
  s.forgetRuns(runIds);
}

/**
 * A slider variant superseded by the next, let go in the engine and forgotten by the lists, so
 * that slider moves do not fill the engine's last eight. One chosen in Compare stays.
 */
async function letGo(ctx: AppContext, runId: string): Promise<void> {
  if (ctx.store.getState().compareIds?.includes(runId)) return;
  const r = await ctx.engine.request('results.release', { runId });
  if (r.ok) forget(ctx, [runId]);
}

/**
 * Run as the top bar and Ctrl+Enter ask, from any view, then the results: a draft the engine has
 * already refused goes to the editor instead, where each problem stands beside its field.
 */
export async function runAndShow(ctx: AppContext): Promise<void> {
  const s = ctx.store.getState();
  const entry = selectActiveEntry(s);
  if (entry !== null && s.checkedDoc === entry.doc && (s.problems?.length ?? 0) > 0) return s.setView('scenario');
  await runActive(ctx);
  if (ctx.store.getState().view !== 'results') ctx.store.getState().setView('results');
}

/** The slider rests this long before its preview is completed: moving on meanwhile costs no full run. */
export const COMPLETE_AFTER_MS = 400;

/** The preview run whose completion is waiting or going, if any. */
let completing: string | null = null;

async function complete(ctx: AppContext, runId: string): Promise<void> {
  completing = runId;
  try {
    await new Promise((resolve) => setTimeout(resolve, COMPLETE_AFTER_MS));
    if (completing !== runId || ctx.store.getState().runId !== runId) return;
    const done = await ctx.engine.request('sim.complete', { runId });
    if (done.ok) ctx.store.getState().runCompleted(done.value);
  } finally {
    if (completing === runId) completing = null;
  }
}

export async function cancelRun(ctx: AppContext): Promise<void> {
  const { runId, phase } = ctx.store.getState();
  if (runId === null || phase !== 'running') return;
  await ctx.engine.request('sim.cancel', { runId });
}
