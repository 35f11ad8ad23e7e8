import { CHANNELS } from '../losses/loss-graph';
import { PathFinder } from '../losses/paths';
import type { Simulation } from '../sim/simulation';
import { eventLabelsById } from './network-events';
import type { ContagionPath, PathHop } from './network-types';

const finders = new WeakMap<Simulation, PathFinder>();

/**
 * The contagion path of a node or asset (MODEL §5) as of `step` (null: the last step run): the
 * walk of engine/losses/paths from the node's default step (or `step`, when earlier or when it
 * did not default) back to an event, with each hop's amount — the impact of the loss edges
 * between the two vertices up to that hop's step bound, as the walk summed them (USD). Null for
 * an unknown id.
 */
export function contagionPath(runId: string, sim: Simulation, id: string, step: number | null): ContagionPath | null {
  const m = sim.cw.model;
  const g = sim.loss;
  const nN = m.nodeIds.length;
  const nA = m.assetIds.length;
  let v = m.nodeIds.indexOf(id);
  if (v < 0) {
    const a = m.assetIds.indexOf(id);
    if (a < 0) return null;
    v = nN + a;
  }
  const last = sim.stepsRun - 1;
  const asked = step === null ? last : Math.max(0, Math.min(last, step));
  const d = v < nN ? (sim.s.defaultStep[v] as number) : -1;
  const from = d >= 0 ? Math.min(d, asked) : asked;
  let finder = finders.get(sim);
  if (!finder) {
    finder = new PathFinder(g);
    finders.set(sim, finder);
  }
  const chain = finder.path(v, from);
  const name = (x: number) => (x < nN ? (m.nodeIds[x] as string) : x < nN + nA ? (m.assetIds[x - nN] as string) : `event:${x - nN - nA}`);
  // Every hop's edges in one pass over the graph, in its order (chain vertices are distinct:
  // a hop is known by its target), then summed hop by hop from the node back, as the walk did.
  const hopInto = new Int32Array(g.vertices).fill(-1);
  for (let h = 1; h < chain.length; h++) hopInto[chain[h] as number] = h;
  const edgesOf: { step: number; impact: number; channel: number }[][] = chain.map(() => []);
  const to = g.to.view();
  const fromCol = g.from.view();
  const channel = g.channel.view();
  const amount = g.amount.view();
  const { stepOf, stepEnd } = g.stepRuns();
  const { impactAt, impactValue } = g.impactsApart();
  for (let r = 0, k = 0, apart = 0; r < stepOf.length; r++) {
    for (const end = stepEnd[r] as number; k < end; k++) {
      const h = hopInto[to[k] as number] as number;
      if (h < 0 || fromCol[k] !== chain[h - 1]) continue;
      while (apart < impactAt.length && (impactAt[apart] as number) < k) apart++;
      const impact = impactAt[apart] === k ? (impactValue[apart] as number) : (amount[k] as number);
      (edgesOf[h] as { step: number; impact: number; channel: number }[]).push({ step: stepOf[r] as number, impact, channel: channel[k] as number });
    }
  }
  const hops: PathHop[] = [];
  let bound = from;
  const byChannel = new Float64Array(CHANNELS.length);
  for (let h = chain.length - 1; h > 0; h--) {
    byChannel.fill(0);
    let sum = 0;
    let latest = -1;
    for (const e of edgesOf[h] as { step: number; impact: number; channel: number }[]) {
      if (e.step > bound) continue;
      sum += e.impact;
      byChannel[e.channel] = (byChannel[e.channel] as number) + e.impact;
      if (e.step > latest) latest = e.step;
    }
    let best = 0;
    for (let c = 1; c < CHANNELS.length; c++) if ((byChannel[c] as number) > (byChannel[best] as number)) best = c;
    hops.push({ from: name(chain[h - 1] as number), to: name(chain[h] as number), channel: CHANNELS[best] as string, amountUsd: sum, step: latest });
    bound = latest;
  }
  hops.reverse();
  const vertices = chain.map(name);
  const eventLabel = eventLabelsById(sim);
  return { runId, node: id, step: from, vertices, labels: vertices.map((x) => eventLabel.get(x) ?? x), hops };
}
