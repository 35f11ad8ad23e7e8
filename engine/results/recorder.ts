import { F64Column, I32Column, U8Column } from '../util/growable';

/** The result tables of MODEL §6 as growing columns; ids are model indices until export. */
export class Recorder {
  readonly prices = {
    step: new I32Column(),
    asset: new I32Column(),
    market_price: new F64Column(),
    fundamental_price: new F64Column(),
    net_flow: new F64Column(),
  };
  /** Extension: what each oracle reported, for market-vs-oracle charts. */
  readonly oracles = {
    step: new I32Column(),
    oracle: new I32Column(),
    asset: new I32Column(),
    reported_price: new F64Column(),
    updated: new U8Column(),
  };
  readonly venues = {
    step: new I32Column(),
    venue: new I32Column(),
    liquidations: new I32Column(),
    repaid_usd: new F64Column(),
    seized_usd: new F64Column(),
    bad_debt_usd: new F64Column(),
    halted: new U8Column(),
    outage: new U8Column(),
  };
  readonly nodes = {
    step: new I32Column(),
    node: new I32Column(),
    external_usd: new F64Column(),
    obligations_usd: new F64Column(),
    payments_usd: new F64Column(),
    equity_usd: new F64Column(),
    recovery_rate: new F64Column(),
    defaulted: new U8Column(),
  };
  readonly liquidations = {
    step: new I32Column(),
    position: new I32Column(),
    venue: new I32Column(),
    owner: new I32Column(),
    repaid_usd: new F64Column(),
    seized_units: new F64Column(),
    bad_debt_usd: new F64Column(),
    close_out: new U8Column(),
  };

  private scratch: { count: Int32Array; repaid: Float64Array; seized: Float64Array; bad: Float64Array } | null = null;

  private nodeRows: { index: Int32Array; defaulted: Uint8Array } | null = null;

  /** Node indices 0…nodes−1 and a defaulted flag per node, for one step's node rows, reused across steps. */
  nodeScratch(nodes: number): { index: Int32Array; defaulted: Uint8Array } {
    if (!this.nodeRows || this.nodeRows.index.length !== nodes) {
      const index = new Int32Array(nodes);
      for (let i = 0; i < nodes; i++) index[i] = i;
      this.nodeRows = { index, defaulted: new Uint8Array(nodes) };
    }
    return this.nodeRows;
  }

  private venueNodes = -1;

  /** How many nodes are venues (the venue rows of a step), counted once per run. */
  venueCount(isVenue: Uint8Array): number {
    if (this.venueNodes < 0) {
      let n = 0;
      for (let i = 0; i < isVenue.length; i++) n += isVenue[i] as number;
      this.venueNodes = n;
    }
    return this.venueNodes;
  }

  /** Zeroed per-node sums for one step's venue rows, reused across steps. */
  venueScratch(nodes: number): { count: Int32Array; repaid: Float64Array; seized: Float64Array; bad: Float64Array } {
    if (!this.scratch || this.scratch.count.length !== nodes) {
      this.scratch = { count: new Int32Array(nodes), repaid: new Float64Array(nodes), seized: new Float64Array(nodes), bad: new Float64Array(nodes) };
    } else {
      this.scratch.count.fill(0);
      this.scratch.repaid.fill(0);
      this.scratch.seized.fill(0);
      this.scratch.bad.fill(0);
    }
    return this.scratch;
  }
}

/** Forecasts at most this many rows of a table at once (room never written costs address space only). */
const FORECAST_ROWS = 1 << 23;

/**
 * Room in every column of a result table for n more rows; when a column must grow, it grows
 * for `rounds` steps of about n rows, so that a run's tables are copied once or twice rather
 * than at every doubling.
 */
export function reserveRows(table: Record<string, F64Column | I32Column | U8Column>, n: number, rounds: number): void {
  if (n === 0) return;
  const forecast = Math.max(1, Math.min(rounds, Math.floor(FORECAST_ROWS / n)));
  for (const col of Object.values(table)) col.room(n, forecast);
}
