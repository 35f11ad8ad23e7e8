import type { Simulation } from '../sim/simulation';

/** A run's scenario events as network vertices: `event:<index>`, a label, the first step they act at and what they act on. */
export interface NetworkEvents {
  ids: string[];
  labels: string[];
  step: Int32Array;
  /** Graph vertex each event acts on (asset, oracle, venue or node), −1 for none. */
  target: Int32Array;
}

/** `−30%`, `+12.5%`; as many more decimals as it takes not to read as a round 100 or 0 it is not (LUNA −99.98%, not −100%). */
const pct = (x: number) => {
  const p = Math.abs(x) * 100;
  let digits = 1;
  while (digits < 6 && p !== 0 && p !== 100 && (Number(p.toFixed(digits)) === 100 || Number(p.toFixed(digits)) === 0)) digits++;
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${Number(p.toFixed(digits))}%`;
};
const usd = (x: number) => (Math.abs(x) >= 1e9 ? `${Math.round(x / 1e8) / 10}bn` : Math.abs(x) >= 1e6 ? `${Math.round(x / 1e5) / 10}m` : `${Math.round(x)}`);

/**
 * The events of a run's plan (MODEL §2), in event order, in the network's vertex numbering
 * (nodes, assets, oracles: engine/view/network-graph.ts). The labels are how every view names an
 * event (the graph, the contagion path, the loss Sankey): `ETH −30% at step 0`.
 */
export function networkEvents(sim: Simulation): NetworkEvents {
  const plan = sim.plan;
  const m = sim.cw.model;
  const n = plan.eventCount;
  const nN = m.nodeIds.length;
  const nA = m.assetIds.length;
  const ids = Array.from({ length: n }, (_, k) => `event:${k}`);
  const labels = ids.slice();
  const step = new Int32Array(n);
  const target = new Int32Array(n).fill(-1);
  const set = (index: number, at: number, vertex: number, label: string) => {
    step[index] = at;
    target[index] = vertex;
    labels[index] = label;
  };
  const asset = (a: number) => m.assetIds[a] as string;
  const oracle = (o: number) => m.oracleIds[o] as string;
  const node = (i: number) => m.nodeIds[i] as string;
  for (const e of plan.shocks) set(e.index, e.at, nN + e.asset, `${asset(e.asset)} ${pct(e.change)} at step ${e.at}`);
  for (const e of plan.depths) set(e.index, e.at, nN + e.asset, `${asset(e.asset)} depth ×${e.factor} at step ${e.at}`);
  for (const e of plan.losses) {
    const what = Number.isFinite(e.amount) ? `${usd(e.amount)} USD` : pct(-e.fraction);
    set(e.index, e.at, e.node, `${node(e.node)} loses ${what} at step ${e.at}`);
  }
  for (const e of plan.freezes) set(e.index, e.from, nN + nA + e.oracle, `${oracle(e.oracle)} frozen, steps ${e.from}–${e.to}`);
  for (const e of plan.overrides) {
    const what = Number.isFinite(e.price) ? `reports ${e.price}` : `off by ${pct(e.change)}`;
    set(e.index, e.from, nN + nA + e.oracle, `${oracle(e.oracle)} ${what}, steps ${e.from}–${e.to}`);
  }
  for (const e of plan.outages) set(e.index, e.from, e.venue, `${node(e.venue)} outage, steps ${e.from}–${e.to}`);
  return { ids, labels, step, target };
}

/** Labels of a run's events by their vertex id (`event:<index>` → `ETH −30% at step 0`). */
export function eventLabelsById(sim: Simulation): Map<string, string> {
  const ev = networkEvents(sim);
  return new Map(ev.ids.map((id, k) => [id, ev.labels[k] as string]));
}
