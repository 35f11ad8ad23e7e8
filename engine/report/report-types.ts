/**
 * What a run's report shows (the PDF report view and the single-file HTML report), assembled in
 * the worker from a kept run and the scenario it was run from. Money in USD; steps 0-based.
 */
import type { RunStamp } from '../results/summary-types';
import type { RunCharts } from '../view/view-types';

export type ReportVertexKind = 'event' | 'asset' | 'entity' | 'venue';
export type ReportNodeState = 'event' | 'asset' | 'healthy' | 'stressed' | 'defaulted';

/** One hop of a contagion path: the loss (impact, MODEL §5) that flowed from → to, summed over the steps up to the end node's default (or the run's end). */
export interface ReportHop {
  from: string;
  to: string;
  amountUsd: number;
  /** The channel that carried most of it (counterparty, market, liquidation, bad_debt, exogenous, price, trigger). */
  channel: string;
}

export interface ReportPathNode {
  node: string;
  kind: 'entity' | 'venue';
  /** Null for a node that lost without defaulting. */
  step: number | null;
  equityStartUsd: number;
  equityEndUsd: number;
  obligationsUsd: number;
  recoveryRate: number;
  /** event:<i> → … → node (vertex ids); empty when nothing came in. */
  path: string[];
  hops: ReportHop[];
}

export interface ReportVertex {
  id: string;
  /** Display label: the id, or for an event its short description. */
  label: string;
  kind: ReportVertexKind;
  state: ReportNodeState;
  /** Loss over the run (USD) for nodes; 0 for events and assets. */
  lossUsd: number;
}

export interface ReportNetwork {
  /** A node is `stressed` when its equity fell by more than this share of its starting equity (and it did not default). */
  stressedShare: number;
  vertices: ReportVertex[];
  /** Distinct hops of every path shown (from → to), with the largest amount seen. */
  edges: ReportHop[];
}

export interface ReportEvent {
  index: number;
  type: string;
  /** The id the event acts on: an asset, oracle, venue or node. */
  subject: string;
  /** Vertex id in paths. */
  id: string;
  label: string;
  text: string;
}

export interface ReportData {
  format: 1;
  runId: string;
  scenario: { name: string; description: string; steps: number };
  kpis: {
    total_liquidated_usd: number;
    total_bad_debt_usd: number;
    total_loss_usd: number;
    direct_loss_usd: number;
    amplification: number | null;
    steps_run: number;
    converged: boolean;
    nodes: number;
    defaults: number;
  };
  finalPrices: Record<string, number>;
  stamp: RunStamp;
  charts: RunCharts;
  /** Defaulted nodes in the order they failed, at most `REPORT_DEFAULTS`. */
  defaults: ReportPathNode[];
  /** The largest losses of nodes that did not default, at most `REPORT_LOSERS`. */
  losers: ReportPathNode[];
  network: ReportNetwork;
  assumptions: { horizon: string; events: ReportEvent[]; options: { name: string; value: boolean | number; text: string }[] };
  warnings: string[];
}
