/** The run summary of MODEL §6, field for field. Money in USD. */
export interface RunSummary {
  scenario: string;
  steps_run: number;
  converged: boolean;
  total_liquidated_usd: number;
  total_bad_debt_usd: number;
  total_loss_usd: number;
  direct_loss_usd: number;
  /** total / direct; null when direct is 0. */
  amplification: number | null;
  final_prices: Record<string, number>;
  nodes: Record<string, NodeSummary>;
  venues: Record<string, VenueSummary>;
  warnings: string[];
}

export interface NodeSummary {
  equity_start_usd: number;
  equity_end_usd: number;
  obligations_usd: number;
  payments_usd: number;
  recovery_rate: number;
  defaulted: boolean;
  default_step: number | null;
  /** Contagion path: event → … → this node (MODEL §5); empty when the node lost nothing. */
  path: string[];
}

export interface VenueSummary {
  liquidated_usd: number;
  bad_debt_usd: number;
  halted_step: number | null;
}

/** Stamps every run carries (DESIGN habit 7). */
export interface RunStamp {
  engine_version: string;
  /** SHA-256 (hex) of the canonical workspace tables and of the scenario JSON. */
  workspace_hash: string;
  scenario_hash: string;
}
