import type { RunStamp, RunSummary } from '../results/summary-types';
import type { CompareKpi, CompareRun, CompareView, DefaultDifference, KpiDirection, RunSteps } from './compare-types';

/** What the comparison needs of one kept run: its summary and stamp (MODEL §6), per-step aggregates and market prices. */
export interface CompareInput {
  runId: string;
  summary: RunSummary;
  stamp: RunStamp;
  steps: RunSteps;
  /** Market price per step by asset id (USD per unit). */
  prices: ReadonlyMap<string, readonly number[]>;
}

export const MAX_CURVES = 12;
export const MAX_DEFAULT_ROWS = 500;

type Kpi = [key: string, label: string, unit: string, direction: KpiDirection, read: (s: RunSummary) => number | null];

const countDefaults = (s: RunSummary, venues: boolean): number => Object.entries(s.nodes).filter(([id, n]) => n.defaulted && id in s.venues === venues).length;

const KPIS: readonly Kpi[] = [
  ['total_liquidated_usd', 'Liquidated (debt repaid)', 'USD', 'higher-is-worse', (s) => s.total_liquidated_usd],
  ['total_bad_debt_usd', 'Bad debt', 'USD', 'higher-is-worse', (s) => s.total_bad_debt_usd],
  ['total_loss_usd', 'Total loss', 'USD', 'higher-is-worse', (s) => s.total_loss_usd],
  ['direct_loss_usd', 'Direct (first-round) loss', 'USD', 'higher-is-worse', (s) => s.direct_loss_usd],
  ['amplification', 'Amplification (total ÷ direct)', '×', 'higher-is-worse', (s) => s.amplification],
  ['defaulted_entities', 'Entities in default', 'nodes', 'higher-is-worse', (s) => countDefaults(s, false)],
  ['defaulted_venues', 'Venues in default', 'venues', 'higher-is-worse', (s) => countDefaults(s, true)],
  ['steps_run', 'Steps run', 'steps', 'neutral', (s) => s.steps_run],
];

function kpiRow(key: string, label: string, unit: string, direction: KpiDirection, values: (number | null)[]): CompareKpi {
  const base = values[0] ?? null;
  const deltas = values.map((v) => (v === null || base === null ? null : v - base));
  const relative = deltas.map((d) => (d === null || base === null || base === 0 ? null : d / Math.abs(base)));
  return { key, label, unit, direction, values, deltas, relative };
}

/** Largest |P_t ÷ P_0 − 1| of an asset over the steps of every run that has it. */
function largestMove(asset: string, inputs: readonly CompareInput[]): number {
  let move = 0;
  for (const input of inputs) {
    const p = input.prices.get(asset);
    const p0 = p?.[0];
    if (p === undefined || p0 === undefined || !(p0 > 0)) continue;
    for (const x of p) if (Number.isFinite(x)) move = Math.max(move, Math.abs(x / p0 - 1));
  }
  return move;
}

/** Nodes whose default differs between runs (MODEL §6 `default_step`), earliest first. */
export function defaultDifferences(inputs: readonly CompareInput[]): DefaultDifference[] {
  const ids = new Set<string>();
  for (const input of inputs) for (const id of Object.keys(input.summary.nodes)) ids.add(id);
  const out: DefaultDifference[] = [];
  for (const node of ids) {
    const present = inputs.map((x) => node in x.summary.nodes);
    const steps = inputs.map((x) => x.summary.nodes[node]?.default_step ?? null);
    const defaulted = steps.filter((t) => t !== null);
    if (defaulted.length === 0) continue;
    const difference = defaulted.length < inputs.length ? 'only-some' : defaulted.every((t) => t === defaulted[0]) ? null : 'step';
    if (difference === null) continue;
    const kind = inputs.some((x) => node in x.summary.venues) ? 'venue' : 'entity';
    out.push({ node, kind, steps, present, difference });
  }
  const first = (d: DefaultDifference) => Math.min(...d.steps.map((t) => t ?? Infinity));
  return out.sort((a, b) => first(a) - first(b) || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

/**
 * Side by side, the first run the baseline: KPI values and deltas (MODEL §6 summary), price and
 * liquidation curves per step, and the nodes that default in one run but not another (or later).
 * Runs may come from different workspaces: ids are matched by name; what a workspace lacks is null.
 */
export function compareRuns(inputs: readonly CompareInput[], missing: string[] = [], wanted: readonly string[] = []): CompareView {
  const runs: CompareRun[] = inputs.map((x) => ({
    runId: x.runId,
    scenario: x.summary.scenario,
    stepsRun: x.summary.steps_run,
    converged: x.summary.converged,
    workspaceHash: x.stamp.workspace_hash,
    scenarioHash: x.stamp.scenario_hash,
    engineVersion: x.stamp.engine_version,
  }));

  const assetSet = new Set<string>();
  for (const x of inputs) for (const a of x.prices.keys()) assetSet.add(a);
  const moves = new Map([...assetSet].map((a) => [a, largestMove(a, inputs)]));
  const assets = [...assetSet].sort((a, b) => (moves.get(b) as number) - (moves.get(a) as number) || (a < b ? -1 : 1));

  const kpis = KPIS.map(([key, label, unit, direction, read]) => kpiRow(key, label, unit, direction, inputs.map((x) => read(x.summary))));
  for (const a of assets.slice(0, MAX_CURVES)) {
    kpis.push(kpiRow(`final_price:${a}`, `Final price ${a}`, 'USD per unit', 'neutral', inputs.map((x) => x.summary.final_prices[a] ?? null)));
  }

  const asked = wanted.filter((a) => assetSet.has(a));
  const curves = (asked.length > 0 ? asked : assets).slice(0, MAX_CURVES);
  const prices = curves.map((asset) => ({ asset, series: inputs.map((x) => (x.prices.has(asset) ? [...(x.prices.get(asset) as number[])] : null)) }));

  const differences = defaultDifferences(inputs);
  return {
    runs,
    missing,
    sameWorkspace: runs.every((r) => r.workspaceHash === runs[0]?.workspaceHash),
    kpis,
    assets,
    prices,
    steps: inputs.map((x) => x.steps),
    defaults: differences.slice(0, MAX_DEFAULT_ROWS),
    defaultsTotal: differences.length,
  };
}
