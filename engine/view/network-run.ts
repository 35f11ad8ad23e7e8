import { CH_BAD_DEBT, CH_COUNTERPARTY, CH_LIQUIDATION, CH_MARKET, CH_PRICE, CH_TRIGGER } from '../losses/loss-graph';
import type { Simulation } from '../sim/simulation';
import type { NetworkStructure } from './network-graph';
import { networkEvents } from './network-events';
import {
  E_BACKING,
  E_EXPOSURE,
  E_OBLIGATION,
  E_POSITION,
  K_ORACLE,
  S_ACTIVE,
  S_DEFAULTED,
  S_HEALTHY,
  S_PENDING,
  S_STRESSED,
  type NetworkRun,
} from './network-types';

/**
 * A run over the network (MODEL §5–6): each vertex's state after each step — a node is defaulted
 * from its default step on, stressed when it has lost more than `stressShare` of its start equity
 * (of any equity, when it started with none); an asset when its market price is down more than
 * that share; an oracle when its report is that far from its asset's market price; an event is
 * pending before its first step — and the loss that flowed along each edge per step.
 */
export function networkRun(runId: string, g: NetworkStructure, sim: Simulation, stressShare: number): NetworkRun {
  const m = sim.cw.model;
  const T = sim.stepsRun;
  const nN = g.nNodes;
  const nA = g.nAssets;
  const nV = g.ids.length;
  const ev = networkEvents(sim);
  const VA = nV + ev.ids.length;
  const state = new Uint8Array(T * VA);
  const loss = new Float32Array(T * VA);
  const share = Math.min(0.99, Math.max(0, stressShare));

  const r = sim.recorder;
  const nStep = r.nodes.step.view();
  const nNode = r.nodes.node.view();
  const nEq = r.nodes.equity_usd.view();
  for (let k = 0; k < nStep.length; k++) {
    const t = nStep[k] as number;
    const i = nNode[k] as number;
    const start = sim.start.equity[i] as number;
    const d = sim.s.defaultStep[i] as number;
    const lost = start - (nEq[k] as number);
    const at = t * VA + i;
    loss[at] = Math.max(0, lost);
    state[at] = d >= 0 && d <= t ? S_DEFAULTED : lost > 0 && lost > share * Math.max(0, start) ? S_STRESSED : S_HEALTHY;
  }
  const market = new Float64Array(T * nA);
  const pStep = r.prices.step.view();
  const pAsset = r.prices.asset.view();
  const pPrice = r.prices.market_price.view();
  for (let k = 0; k < pStep.length; k++) {
    const t = pStep[k] as number;
    const a = pAsset[k] as number;
    const p = pPrice[k] as number;
    market[t * nA + a] = p;
    state[t * VA + nN + a] = p < (m.assetPrice[a] as number) * (1 - share) ? S_STRESSED : S_HEALTHY;
  }
  const oStep = r.oracles.step.view();
  const oOracle = r.oracles.oracle.view();
  const oPrice = r.oracles.reported_price.view();
  for (let k = 0; k < oStep.length; k++) {
    const t = oStep[k] as number;
    const o = oOracle[k] as number;
    const p = market[t * nA + (m.oracleAsset[o] as number)] as number;
    const off = p > 0 ? Math.abs((oPrice[k] as number) - p) / p : 0;
    state[t * VA + nN + nA + o] = off > share ? S_STRESSED : S_HEALTHY;
  }
  for (let e = 0; e < ev.ids.length; e++) {
    for (let t = 0; t < T; t++) state[t * VA + nV + e] = t >= (ev.step[e] as number) ? S_ACTIVE : S_PENDING;
  }

  // Loss-graph edges onto network edges, positive impact only, summed per (edge, step).
  const nE = g.edgeFrom.length;
  const index = new Map<number, number>();
  const key = (kind: number, a: number, b: number) => (kind * VA + a) * VA + b;
  for (let e = 0; e < nE; e++) index.set(key(g.edgeKind[e] as number, g.edgeFrom[e] as number, g.edgeTo[e] as number), e);
  const eventEdge = new Map<number, number>();
  const evFrom: number[] = [];
  const evTo: number[] = [];
  const addEventEdge = (a: number, b: number): number => {
    const k = a * VA + b;
    let e = eventEdge.get(k);
    if (e === undefined) {
      e = nE + evFrom.length;
      eventEdge.set(k, e);
      evFrom.push(a);
      evTo.push(b);
    }
    return e;
  };
  for (let e = 0; e < ev.ids.length; e++) if ((ev.target[e] as number) >= 0) addEventEdge(nV + e, ev.target[e] as number);

  const lg = sim.loss;
  const vertex = (v: number) => (v < nN + nA ? v : nV + (v - nN - nA));
  const find = (kind: number, a: number, b: number) => index.get(key(kind, a, b));
  const flows = new Map<number, number>();
  const perVertex = new Float64Array(T * VA);
  let unmapped = 0;
  const lStep = lg.step.view();
  const lFrom = lg.from.view();
  const lTo = lg.to.view();
  const lCh = lg.channel.view();
  const lImpact = lg.impact.view();
  for (let k = 0; k < lStep.length; k++) {
    const ch = lCh[k] as number;
    const usd = lImpact[k] as number;
    if (ch === CH_TRIGGER || !(usd > 0)) continue;
    const t = lStep[k] as number;
    const a = vertex(lFrom[k] as number);
    const b = vertex(lTo[k] as number);
    let e: number | undefined;
    if (a >= nV) e = addEventEdge(a, b);
    else if (ch === CH_COUNTERPARTY) e = find(E_OBLIGATION, a, b);
    else if (ch === CH_MARKET) e = find(E_EXPOSURE, a, b);
    else if (ch === CH_LIQUIDATION) e = find(E_POSITION, b, a);
    else if (ch === CH_BAD_DEBT) e = find(E_POSITION, a, b);
    else if (ch === CH_PRICE) e = find(E_BACKING, a, b) ?? find(E_EXPOSURE, b, a);
    if (e === undefined) {
      unmapped += usd;
      continue;
    }
    const fk = e * T + t;
    flows.set(fk, (flows.get(fk) ?? 0) + usd);
    // What an asset's moves and an event caused so far.
    if (ch === CH_MARKET || a >= nV) perVertex[t * VA + a] = (perVertex[t * VA + a] as number) + usd;
  }
  // Assets and events: losses caused so far.
  for (let v = nN; v < VA; v++) {
    if (g.kind[v] === K_ORACLE && v < nV) continue;
    let sum = 0;
    for (let t = 0; t < T; t++) {
      sum += perVertex[t * VA + v] as number;
      loss[t * VA + v] = sum;
    }
  }

  const keys = [...flows.keys()].sort((x, y) => x - y);
  const defaultStep = Int32Array.from({ length: nN }, (_, i) => sim.s.defaultStep[i] as number);
  const order = [...Array(nN).keys()].filter((i) => (defaultStep[i] as number) >= 0);
  order.sort((x, y) => (defaultStep[x] as number) - (defaultStep[y] as number) || (g.ids[x] as string < (g.ids[y] as string) ? -1 : 1));
  return {
    runId,
    steps: T,
    stressShare: share,
    vertices: VA,
    eventIds: ev.ids,
    eventLabels: ev.labels,
    eventStep: ev.step,
    eventEdgeFrom: Int32Array.from(evFrom),
    eventEdgeTo: Int32Array.from(evTo),
    state,
    loss,
    defaultStep,
    defaultOrder: Int32Array.from(order),
    flowEdge: Int32Array.from(keys, (k) => Math.floor(k / T)),
    flowStep: Int32Array.from(keys, (k) => k % T),
    flowUsd: Float64Array.from(keys, (k) => flows.get(k) as number),
    unmappedUsd: unmapped,
  };
}
