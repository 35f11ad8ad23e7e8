import type { AppContext } from '../workflows/context';
import { runAnalysisJob } from './job-flow';
import { openAnalysisRun } from './open-run-flow';
import { activeScenarioJson } from './scenario-json';
import { sweepSpec, type Json } from './specs';

/** The sweep the form describes, over the active scenario. */
export function currentSweepSpec(ctx: AppContext): Json | null {
  const s = ctx.store.getState();
  const scenario = activeScenarioJson(s);
  return s.analysisForms === null || scenario === null ? null : sweepSpec(s.analysisForms.sweep, scenario);
}

export function runSweep(ctx: AppContext): Promise<void> {
  const spec = currentSweepSpec(ctx);
  if (spec === null) return Promise.resolve();
  return runAnalysisJob(ctx, 'sweep', spec, (pool, o) => pool.sweep(spec, o));
}

/** Opens point k of the last sweep as an ordinary run in Results. */
export function openSweepPoint(ctx: AppContext, point: number, label: string): Promise<void> {
  const job = ctx.store.getState().analysisJobs.sweep;
  if (job.result === null || job.spec === null) return Promise.resolve();
  return openAnalysisRun(ctx, { sweep: job.spec, point }, label);
}
