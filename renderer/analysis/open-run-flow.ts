import { engineErrorText } from '../error-text';
import { docFromJson } from '../scenario/draft';
import { selectActiveEntry } from '../store/scenario-slice';
import type { AppContext } from '../workflows/context';
import { cancelRun } from '../workflows/run-flow';

let counter = 0;

/** What to run again as an ordinary run: a scenario (with workspace overrides), or point k of a sweep. */
export type OpenRunArgs = { scenario: unknown; overrides?: unknown } | { sweep: unknown; point: number };

/**
 * Runs one run of an analysis again in the app's engine as an ordinary run (loss graph on) and
 * shows it in Results: its key figures, charts, defaults and contagion. `label` names it there
 * (its scenario document, kept with the results, is the one run when it is given as a scenario).
 */
export async function openAnalysisRun(ctx: AppContext, args: OpenRunArgs, label: string): Promise<void> {
  const s = ctx.store.getState();
  if (s.workspace === null) return;
  if (s.phase === 'running') await cancelRun(ctx);
  const runId = `analysis-run-${++counter}`;
  ctx.store.getState().runStarted(runId, selectActiveEntry(s)?.id ?? '');
  ctx.store.getState().setView('results');
  const stop = ctx.engine.on('sim.progress', ctx.store.getState().progressed);
  try {
    const answer = ctx.engine.request('analysis.openRun', { runId, ...args, ...('sweep' in args ? { name: label } : {}) });
    const chartsAnswer = ctx.engine.request('view.runCharts', { runId });
    const run = await answer;
    const now = ctx.store.getState();
    if (now.runId !== runId) return;
    if (!run.ok) {
      if (run.error.kind === 'cancelled') now.runCancelled();
      else now.runFailed(engineErrorText(run.error));
      return;
    }
    // A sweep's point: the engine made its scenario (named by the label) and says which it was.
    const doc = docFromJson('scenario' in args ? args.scenario : (run.value.scenario ?? { name: label }), label);
    now.runFinished(run.value, doc, null, ctx.now());
    now.resetTimeline();
    if (now.selectedNode !== null && !(now.selectedNode in run.value.summary.nodes)) now.selectNode(null);
    const charts = await chartsAnswer;
    if (charts.ok) ctx.store.getState().chartsLoaded(charts.value);
  } finally {
    stop();
  }
}
