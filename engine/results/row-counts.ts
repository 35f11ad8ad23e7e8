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
