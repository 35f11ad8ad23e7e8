import type { RunSummary } from '../../engine/results/summary-types';
import type { RunSteps } from '../../engine/view/compare-types';

/**
 * The run's key figures as of `step` (MODEL §6 summed to date) in the shape of the summary, for
 * the KPI cards: liquidated and bad debt to date, the loss after the step, amplification against
 * the direct loss. Defaults to date are returned apart (the cards take them so).
 */
export function summaryAtStep(summary: RunSummary, steps: RunSteps, step: number): { summary: RunSummary; defaults: number } {
  const t = Math.max(0, Math.min(steps.stepsRun - 1, step));
  let liquidated = 0;
  let bad = 0;
  let defaults = 0;
  for (let k = 0; k <= t; k++) {
    liquidated += steps.liquidatedUsd[k] ?? 0;
    bad += steps.badDebtUsd[k] ?? 0;
    defaults += steps.defaults[k] ?? 0;
  }
  const loss = steps.lossUsd[t] ?? 0;
  return {
    summary: {
      ...summary,
      total_liquidated_usd: liquidated,
      total_bad_debt_usd: bad,
      total_loss_usd: loss,
      amplification: summary.direct_loss_usd > 0 ? loss / summary.direct_loss_usd : null,
      steps_run: t + 1,
    },
    defaults,
  };
}
