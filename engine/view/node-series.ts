import { CHANNELS, isEquityChannel } from '../losses/loss-graph';
import type { Simulation } from '../sim/simulation';
import type { NodeSeries } from './view-types';

const CAUSES = 10;

/**
 * One node through a run: its balance per step (the `nodes` table of MODEL §6) and the loss edges
 * that reached it (§5), summed per step by channel and over the run by cause. Null for an unknown node.
 */
export function nodeSeries(runId: string, sim: Simulation, node: string): NodeSeries | null {
  const m = sim.cw.model;
  const i = m.nodeIds.indexOf(node);
  if (i < 0) return null;
  const T = sim.stepsRun;
  const nN = m.nodeIds.length;
  const nA = m.assetIds.length;
  const r = sim.recorder.nodes;
  const equity = new Array<number>(T).fill(NaN);
  const external = new Array<number>(T).fill(NaN);
  const obligations = new Array<number>(T).fill(NaN);
  const payments = new Array<number>(T).fill(NaN);
  const steps = r.step.view();
  const nodes = r.node.view();
  // Rows are step-major, one per node per step; scan in case that ever changes.
  for (let k = i; k < steps.length; k += nodes[k] === i ? nN : 1) {
    if (nodes[k] !== i) continue;
    const t = steps[k] as number;
    equity[t] = r.equity_usd.get(k);
    external[t] = r.external_usd.get(k);
    obligations[t] = r.obligations_usd.get(k);
    payments[t] = r.payments_usd.get(k);
  }

  const g = sim.loss;
  const to = g.to.view();
  const ch = g.channel.view();
  const from = g.from.view();
  const st = g.step.view();
  const amt = g.amount.view();
  const equityChannels = CHANNELS.filter((_, c) => isEquityChannel(c));
  const perChannel = equityChannels.map(() => new Array<number>(T).fill(0));
  const causes = new Map<string, { from: string; channel: string; amountUsd: number }>();
  let total = 0;
  const vertex = (v: number): string => (v < nN ? (m.nodeIds[v] as string) : v < nN + nA ? (m.assetIds[v - nN] as string) : `event:${v - nN - nA}`);
  for (let k = 0; k < to.length; k++) {
    if (to[k] !== i) continue;
    const c = ch[k] as number;
    if (!isEquityChannel(c)) continue;
    const x = amt[k] as number;
    const t = st[k] as number;
    const series = perChannel[c] as number[];
    if (t < T) series[t] = (series[t] as number) + x;
    total += x;
    const who = vertex(from[k] as number);
    const key = `${who}\n${c}`;
    const hit = causes.get(key);
    if (hit) hit.amountUsd += x;
    else causes.set(key, { from: who, channel: CHANNELS[c] as string, amountUsd: x });
  }
  const ranked = [...causes.values()].sort((a, b) => Math.abs(b.amountUsd) - Math.abs(a.amountUsd) || (a.from < b.from ? -1 : 1));
  const byCause = ranked.slice(0, CAUSES);
  if (ranked.length > CAUSES) {
    const rest = ranked.slice(CAUSES).reduce((s, c) => s + c.amountUsd, 0);
    byCause.push({ from: `${ranked.length - CAUSES} other causes`, channel: 'other', amountUsd: rest });
  }
  const d = sim.s.defaultStep[i] as number;
  return {
    runId,
    node,
    kind: m.nodeIsVenue[i] ? 'venue' : 'entity',
    defaultStep: d >= 0 ? d : null,
    equityStartUsd: sim.start.equity[i] as number,
    equity,
    external,
    obligations,
    payments,
    byChannel: equityChannels.map((channel, c) => ({ channel, perStep: perChannel[c] as number[] })),
    byCause,
    totalLossUsd: total,
  };
}
