import { useEffect, useMemo, useState } from 'react';
import type { RunResult } from '../../engine/protocol';
import type { RunSteps } from '../../engine/view/compare-types';
import type { EngineClient } from '../engine-client';
import { summaryAtStep } from './step-summary';

/** The key figures as of a step, for the KPI cards: the summary so far and the defaults to date. */
export type StepKpis = ReturnType<typeof summaryAtStep>;

/**
 * The key figures of `result` as of `step` (view.runSteps, fetched once per run while `enabled`):
 * null while they load, when disabled, or with no run. Shared by the Network tab and Results.
 */
export function useStepKpis(engine: EngineClient, result: RunResult | null, step: number, enabled = true): StepKpis | null {
  const runId = enabled ? (result?.runId ?? null) : null;
  const [steps, setSteps] = useState<RunSteps | null>(null);
  useEffect(() => {
    if (runId === null) return setSteps(null);
    let live = true;
    void engine.request('view.runSteps', { runId }).then((r) => live && setSteps(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [engine, runId]);
  return useMemo(() => (result === null || steps === null || steps.runId !== result.runId ? null : summaryAtStep(result.summary, steps, step)), [result, steps, step]);
}
