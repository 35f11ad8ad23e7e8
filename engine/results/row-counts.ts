import type { ResultTableName } from '../protocol';
import type { Simulation } from '../sim/simulation';

/** How many rows each result table of a finished run has (MODEL §6), before any table is built. */
export function rowCountsOf(sim: Simulation): Record<ResultTableName, number> {
  return {
    prices: sim.recorder.prices.step.length,
    venues: sim.recorder.venues.step.length,
    nodes: sim.recorder.nodes.length,
    losses: sim.loss.length,
    liquidations: sim.recorder.liquidations.step.length,
    oracles: sim.recorder.oracles.step.length,
  };
}

/** Bytes a result table's row takes once built (Arrow columns and their share of dictionaries). */
export const ROW_BYTES: Record<ResultTableName, number> = { losses: 29, liquidations: 33, nodes: 45, prices: 32, venues: 38, oracles: 25 };

/** What a run's result tables take, estimated from their row counts. */
export function resultBytes(counts: Partial<Record<ResultTableName, number>>): number {
  let bytes = 0;
  for (const [table, rows] of Object.entries(counts) as [ResultTableName, number][]) bytes += rows * (ROW_BYTES[table] ?? 0);
  return bytes;
}
