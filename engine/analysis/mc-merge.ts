import type { Vector } from 'apache-arrow';
import type { Scenario } from '../scenario/scenario';
import { f64Vector, i32Vector } from '../util/arrow-columns';
import type { AnalysisIds, DrawBatch, MonteCarloResult, WorstDraw } from './analysis-types';
import { drawScenario } from './montecarlo';
import { distributionOf } from './risk-measures';
import { KPI, SCALAR_KPIS, type ScalarKpi } from './run-kpis';
import { idColumn, ipcOf } from './ipc';

/** What the coordinator needs to know of a Monte Carlo besides its draws. */
export interface McInfo {
  draws: number;
  seed: number;
  assets: string[];
  at: number;
  nu: number | null;
  worst: number;
  rankBy: ScalarKpi;
  scenario: Scenario;
}

/** Concatenates draw batches in draw order (they must cover 0 … N−1 without gaps). */
export function concatDraws(batches: readonly DrawBatch[]): DrawBatch {
  const sorted = [...batches].sort((a, b) => a.from - b.from);
  const f = (pick: (b: DrawBatch) => Float64Array) => {
    const out = new Float64Array(sorted.reduce((s, b) => s + pick(b).length, 0));
    let at = 0;
    for (const b of sorted) {
      out.set(pick(b), at);
      at += pick(b).length;
    }
    return out;
  };
  const count = sorted.reduce((s, b) => s + (b.to - b.from), 0);
  const start = new Int32Array(count + 1);
  const nodes: number[] = [];
  let k = 0;
  for (const b of sorted) {
    for (let i = 0; i < b.to - b.from; i++) {
      for (let j = b.defaultedStart[i] as number; j < (b.defaultedStart[i + 1] as number); j++) nodes.push(b.defaultedNodes[j] as number);
      start[++k] = nodes.length;
    }
  }
  return {
    from: sorted[0]?.from ?? 0,
    to: sorted.at(-1)?.to ?? 0,
    scalars: f((b) => b.scalars),
    venueBadDebt: f((b) => b.venueBadDebt),
    shocks: f((b) => b.shocks),
    defaultedStart: start,
    defaultedNodes: Int32Array.from(nodes),
  };
}

/**
 * The Monte Carlo's results from all its draws: distributions with VaR and ES of bad debt,
 * liquidations and total loss, per-venue bad debt, default probabilities, and the worst draws
 * (ties: the lower draw) as scenarios. Tables: `draws` (one row per draw: KPIs and the shocks),
 * `nodes` (default probability per node).
 */
export function mergeMonteCarlo(info: McInfo, ids: AnalysisIds, all: DrawBatch): MonteCarloResult {
  const N = info.draws;
  const K = SCALAR_KPIS.length;
  const nV = ids.venues.length;
  const nA = info.assets.length;
  const col = (c: number) => Float64Array.from({ length: N }, (_, d) => all.scalars[d * K + c] as number);
  const badDebt = col(KPI.total_bad_debt_usd);
  const liquidated = col(KPI.total_liquidated_usd);
  const loss = col(KPI.total_loss_usd);
  const defaults = col(KPI.defaults);

  const venues: MonteCarloResult['venues'] = {};
  ids.venues.forEach((v, c) => (venues[v] = { bad_debt_usd: distributionOf(Float64Array.from({ length: N }, (_, d) => all.venueBadDebt[d * nV + c] as number)) }));

  const counts = new Int32Array(ids.nodes.length);
  for (let j = 0; j < all.defaultedNodes.length; j++) counts[all.defaultedNodes[j] as number]++;
  const order = ids.nodes.map((_, i) => i).filter((i) => (counts[i] as number) > 0);
  order.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
  const probability: Record<string, number> = {};
  for (const i of order) probability[ids.nodes[i] as string] = (counts[i] as number) / N;

  const rankCol = col(KPI[info.rankBy]);
  const ranked = Array.from({ length: N }, (_, d) => d).sort((a, b) => (rankCol[b] as number) - (rankCol[a] as number) || a - b);
  const worst: WorstDraw[] = ranked.slice(0, info.worst).map((d) => {
    const changes = all.shocks.subarray(d * nA, (d + 1) * nA);
    return {
      draw: d,
      total_bad_debt_usd: badDebt[d] as number,
      total_liquidated_usd: liquidated[d] as number,
      total_loss_usd: loss[d] as number,
      defaults: defaults[d] as number,
      shocks: Object.fromEntries(info.assets.map((a, i) => [a, changes[i] as number])),
      scenario: drawScenario(info.scenario, info.assets, info.at, changes, d),
    };
  });

  const drawCols: Record<string, Vector> = { draw: i32Vector(Int32Array.from({ length: N }, (_, d) => d)) };
  for (const name of SCALAR_KPIS) drawCols[name] = f64Vector(col(KPI[name]));
  info.assets.forEach((a, i) => (drawCols[`shock_${a}`] = f64Vector(Float64Array.from({ length: N }, (_, d) => all.shocks[d * nA + i] as number))));
  const nodesTable = ipcOf({
    node: idColumn(Int32Array.from(ids.nodes, (_, i) => i), ids.nodes),
    defaults: i32Vector(counts),
    default_probability: f64Vector(Float64Array.from(counts, (c) => c / N)),
  });

  return {
    kind: 'montecarlo',
    draws: N,
    seed: info.seed,
    distribution: info.nu === null ? 'normal' : 'student_t',
    nu: info.nu,
    assets: info.assets,
    total_bad_debt_usd: distributionOf(badDebt),
    total_liquidated_usd: distributionOf(liquidated),
    total_loss_usd: distributionOf(loss),
    defaults: distributionOf(defaults),
    venues,
    default_probability: probability,
    rank_by: info.rankBy,
    worst,
    tables: { draws: ipcOf(drawCols), nodes: nodesTable },
  };
}
