import type { AppContext } from '../workflows/context';
import { runAnalysisJob } from './job-flow';
import { activeScenarioJson, scenarioList } from './scenario-json';
import { debtRankScenario, impactSpec, type Json } from './specs';
import { stampOf } from './stamp';

export function currentDebtRankScenario(ctx: AppContext): Json | null {
  const s = ctx.store.getState();
  return s.analysisForms === null ? null : debtRankScenario(s.analysisForms.systemic, scenarioList(s), activeScenarioJson(s));
}

/** DebtRank and linear DebtRank under the chosen initial distress, stamped like the other analyses. */
export function runDebtRank(ctx: AppContext): Promise<void> {
  const scenario = currentDebtRankScenario(ctx);
  const hash = ctx.store.getState().workspace?.hash;
  if (scenario === null || hash === undefined) return Promise.resolve();
  const spec = { scenario };
  return runAnalysisJob(ctx, 'debtrank', spec, (pool, o) => {
    const job = pool.debtRank(scenario, o);
    return {
      cancel: job.cancel,
      result: job.result.then(async (r) => (r.ok ? { ok: true as const, value: { ...r.value, stamp: await stampOf(ctx.engine, hash, spec) } } : r)),
    };
  });
}

/** Default impact of every node: the total loss when it alone loses all its external assets. */
export function runImpact(ctx: AppContext): Promise<void> {
  const spec = impactSpec(activeScenarioJson(ctx.store.getState()));
  return runAnalysisJob(ctx, 'impact', spec, (pool, o) => pool.defaultImpact(spec, o));
}
