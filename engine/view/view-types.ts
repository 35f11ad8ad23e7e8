/**
 * What the UI asks the engine to compute for it (engine/view): small aggregates of the workspace
 * and of a run, never rows. Money in USD at the workspace's own prices unless a field says otherwise.
 */
import type { TablePage } from '../protocol';

/** Positions (perps included, as MODEL §1 converts them) grouped by one key. */
export interface ExposureRow {
  id: string;
  name: string;
  positions: number;
  /** Collateral posted, valued at the workspace prices (USD). */
  collateralUsd: number;
  /** Debt of those positions (USD). */
  debtUsd: number;
  /** collateral ÷ (collateral − debt); null when the positions have no equity. */
  leverage: number | null;
  /** Shares of the workspace totals (0…1). */
  collateralShare: number;
  debtShare: number;
}

export interface AssetExposureRow extends ExposureRow {
  price: number;
  /** Pool depth (USD); null = no price impact. */
  depthUsd: number | null;
  /** Collateral posted in the asset ÷ its pool depth; null without depth. */
  collateralToDepth: number | null;
  /** Debt denominated in the asset (USD). */
  borrowedUsd: number;
  /** Unencumbered holdings of the asset (USD). */
  heldUsd: number;
}

export interface ConcentrationRow {
  id: string;
  name: string;
  kind: 'entity' | 'venue';
  /** USD, the ranking amount. */
  amountUsd: number;
  /** Share of the ranked total (0…1). */
  share: number;
}

export type OverviewWarningKind = 'insolvent-at-start' | 'liquidatable-at-start' | 'underwater-at-start' | 'thin-pool';

export interface OverviewWarning {
  kind: OverviewWarningKind;
  /** The node or asset the warning is about. */
  id: string;
  message: string;
  /** The amount at stake (USD) when there is one. */
  amountUsd: number | null;
}

/** The ids a scenario may name, for pickers (sorted as the engine orders them). */
export interface WorkspaceIds {
  assets: string[];
  venues: string[];
  entities: string[];
  oracles: { id: string; asset: string }[];
  backing: { asset: string; backer: string; share: number }[];
}

export interface WorkspaceOverview {
  /** SHA-256 of the workspace the figures are computed from. */
  workspaceHash: string;
  ids: WorkspaceIds;
  totals: {
    nodes: number;
    venues: number;
    entities: number;
    positions: number;
    perps: number;
    collateralUsd: number;
    debtUsd: number;
    heldUsd: number;
    obligationsUsd: number;
    externalUsd: number;
  };
  byVenue: ExposureRow[];
  byAsset: AssetExposureRow[];
  /** Largest borrowers: position debt plus obligations owed (USD). */
  topBorrowers: ConcentrationRow[];
  /** Largest creditors: obligations owed to them plus debt they lent at their venue (USD). */
  topCreditors: ConcentrationRow[];
  /** Herfindahl–Hirschman index of debt across venues and across borrowers (0…1). */
  hhiVenues: number;
  hhiBorrowers: number;
  /** Equity of each node at the clearing before any event (USD; 0 for a node in default there), by node id. */
  equityStart: Record<string, number>;
  warnings: OverviewWarning[];
  /** How many warnings there were before the list was cut. */
  warningsTotal: number;
}

/** MODEL-free display hints of a column: its kind and unit. */
export interface ColumnInfo {
  name: string;
  kind: 'number' | 'string' | 'bool';
  unit: string;
}

/** One condition on one column. `contains` is for strings (case-insensitive); the rest for numbers, or `eq`/`ne` for any. */
export interface ColumnFilter {
  column: string;
  op: 'contains' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
  value: string | number;
}

export interface TableSort {
  column: string;
  desc: boolean;
}

export type TableSource = { kind: 'workspace'; table: string } | { kind: 'results'; runId: string; table: string };

export interface QueryArgs {
  source: TableSource;
  sort: TableSort | null;
  filters: ColumnFilter[];
  offset: number;
  limit: number;
}

export interface QueryPage extends TablePage {
  /** Rows that pass the filters (the page's rows are [offset, offset + length) of these, sorted). */
  matched: number;
  columns: ColumnInfo[];
  /** The table row (0-based, in the table's own order) of each row of the page. */
  rows: number[];
}

/** Collateral that becomes liquidatable as one asset's price falls, first round, no cascade. */
export interface LiquidationLevels {
  asset: string;
  /** The asset's workspace price (USD per unit). */
  price: number;
  /** Width of a bin, as a fraction of the price (0.01 = 1%). */
  binWidth: number;
  /** Upper edge of each bin's fall: bin k holds falls in (k−1, k]·binWidth; bin 0 = already liquidatable. */
  drops: number[];
  venues: string[];
  /** usd[v][k]: collateral (USD at the workspace price) of venue v's positions that first become liquidatable in bin k. */
  usd: number[][];
  /** The same in units of the asset. */
  units: number[][];
  positions: number[][];
  /** Collateral in the asset never liquidated by a fall up to the last bin (USD). */
  beyondUsd: number;
  /** Collateral in the asset whose debt is in the same asset, which a fall of it does not liquidate (USD). */
  unaffectedUsd: number;
}

/** Chart-ready aggregates of one run (MODEL §6 tables, reduced). Steps are 0 … stepsRun − 1. */
export interface RunCharts {
  runId: string;
  scenario: string;
  stepsRun: number;
  prices: AssetSeries[];
  /** Venues with liquidations, the largest first; smaller ones summed into "other venues". */
  liquidations: StackedSeries;
  /** Count of liquidations per step, per the same venues. */
  liquidationCounts: StackedSeries;
  badDebt: { venue: string; usd: number }[];
  defaults: DefaultEvent[];
}

export interface AssetSeries {
  asset: string;
  marketPrice: number[];
  fundamentalPrice: number[];
  oracles: { oracle: string; reportedPrice: number[] }[];
}

export interface StackedSeries {
  names: string[];
  /** values[i][step] for names[i]. */
  values: number[][];
}

export interface DefaultEvent {
  node: string;
  kind: 'entity' | 'venue';
  step: number;
  obligationsUsd: number;
  recoveryRate: number;
}

/** One node's side of a run: its balance over steps and the losses that hit it (MODEL §5). */
export interface NodeSeries {
  runId: string;
  node: string;
  kind: 'entity' | 'venue';
  defaultStep: number | null;
  equityStartUsd: number;
  equity: number[];
  external: number[];
  obligations: number[];
  payments: number[];
  /** Loss per step by channel (counterparty, market, liquidation, bad_debt, exogenous); a gain is negative. */
  byChannel: { channel: string; perStep: number[] }[];
  /** The largest causes over the run (from, channel), the rest summed. */
  byCause: { from: string; channel: string; amountUsd: number }[];
  totalLossUsd: number;
}

export type { TablePage };
