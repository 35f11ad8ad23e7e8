import { engineErrorText } from '../error-text';
import type { AppStore } from '../store/store';
import type { AppContext } from '../workflows/context';
import { forget, nextRunId } from '../workflows/run-flow';
import { docToJson } from '../scenario/draft';
import { comparedIds, runsToKeep } from './compare-slice';

let seq = 0;

/** Asks the engine to compare the chosen runs (view.compare); runs it no longer keeps are forgotten. */
export async function loadCompare(ctx: AppContext, ids: readonly string[], asset: string | null): Promise<void> {
  const mine = ++seq;
  if (ids.length < 2) return ctx.store.getState().compareLoaded(null, null);
  const res = await ctx.engine.request('view.compare', asset === null ? { runIds: [...ids] } : { runIds: [...ids], assets: [asset] });
  if (mine !== seq) return;
  const s = ctx.store.getState();
  if (!res.ok) return s.compareLoaded(null, engineErrorText(res.error));
  if (res.value.missing.length > 0) s.forgetRuns(res.value.missing);
  s.compareLoaded(res.value, null);
}

/**
 * Runs one of the project's scenarios and adds the run to those compared. It is a run for the
 * comparison only: the scenario being edited stays active and the run on screen (Results, the
 * shock slider) stays the one it was.
 */
export async function runForCompare(ctx: AppContext, scenarioId: string): Promise<void> {
  const s = ctx.store.getState();
  const entry = s.scenarios.find((e) => e.id === scenarioId);
  if (s.phase === 'running' || s.compareAdding || entry === undefined) return;
  const chosen = comparedIds(s);
  s.setCompareAdding(true);
  try {
    const runId = nextRunId();
    const run = await ctx.engine.request('sim.run', { runId, scenario: docToJson(entry.doc), keep: runsToKeep(s) });
    const after = ctx.store.getState();
    if (!run.ok) {
      // Said here, where it was asked for, with the scenario's problems (not only in the status bar).
      return after.compareLoaded(after.compareView, `“${entry.doc.name || 'The scenario'}” did not run, so nothing was added. ${engineErrorText(run.error)}\nFix it in the Scenario tab, then run and add it again.`);
    }
    if (run.value.released) forget(ctx, run.value.released);
    after.runAdded(run.value, ctx.now());
    const now = ctx.store.getState();
    now.keepRuns(now.history);
    now.setCompareIds([...chosen.filter((id) => now.keptRuns.some((e) => e.runId === id)), runId].slice(-8));
  } finally {
    ctx.store.getState().setCompareAdding(false);
  }
}

/** Keeps every finished run for comparison, also after the run history is cleared by a new workspace. */
export function trackRuns(store: AppStore): () => void {
  store.getState().keepRuns(store.getState().history);
  return store.subscribe((s, prev) => {
    if (s.history !== prev.history) s.keepRuns(s.history);
  });
}

/**
 * Tells the engine which runs to keep before others whenever that changes: those compared and the
 * one on screen. Runs come into the engine not only from Run (each sim.run says so too) but from
 * the Analysis tab's Open run and from projects, which would otherwise push a compared run out.
 */
export function keepComparedRuns(ctx: AppContext): () => void {
  let last = '';
  const send = (s: ReturnType<AppStore['getState']>): void => {
    const ids = runsToKeep(s);
    const key = ids.join('\n');
    if (key === last) return;
    last = key;
    void ctx.engine.request('results.keep', { runIds: ids });
  };
  send(ctx.store.getState());
  return ctx.store.subscribe((s, prev) => {
    if (s.compareIds !== prev.compareIds || s.keptRuns !== prev.keptRuns || s.result !== prev.result) send(s);
  });
}
