import { engineErrorText } from '../error-text';
import type { AppStore } from '../store/store';
import type { AppContext } from '../workflows/context';
import { runActive } from '../workflows/run-flow';
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
 * Runs one of the project's scenarios and adds the run to those compared. The scenario being
 * edited stays the active one: adding a run to a comparison is not a switch of scenario.
 */
export async function runForCompare(ctx: AppContext, scenarioId: string): Promise<void> {
  const s = ctx.store.getState();
  if (s.phase === 'running') return;
  const chosen = comparedIds(s);
  const active = s.activeScenario;
  s.selectScenario(scenarioId);
  try {
    await runActive(ctx);
  } finally {
    const now = ctx.store.getState();
    if (active !== null && now.activeScenario === scenarioId && now.scenarios.some((e) => e.id === active)) now.selectScenario(active);
  }
  const after = ctx.store.getState();
  if (after.phase === 'failed') {
    // Said here, where it was asked for, with the scenario's problems (not only in the status bar).
    const name = after.scenarios.find((e) => e.id === scenarioId)?.doc.name ?? 'The scenario';
    return after.compareLoaded(after.compareView, `“${name}” did not run, so nothing was added. ${after.error ?? ''}\nFix it in the Scenario tab, then run and add it again.`);
  }
  const runId = after.result?.runId;
  if (after.phase !== 'done' || runId === undefined || chosen.includes(runId)) return;
  after.keepRuns(after.history);
  after.setCompareIds([...chosen, runId].slice(-8));
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
