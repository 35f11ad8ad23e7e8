import type { AppContext } from '../workflows/context';
import { runAnalysisJob } from './job-flow';
import { openAnalysisRun } from './open-run-flow';
import { baseScenario } from './scenario-json';
import { mcSpec, type Json } from './specs';

export function currentMcSpec(ctx: AppContext): Json | null {
  const s = ctx.store.getState();
  return s.analysisForms === null ? null : mcSpec(s.analysisForms.montecarlo, baseScenario(s, s.analysisForms.montecarlo.base));
}

export function runMonteCarlo(ctx: AppContext): Promise<void> {
  const spec = currentMcSpec(ctx);
  if (spec === null) return Promise.resolve();
  return runAnalysisJob(ctx, 'montecarlo', spec, (pool, o) => pool.monteCarlo(spec, o));
}

/** One of the worst draws as an ordinary run: the base scenario plus that draw's exact price shocks. */
export function openWorstDraw(ctx: AppContext, draw: number): Promise<void> {
  const r = ctx.store.getState().analysisJobs.montecarlo.result;
  const w = r?.worst.find((x) => x.draw === draw);
  if (r === null || w === undefined) return Promise.resolve();
  const spec = ctx.store.getState().analysisJobs.montecarlo.spec as { overrides?: unknown } | null;
  const name = `Monte Carlo draw ${draw} (seed ${r.seed})`;
  return openAnalysisRun(ctx, { scenario: { ...w.scenario, name }, overrides: spec?.overrides ?? {} }, name);
}
