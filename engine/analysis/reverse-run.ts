import { summarize } from '../results/summary';
import type { RunSummary } from '../results/summary-types';
import type { Scenario } from '../scenario/scenario';
import type { Simulation } from '../sim/simulation';
import type { ReverseEvaluation, ReverseResult } from './analysis-types';
import { evaluate, fullRun, type AnalysisWorkspace } from './evaluate';
import type { SearchOutcome } from './reverse';
import { shockedScenario, targetValue, type ReverseShock, type ReverseSpec, type ReverseTarget } from './reverse-spec';
import type { WorkspaceOverrides } from './overrides';

/** One run of the base scenario plus the shock at a magnitude, judged against the target. */
export function reverseEvaluator(aw: AnalysisWorkspace, base: Scenario, overrides: WorkspaceOverrides, shock: ReverseShock, target: ReverseTarget): (magnitude: number) => ReverseEvaluation {
  const m = aw.cw.model;
  const nodeIndex = (id: string) => m.nodeIds.indexOf(id);
  const venueIndex = (id: string) => aw.ids.venues.indexOf(id);
  return (magnitude) => {
    const r = evaluate(aw, shockedScenario(base, shock, magnitude), overrides);
    return { magnitude, ...targetValue(target, r, nodeIndex, venueIndex) };
  };
}

/** The node whose contagion path explains the target: the target node or venue, else the node that lost most. */
function pathNode(target: ReverseTarget, summary: RunSummary): string | null {
  if (target.kind === 'node_default') return target.node;
  if (target.kind === 'venue_bad_debt') return target.venue;
  let best: string | null = null;
  let most = 0;
  for (const [id, n] of Object.entries(summary.nodes)) {
    const lost = n.equity_start_usd - n.equity_end_usd;
    if (lost > most) {
      most = lost;
      best = id;
    }
  }
  return best;
}

/** The result of a search: the run at the threshold is made again with the loss graph, for its summary and path. */
export function reverseResult(aw: AnalysisWorkspace, spec: ReverseSpec, outcome: SearchOutcome): { result: ReverseResult; sim: Simulation | null } {
  let scenario: Scenario | null = null;
  let summary: RunSummary | null = null;
  let sim: Simulation | null = null;
  let node: string | null = null;
  let path: string[] = [];
  if (outcome.threshold !== null) {
    scenario = shockedScenario(spec.scenario, spec.shock, outcome.threshold);
    sim = fullRun(aw, scenario, spec.overrides);
    summary = summarize(sim);
    node = pathNode(spec.target, summary);
    path = node ? (summary.nodes[node]?.path ?? []) : [];
  }
  return {
    sim,
    result: {
      kind: 'reverse',
      status: outcome.status,
      shock: spec.shock,
      target: spec.target,
      threshold: outcome.threshold,
      bracket: outcome.bracket,
      tolerance: spec.tolerance,
      monotone: outcome.monotone,
      violations: outcome.violations,
      evaluations: outcome.evaluations,
      scenario,
      overrides: spec.overrides,
      summary,
      path,
      pathNode: node,
      runId: null,
    },
  };
}
