/**
 * What analyses return: the protocol's result types (worker shards and the coordinator's merged
 * results). Types only, so the renderer can import them. Money in USD; magnitudes of shocks as
 * the fraction of the price dropped (0.3 = −30%) or USD for an external loss.
 */
import type { RunSummary } from '../results/summary-types';
import type { Scenario } from '../scenario/scenario';
import type { WorkspaceOverrides } from './overrides';
import type { ScalarKpi } from './run-kpis';
import type { ReverseShock, ReverseTarget } from './reverse-spec';

export type AnalysisKind = 'sweep' | 'montecarlo' | 'reverse' | 'distance' | 'impact' | 'debtrank';

/** Ids in the order of every per-node, per-venue and per-asset array of an analysis. */
export interface AnalysisIds {
  nodes: string[];
  venues: string[];
  /** Every asset but USD. */
  assets: string[];
}

/** A validated job: how many units of work it has, for the coordinator to split. */
export interface AnalysisPlan {
  kind: AnalysisKind;
  units: number;
  ids: AnalysisIds;
  workspaceHash: string;
  /** SHA-256 of the compiled workspace: equal in every worker of a pool. */
  fingerprint: string;
  /** The base scenario, validated (defaults filled). */
  scenario: Scenario;
  overrides: WorkspaceOverrides;
  /** distance and impact: model indices of the nodes analysed, in order. */
  nodes: number[];
  /** distance: the magnitudes sampled for every node at once. */
  samples: number[];
  /** sweep: the axes (parameter label, values run) and the heatmap's KPI. */
  axes: { parameter: string; values: number[] }[];
  kpi: ScalarKpi | null;
  /** montecarlo: what the merge needs besides the draws. */
  montecarlo: { draws: number; seed: number; assets: string[]; at: number; nu: number | null; worst: number; rankBy: ScalarKpi } | null;
  /** reverse and distance: the shock scaled and the bracket width. */
  shock: ReverseShock | null;
  tolerance: number | null;
  warnings: string[];
}

/** KPIs of several runs packed row by row (one row per unit). */
export interface KpiBatch {
  units: number[];
  /** units × SCALAR_KPIS. */
  scalars: Float64Array;
  /** units × venues. */
  venueLiquidated: Float64Array;
  venueBadDebt: Float64Array;
  /** units × assets. */
  finalPrices: Float64Array;
  /** Sparse rows, one per (unit, node) where the node lost equity or defaulted (the others end as they started). */
  nodeRows: NodeRows;
}

export interface NodeRows {
  /** Index of the unit in the batch (not the unit's number). */
  row: Int32Array;
  node: Int32Array;
  equityEnd: Float64Array;
  loss: Float64Array;
  /** −1: did not default. */
  defaultStep: Int32Array;
}

/** What a result was computed from (DESIGN habit 7): the engine, the workspace as imported and the spec (SHA-256 of its canonical JSON). */
export interface AnalysisStamp {
  engine_version: string;
  workspace_hash: string;
  spec_hash: string;
}

/** Merged results carry Arrow IPC stream tables for what is too big for JSON, and their stamp. */
export interface WithTables {
  tables: Record<string, Uint8Array>;
  /** Set by the coordinator. */
  stamp?: AnalysisStamp;
}

export interface SweepResult extends WithTables {
  kind: 'sweep';
  axes: { parameter: string; values: number[] }[];
  /** [K] or [K1, K2]; point k = i·K2 + j. */
  shape: number[];
  /** Every scalar KPI per point (null where undefined: amplification with no direct loss). */
  kpis: Record<ScalarKpi, (number | null)[]>;
  venues: Record<string, { liquidated_usd: number[]; bad_debt_usd: number[] }>;
  final_prices: Record<string, number[]>;
  /** 2-D sweeps: the chosen KPI as rows (first axis) × columns (second axis). */
  heatmap: { kpi: ScalarKpi; values: (number | null)[][] } | null;
  /** Runs made (one per point); `sweepPoint(spec, k)` gives point k's scenario and overrides, to open it as a run. */
  runs: number;
}

export interface ReverseEvaluation {
  magnitude: number;
  /** The target's KPI (1/0 for a default). */
  value: number;
  reached: boolean;
}

export interface ReverseResult {
  kind: 'reverse';
  /** found: threshold within the tolerance; reached_at_min: the target is met without the shock (at min); not_reached: not even at max. */
  status: 'found' | 'reached_at_min' | 'not_reached';
  shock: ReverseShock;
  target: ReverseTarget;
  /** The smallest magnitude known to reach the target; null when not reached. */
  threshold: number | null;
  /** [largest magnitude known not to reach, threshold]; its width is at most the tolerance. */
  bracket: [number, number] | null;
  tolerance: number;
  /** False when a larger magnitude gave a smaller KPI or the target flipped back (see violations). */
  monotone: boolean;
  violations: { from: ReverseEvaluation; to: ReverseEvaluation }[];
  evaluations: ReverseEvaluation[];
  /** The run at the threshold (loss graph on): its scenario, summary and the contagion path to the target. */
  scenario: Scenario | null;
  overrides: WorkspaceOverrides;
  summary: RunSummary | null;
  path: string[];
  pathNode: string | null;
  /** The id under which the run at the threshold is kept for results.* requests, when asked. */
  runId: string | null;
  /** Set by the coordinator. */
  stamp?: AnalysisStamp;
}

export interface DistanceRow {
  node: string;
  status: 'found' | 'reached_at_min' | 'not_reached';
  threshold: number | null;
  bracket: [number, number] | null;
  monotone: boolean;
}

export interface DistanceResult extends WithTables {
  kind: 'distance';
  shock: ReverseShock;
  tolerance: number;
  samples: number[];
  /** Nearest to default first; not reached last (by id). */
  nodes: DistanceRow[];
  /** What the ranking leaves out and why (nodes that owe nothing cannot default). */
  warnings?: string[];
}

export interface DistanceTask {
  node: number;
  lo: number;
  hi: number;
}

export interface DistanceBatch {
  rows: { node: number; threshold: number; bracket: [number, number]; monotone: boolean; evaluations: number }[];
}

export interface ImpactBatch {
  nodes: number[];
  /** nodes × SCALAR_KPIS. */
  scalars: Float64Array;
  /** The defaulted node's own loss, USD. */
  ownLoss: Float64Array;
  /** The defaulted node's default step (−1: it did not default). */
  ownDefaultStep: Int32Array;
}

export interface ImpactRow {
  node: string;
  defaulted: boolean;
  default_step: number | null;
  total_loss_usd: number;
  loss_to_others_usd: number;
  /** Other nodes that defaulted. */
  induced_defaults: number;
  total_bad_debt_usd: number;
  total_liquidated_usd: number;
}

export interface ImpactResult extends WithTables {
  kind: 'impact';
  definition: string;
  /** Largest loss to others first. */
  nodes: ImpactRow[];
}

/** Per-draw outcomes of draws [from, to). */
export interface DrawBatch {
  from: number;
  to: number;
  /** draws × SCALAR_KPIS. */
  scalars: Float64Array;
  /** draws × venues. */
  venueBadDebt: Float64Array;
  /** draws × shocked assets: the price change applied. */
  shocks: Float64Array;
  /** Nodes defaulted in draw d: defaultedNodes[defaultedStart[d − from] … defaultedStart[d − from + 1]). */
  defaultedStart: Int32Array;
  defaultedNodes: Int32Array;
}

/** An empirical distribution; VaR/ES at α: VaR = the ⌈αN⌉-th smallest outcome, ES = the mean beyond it (Acerbi–Tasche). */
export interface Distribution {
  mean: number;
  std: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  var95: number;
  var99: number;
  es95: number;
  es99: number;
  /** Share of draws with an outcome > 0. */
  probability_positive: number;
  histogram: { edges: number[]; counts: number[] };
}

export interface WorstDraw {
  draw: number;
  total_bad_debt_usd: number;
  total_liquidated_usd: number;
  total_loss_usd: number;
  defaults: number;
  shocks: Record<string, number>;
  /** The base scenario plus this draw's exact price shocks: open it as an ordinary run. */
  scenario: Scenario;
}

export interface MonteCarloResult extends WithTables {
  kind: 'montecarlo';
  draws: number;
  seed: number;
  distribution: 'normal' | 'student_t';
  nu: number | null;
  assets: string[];
  total_bad_debt_usd: Distribution;
  total_liquidated_usd: Distribution;
  total_loss_usd: Distribution;
  defaults: Distribution;
  venues: Record<string, { bad_debt_usd: Distribution }>;
  /** Nodes that defaulted in at least one draw: share of draws, most likely first. */
  default_probability: Record<string, number>;
  rank_by: ScalarKpi;
  worst: WorstDraw[];
}

/** A scenario event DebtRank does not use: its index in `events`, type and step (`at`, or `from` of a ranged event). */
export interface UnusedEvent {
  event: number;
  type: string;
  step: number;
}

export interface DebtRankResult {
  debtrank: { H: number; R: number; nodes: Record<string, { h: number; h_initial: number }> };
  linear_debtrank: { H: number; nodes: Record<string, { h: number }> };
  /** The scenario's events other than step-0 external losses (the initial distress), in event order. */
  unused_events: UnusedEvent[];
  /** E0 per node, rounds of DebtRank, iterations of the linear fixed point, warnings. */
  info: { equity: Record<string, number>; rounds: number; iterations: number; converged: boolean; warnings: string[] };
}

export type AnalysisResult = SweepResult | MonteCarloResult | ReverseResult | DistanceResult | ImpactResult;

export interface AnalysisProgressEvent {
  jobId: string;
  phase: string;
  done: number;
  total: number;
}
