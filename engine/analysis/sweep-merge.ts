import { boolVector, f64Vector, i32Vector } from '../util/arrow-columns';
import type { AnalysisIds, KpiBatch, SweepResult } from './analysis-types';
import { idColumn, ipcOf, nullableI32 } from './ipc';
import { KPI, SCALAR_KPIS, type ScalarKpi } from './run-kpis';

const nullIfNaN = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * Merges a sweep's points (a batch in point order) into curves per KPI, per venue and per
 * asset price; a 2-D sweep also gets the heatmap of its KPI. The `nodes` table has a row per point
 * and node that lost equity or defaulted there (point, node, equity_end_usd, loss_usd, defaulted,
 * default_step: null when it did not default, as in a run's summary); a node without a row ended as it started.
 */
export function mergeSweep(axes: { parameter: string; values: number[] }[], kpi: ScalarKpi, ids: AnalysisIds, b: KpiBatch): SweepResult {
  const n = b.units.length;
  const K = SCALAR_KPIS.length;
  const nV = ids.venues.length;
  const nA = ids.assets.length;
  const kpis = Object.fromEntries(SCALAR_KPIS.map((name, c) => [name, Array.from({ length: n }, (_, i) => nullIfNaN(b.scalars[i * K + c] as number))])) as Record<ScalarKpi, (number | null)[]>;
  const venues: SweepResult['venues'] = {};
  ids.venues.forEach((v, c) => {
    venues[v] = {
      liquidated_usd: Array.from({ length: n }, (_, i) => b.venueLiquidated[i * nV + c] as number),
      bad_debt_usd: Array.from({ length: n }, (_, i) => b.venueBadDebt[i * nV + c] as number),
    };
  });
  const finalPrices: Record<string, number[]> = {};
  ids.assets.forEach((a, c) => (finalPrices[a] = Array.from({ length: n }, (_, i) => b.finalPrices[i * nA + c] as number)));

  let heatmap: SweepResult['heatmap'] = null;
  if (axes.length === 2) {
    const rows = (axes[0] as { values: number[] }).values.length;
    const cols = (axes[1] as { values: number[] }).values.length;
    const c = KPI[kpi];
    heatmap = { kpi, values: Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => nullIfNaN(b.scalars[(i * cols + j) * K + c] as number))) };
  }

  const r = b.nodeRows;
  const nodes = ipcOf({
    point: i32Vector(Int32Array.from(r.row, (i) => b.units[i] as number)),
    node: idColumn(r.node, ids.nodes),
    equity_end_usd: f64Vector(r.equityEnd),
    loss_usd: f64Vector(r.loss),
    defaulted: boolVector(Uint8Array.from(r.defaultStep, (d) => (d >= 0 ? 1 : 0))),
    default_step: nullableI32(r.defaultStep, (d) => d < 0),
  });
  return {
    kind: 'sweep',
    axes,
    shape: axes.map((a) => a.values.length),
    kpis,
    venues,
    final_prices: finalPrices,
    heatmap,
    runs: n,
    tables: { nodes },
  };
}
