import type { AppContext } from '../workflows/context';
import { runAnalysisJob } from './job-flow';
import { magnitudeText } from '../charts/options/analysis-reverse';
import { openAnalysisRun } from './open-run-flow';
import { shockText, targetText } from './reverse-labels';
import { baseScenario } from './scenario-json';
import { distanceSpec, reverseSpec, type Json } from './specs';

export function currentReverseSpec(ctx: AppContext): Json | null {
  const s = ctx.store.getState();
  return s.analysisForms === null ? null : reverseSpec(s.analysisForms.reverse, baseScenario(s, s.analysisForms.reverse.base));
}

export function currentDistanceSpec(ctx: AppContext): Json | null {
  const s = ctx.store.getState();
  return s.analysisForms === null ? null : distanceSpec(s.analysisForms.reverse, baseScenario(s, s.analysisForms.reverse.base));
}

export function runReverse(ctx: AppContext): Promise<void> {
  const spec = currentReverseSpec(ctx);
  if (spec === null) return Promise.resolve();
  return runAnalysisJob(ctx, 'reverse', spec, (pool, o) => pool.reverse(spec, o));
}

/** Distance to default: every node's own threshold under the same shock. */
export function runDistance(ctx: AppContext): Promise<void> {
  const spec = currentDistanceSpec(ctx);
  if (spec === null) return Promise.resolve();
  return runAnalysisJob(ctx, 'distance', spec, (pool, o) => pool.distanceToDefault(spec, o));
}

/** The run at the threshold, run again in the app's engine and shown in Results. */
export function openThresholdRun(ctx: AppContext): Promise<void> {
  const r = ctx.store.getState().analysisJobs.reverse.result;
  if (r === null || r.scenario === null) return Promise.resolve();
  const at = r.threshold === null ? '' : ` ${magnitudeText(r, r.threshold)}`;
  const name = `Reverse stress: ${shockText(r)}${at} (${targetText(r)})`;
  return openAnalysisRun(ctx, { scenario: { ...r.scenario, name }, overrides: r.overrides }, name);
}
