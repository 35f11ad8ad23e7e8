import type { RunSummary } from '../results/summary-types';
import type { Simulation } from '../sim/simulation';
import { topSeries } from './top-series';
import type { AssetSeries, DefaultEvent, RunCharts } from './view-types';

const VENUE_SERIES = 8;

/**
 * The run's chart data, reduced in the worker (MODEL §6): prices per asset with the oracles that
 * report them, liquidations per step by venue (the largest venues apart), bad debt by venue and
 * the defaults in the order they happened.
 */
export function runCharts(runId: string, sim: Simulation, summary: RunSummary): RunCharts {
  const m = sim.cw.model;
  const r = sim.recorder;
  const T = sim.stepsRun;
  const nA = m.assetIds.length;
  const nN = m.nodeIds.length;

  const prices: AssetSeries[] = [];
  const pStep = r.prices.step.view();
  const pAsset = r.prices.asset.view();
  const market = r.prices.market_price.view();
  const fundamental = r.prices.fundamental_price.view();
  const mk = Array.from({ length: nA }, () => new Array<number>(T).fill(NaN));
  const fd = Array.from({ length: nA }, () => new Array<number>(T).fill(NaN));
  for (let k = 0; k < pStep.length; k++) {
    const t = pStep[k] as number;
    const a = pAsset[k] as number;
    (mk[a] as number[])[t] = market[k] as number;
    (fd[a] as number[])[t] = fundamental[k] as number;
  }
  const nO = m.oracleIds.length;
  const reported = Array.from({ length: nO }, () => new Array<number>(T).fill(NaN));
  const oStep = r.oracles.step.view();
  const oOracle = r.oracles.oracle.view();
  const oPrice = r.oracles.reported_price.view();
  for (let k = 0; k < oStep.length; k++) (reported[oOracle[k] as number] as number[])[oStep[k] as number] = oPrice[k] as number;
  for (let a = 1; a < nA; a++) {
    const oracles: AssetSeries['oracles'] = [];
    for (let o = 0; o < nO; o++) if (m.oracleAsset[o] === a) oracles.push({ oracle: m.oracleIds[o] as string, reportedPrice: reported[o] as number[] });
    prices.push({ asset: m.assetIds[a] as string, marketPrice: mk[a] as number[], fundamentalPrice: fd[a] as number[], oracles });
  }

  const venueIdx: number[] = [];
  const row = new Int32Array(nN).fill(-1);
  for (let v = 0; v < nN; v++) {
    if (!m.nodeIsVenue[v]) continue;
    row[v] = venueIdx.length;
    venueIdx.push(v);
  }
  const repaid = venueIdx.map(() => new Float64Array(T));
  const counts = venueIdx.map(() => new Float64Array(T));
  const vStep = r.venues.step.view();
  const vVenue = r.venues.venue.view();
  const vRepaid = r.venues.repaid_usd.view();
  const vCount = r.venues.liquidations.view();
  for (let k = 0; k < vStep.length; k++) {
    const i = row[vVenue[k] as number] as number;
    const t = vStep[k] as number;
    (repaid[i] as Float64Array)[t] = vRepaid[k] as number;
    (counts[i] as Float64Array)[t] = vCount[k] as number;
  }
  const names = venueIdx.map((v) => m.nodeIds[v] as string);
  const liquidations = topSeries(names, repaid, VENUE_SERIES, 'other venues');
  const byName = new Map(names.map((n, i) => [n, i]));
  const countValues = liquidations.names.map((n) => {
    const i = byName.get(n);
    if (i !== undefined) return Array.from(counts[i] as Float64Array);
    const sum = new Array<number>(T).fill(0);
    names.forEach((other, j) => {
      if (liquidations.names.includes(other)) return;
      (counts[j] as Float64Array).forEach((x, t) => (sum[t] = (sum[t] as number) + x));
    });
    return sum;
  });

  const badDebt = Object.entries(summary.venues)
    .filter(([, v]) => v.bad_debt_usd > 0)
    .map(([venue, v]) => ({ venue, usd: v.bad_debt_usd }))
    .sort((x, y) => y.usd - x.usd || (x.venue < y.venue ? -1 : 1));

  const defaults: DefaultEvent[] = [];
  for (let i = 0; i < nN; i++) {
    const d = sim.s.defaultStep[i] as number;
    if (d < 0) continue;
    defaults.push({
      node: m.nodeIds[i] as string,
      kind: m.nodeIsVenue[i] ? 'venue' : 'entity',
      step: d,
      obligationsUsd: sim.s.obligationsUsd[i] as number,
      recoveryRate: sim.s.recovery[i] as number,
    });
  }
  defaults.sort((x, y) => x.step - y.step || y.obligationsUsd - x.obligationsUsd || (x.node < y.node ? -1 : 1));

  return {
    runId,
    scenario: summary.scenario,
    stepsRun: T,
    prices,
    liquidations,
    liquidationCounts: { names: liquidations.names, values: countValues },
    badDebt,
    defaults,
  };
}
