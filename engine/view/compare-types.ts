/**
 * Comparison of kept runs (engine/view/compare.ts): several scenarios on one workspace, or one
 * scenario on several workspaces (each kept run holds its own compiled workspace). Money in USD.
 */

/** Per-step aggregates of one run (MODEL §6 tables summed over venues and nodes). Index = step, 0 … stepsRun − 1. */
export interface RunSteps {
  runId: string;
  stepsRun: number;
  /** Debt repaid by liquidations in the step, USD (Σ venues.repaid_usd). */
  liquidatedUsd: number[];
  /** Liquidations in the step, count. */
  liquidations: number[];
  /** Bad debt the step's liquidations left, USD (Σ venues.bad_debt_usd). */
  badDebtUsd: number[];
  /** Nodes whose default step is this step, count. */
  defaults: number[];
  /** Σ over nodes of max(0, equity_start − equity after the step), USD: total_loss_usd as of the step. */
  lossUsd: number[];
}

/** One run of a comparison, with the stamps that say what it was run on. */
export interface CompareRun {
  runId: string;
  scenario: string;
  stepsRun: number;
  converged: boolean;
  workspaceHash: string;
  scenarioHash: string;
  engineVersion: string;
}

/** Whether a larger value is the worse outcome (losses), the better one, or neither (prices). */
export type KpiDirection = 'higher-is-worse' | 'lower-is-worse' | 'neutral';

/** One KPI across the runs; the first run is the baseline of every delta. */
export interface CompareKpi {
  key: string;
  label: string;
  unit: string;
  direction: KpiDirection;
  /** Per run; null where the run has no value (amplification with no direct loss, an asset another workspace lacks). */
  values: (number | null)[];
  /** values[i] − values[0]; null where either is null (and 0 for the baseline itself). */
  deltas: (number | null)[];
  /** deltas[i] ÷ |values[0]|; null where the baseline is 0 or null. */
  relative: (number | null)[];
}

/** Market price (MODEL §3 P, USD per unit) of one asset per step in each run; null where a run's workspace lacks the asset. */
export interface ComparePrices {
  asset: string;
  series: (number[] | null)[];
}

/** A node whose default differs between the runs: it defaults in some and not others, or at different steps. */
export interface DefaultDifference {
  node: string;
  kind: 'entity' | 'venue';
  /** Default step per run; null = did not default (or is absent: see `present`). */
  steps: (number | null)[];
  /** Whether the node exists in each run's workspace. */
  present: boolean[];
  /** `only-some`: defaults in some runs only; `step`: defaults in every run, not at the same step. */
  difference: 'only-some' | 'step';
}

export interface CompareView {
  runs: CompareRun[];
  /** Run ids asked for that the engine no longer keeps (evicted, or never run); left out of everything else. */
  missing: string[];
  /** True when every run was made on the same workspace (equal hashes). */
  sameWorkspace: boolean;
  /** The summary's KPIs, then the final price of the (at most 12) most moved assets. */
  kpis: CompareKpi[];
  /** Every asset of any run, the most moved first (largest |P_t ÷ P_0 − 1| over steps and runs). */
  assets: string[];
  /** Price curves of the assets asked for, or else of the most moved ones (at most 12). */
  prices: ComparePrices[];
  /** Per-step aggregates of each run (liquidation curves), in the order of `runs`. */
  steps: RunSteps[];
  /** Sorted by the earliest default step in any run, then id; at most 500. */
  defaults: DefaultDifference[];
  /** How many nodes differ in all (before the list was cut). */
  defaultsTotal: number;
}
