import type { Simulation } from '../sim/simulation';
import type { NetworkStructure } from './network-graph';

/** A run's scenario events as network vertices: `event:<index>`, a label, the first step they act at and what they act on. */
export interface NetworkEvents {
  ids: string[];
  labels: string[];
  step: Int32Array;
  /** Graph vertex each event acts on (asset, oracle, venue or node), −1 for none. */
  target: Int32Array;
}

const pct = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.round(Math.abs(x) * 1000) / 10}%`;
const usd = (x: number) => (Math.abs(x) >= 1e9 ? `${Math.round(x / 1e8) / 10}bn` : Math.abs(x) >= 1e6 ? `${Math.round(x / 1e5) / 10}m` : `${Math.round(x)}`);

/** The events of a run's plan (MODEL §2), in event order. */
export function networkEvents(g: NetworkStructure, sim: Simulation): NetworkEvents {
  const plan = sim.plan;
  const n = plan.eventCount;
  const nN = g.nNodes;
  const nA = g.nAssets;
  const ids = Array.from({ length: n }, (_, k) => `event:${k}`);
  const labels = ids.slice();
  const step = new Int32Array(n);
  const target = new Int32Array(n).fill(-1);
  const set = (index: number, at: number, vertex: number, label: string) => {
    step[index] = at;
    target[index] = vertex;
    labels[index] = label;
  };
  const asset = (a: number) => g.ids[nN + a] as string;
  const oracle = (o: number) => g.ids[nN + nA + o] as string;
  for (const e of plan.shocks) set(e.index, e.at, nN + e.asset, `${asset(e.asset)} ${pct(e.change)} at step ${e.at}`);
  for (const e of plan.depths) set(e.index, e.at, nN + e.asset, `${asset(e.asset)} depth ×${e.factor} at step ${e.at}`);
  for (const e of plan.losses) {
    const what = Number.isFinite(e.amount) ? `${usd(e.amount)} USD` : pct(-e.fraction);
    set(e.index, e.at, e.node, `${g.ids[e.node] as string} loses ${what} at step ${e.at}`);
  }
  for (const e of plan.freezes) set(e.index, e.from, nN + nA + e.oracle, `${oracle(e.oracle)} frozen, steps ${e.from}–${e.to}`);
  for (const e of plan.overrides) {
    const what = Number.isFinite(e.price) ? `reports ${e.price}` : `off by ${pct(e.change)}`;
    set(e.index, e.from, nN + nA + e.oracle, `${oracle(e.oracle)} ${what}, steps ${e.from}–${e.to}`);
  }
  for (const e of plan.outages) set(e.index, e.from, e.venue, `${g.ids[e.venue] as string} outage, steps ${e.from}–${e.to}`);
  return { ids, labels, step, target };
}
