import type { SimModel } from '../sim/model';
import type { Simulation } from '../sim/simulation';

/**
 * The headline numbers of a run (MODEL §6), as a fixed list so that many runs pack into one
 * Float64Array. `amplification` is NaN where the summary has null; `converged` is 0 or 1;
 * `defaults` counts defaulted nodes and `liquidations` liquidation rows.
 */
export const SCALAR_KPIS = [
  'total_liquidated_usd',
  'total_bad_debt_usd',
  'total_loss_usd',
  'direct_loss_usd',
  'amplification',
  'defaults',
  'liquidations',
  'steps_run',
  'converged',
] as const;

export type ScalarKpi = (typeof SCALAR_KPIS)[number];

export const KPI = Object.fromEntries(SCALAR_KPIS.map((k, i) => [k, i])) as Record<ScalarKpi, number>;

export function isScalarKpi(v: unknown): v is ScalarKpi {
  return typeof v === 'string' && (SCALAR_KPIS as readonly string[]).includes(v);
}

/** What an analysis keeps of one run; per-venue arrays follow `venueIndices`, per-node arrays the model's node order. */
export interface RunKpis {
  scalars: Float64Array;
  venueLiquidated: Float64Array;
  venueBadDebt: Float64Array;
  /** Market price at the end of the run of every asset but USD (model order from 1). */
  finalPrices: Float64Array;
  nodeEquityEnd: Float64Array;
  /** max(0, equity_start − equity_end), USD. */
  nodeLoss: Float64Array;
  /** Step of default, −1 for a node that did not default. */
  nodeDefaultStep: Int32Array;
}

/** Model indices of the venues, in model order: the order of every per-venue array of an analysis. */
export function venueIndices(m: SimModel): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < m.nodeIds.length; i++) if (m.nodeIsVenue[i] === 1) out.push(i);
  return Int32Array.from(out);
}

/**
 * The KPIs of a finished run, summed in the same order as `summarize` (liquidation rows in
 * record order, nodes in model order), so they equal the summary's numbers to the last bit.
 * Works with the loss graph off.
 */
export function runKpis(sim: Simulation, venues: Int32Array): RunKpis {
  const m = sim.cw.model;
  const s = sim.s;
  const nN = m.nodeIds.length;
  const L = sim.recorder.liquidations;
  const liquidated = new Float64Array(nN);
  const bad = new Float64Array(nN);
  let totalLiquidated = 0;
  let totalBad = 0;
  const rows = L.step.length;
  for (let k = 0; k < rows; k++) {
    const v = L.venue.get(k);
    const repaid = L.repaid_usd.get(k);
    const b = L.bad_debt_usd.get(k);
    liquidated[v] += repaid;
    bad[v] += b;
    totalLiquidated += repaid;
    totalBad += b;
  }
  const nodeEquityEnd = Float64Array.from(s.equity);
  const nodeLoss = new Float64Array(nN);
  const nodeDefaultStep = Int32Array.from(s.defaultStep);
  let totalLoss = 0;
  let directLoss = 0;
  let defaults = 0;
  for (let i = 0; i < nN; i++) {
    const start = sim.start.equity[i] as number;
    const lost = Math.max(0, start - (s.equity[i] as number));
    nodeLoss[i] = lost;
    totalLoss += lost;
    directLoss += Math.max(0, start - (sim.start.directEquity[i] as number));
    if ((s.defaultStep[i] as number) >= 0) defaults++;
  }
  const scalars = new Float64Array(SCALAR_KPIS.length);
  scalars[KPI.total_liquidated_usd] = totalLiquidated;
  scalars[KPI.total_bad_debt_usd] = totalBad;
  scalars[KPI.total_loss_usd] = totalLoss;
  scalars[KPI.direct_loss_usd] = directLoss;
  scalars[KPI.amplification] = directLoss > 0 ? totalLoss / directLoss : NaN;
  scalars[KPI.defaults] = defaults;
  scalars[KPI.liquidations] = rows;
  scalars[KPI.steps_run] = sim.stepsRun;
  scalars[KPI.converged] = sim.converged ? 1 : 0;
  return {
    scalars,
    venueLiquidated: Float64Array.from(venues, (v) => liquidated[v] as number),
    venueBadDebt: Float64Array.from(venues, (v) => bad[v] as number),
    finalPrices: s.P.slice(1),
    nodeEquityEnd,
    nodeLoss,
    nodeDefaultStep,
  };
}
