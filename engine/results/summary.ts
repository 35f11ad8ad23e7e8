import { PathFinder } from '../losses/paths';
import type { Simulation } from '../sim/simulation';
import type { RunSummary, VenueSummary } from './summary-types';
import { summaryWithColumns, type NodeColumns } from './summary-wire';

/** Builds the MODEL §6 summary of a finished run. */
export function summarize(sim: Simulation): RunSummary {
  const m = sim.cw.model;
  const s = sim.s;
  const r = sim.recorder;
  const nN = m.nodeIds.length;

  const liquidated = new Float64Array(nN);
  const bad = new Float64Array(nN);
  let totalLiquidated = 0;
  let totalBad = 0;
  const venue = r.liquidations.venue.view();
  const repaidUsd = r.liquidations.repaid_usd.view();
  const badUsd = r.liquidations.bad_debt_usd.view();
  // A step's rows come venue by venue: a run of one venue's rows is summed in locals, in the
  // same order, and stored once (a store and reload per row chained each add through memory).
  for (let k = 0; k < venue.length; ) {
    const v = venue[k] as number;
    let venueRepaid = liquidated[v] as number;
    let venueBad = bad[v] as number;
    for (; k < venue.length && venue[k] === v; k++) {
      const repaid = repaidUsd[k] as number;
      const lost = badUsd[k] as number;
      venueRepaid += repaid;
      venueBad += lost;
      totalLiquidated += repaid;
      totalBad += lost;
    }
    liquidated[v] = venueRepaid;
    bad[v] = venueBad;
  }

  const paths = new PathFinder(sim.loss);
  const name = (v: number): string =>
    v < nN ? (m.nodeIds[v] as string) : v < nN + m.assetIds.length ? (m.assetIds[v - nN] as string) : `event:${v - nN - m.assetIds.length}`;

  const last = sim.stepsRun - 1;
  // Every path at once: the walks share their passes over the loss graph.
  const walkers: number[] = [];
  const walkSteps: number[] = [];
  for (let i = 0; i < nN; i++) {
    const d = s.defaultStep[i] as number;
    if ((sim.start.equity[i] as number) - (s.equity[i] as number) > 0 || d >= 0) {
      walkers.push(i);
      walkSteps.push(d >= 0 ? d : last);
    }
  }
  const walked = paths.paths(walkers, walkSteps);
  paths.release();
  const pathOf: (number[] | undefined)[] = new Array<number[] | undefined>(nN);
  walkers.forEach((i, k) => (pathOf[i] = walked[k]));

  // The per-node records as columns (summary-wire.ts), made into records only where read.
  const nodeColumns: NodeColumns = {
    ids: m.nodeIds,
    equityStart: Float64Array.from(sim.start.equity),
    equityEnd: Float64Array.from(s.equity),
    obligations: Float64Array.from(s.obligationsUsd),
    payments: Float64Array.from(s.paymentsUsd),
    recovery: Float64Array.from(s.recovery),
    defaulted: new Uint8Array(nN),
    defaultStep: Int32Array.from(s.defaultStep),
    pathNames: [],
    pathStart: new Int32Array(nN + 1),
    pathItems: new Int32Array(0),
  };
  // A path's vertices by their name's place in pathNames, named in the order first met.
  const nameAt = new Int32Array(sim.loss.vertices).fill(-1);
  let pathLength = 0;
  for (let i = 0; i < nN; i++) pathLength += pathOf[i]?.length ?? 0;
  const items = new Int32Array(pathLength);
  const venues: Record<string, VenueSummary> = {};
  let totalLoss = 0;
  let directLoss = 0;
  for (let i = 0, at = 0; i < nN; i++) {
    const start = sim.start.equity[i] as number;
    const end = s.equity[i] as number;
    const d = s.defaultStep[i] as number;
    const lost = Math.max(0, start - end);
    totalLoss += lost;
    directLoss += Math.max(0, start - (sim.start.directEquity[i] as number));
    nodeColumns.defaulted[i] = d >= 0 ? 1 : 0;
    for (const v of pathOf[i] ?? []) {
      let k = nameAt[v] as number;
      if (k < 0) {
        k = nodeColumns.pathNames.length;
        nameAt[v] = k;
        nodeColumns.pathNames.push(name(v));
      }
      items[at++] = k;
    }
    nodeColumns.pathStart[i + 1] = at;
    if (m.nodeIsVenue[i]) {
      const halted = sim.plan.options.halt_venue_on_default && d >= 0 && d + 1 <= last ? d + 1 : null;
      venues[m.nodeIds[i] as string] = {
        liquidated_usd: liquidated[i] as number,
        bad_debt_usd: bad[i] as number,
        halted_step: halted,
      };
    }
  }
  nodeColumns.pathItems = items;

  const finalPrices: Record<string, number> = {};
  for (let a = 1; a < m.assetIds.length; a++) finalPrices[m.assetIds[a] as string] = s.P[a] as number;

  return summaryWithColumns(
    {
      scenario: sim.plan.name,
      steps_run: sim.stepsRun,
      converged: sim.converged,
      total_liquidated_usd: totalLiquidated,
      total_bad_debt_usd: totalBad,
      total_loss_usd: totalLoss,
      direct_loss_usd: directLoss,
      amplification: directLoss > 0 ? totalLoss / directLoss : null,
      final_prices: finalPrices,
      venues,
      warnings: [...sim.warnings],
    },
    nodeColumns,
  );
}

