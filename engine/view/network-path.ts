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
  const hops: PathHop[] = [];
  let bound = from;
  const byChannel = new Float64Array(CHANNELS.length);
  for (let h = chain.length - 1; h > 0; h--) {
    const src = chain[h - 1] as number;
    const dst = chain[h] as number;
    byChannel.fill(0);
    let sum = 0;
    let latest = -1;
    for (let k = 0; k < g.length; k++) {
      if (g.to.get(k) !== dst || g.from.get(k) !== src) continue;
      const s = g.step.get(k);
      if (s > bound) continue;
      const x = g.impact.get(k);
      sum += x;
      byChannel[g.channel.get(k)] = (byChannel[g.channel.get(k)] as number) + x;
      if (s > latest) latest = s;
    }
    let best = 0;
    for (let c = 1; c < CHANNELS.length; c++) if ((byChannel[c] as number) > (byChannel[best] as number)) best = c;
    hops.push({ from: name(src), to: name(dst), channel: CHANNELS[best] as string, amountUsd: sum, step: latest });
    bound = latest;
  }
  hops.reverse();
  const vertices = chain.map(name);
  const eventLabel = eventLabelsById(sim);
  return { runId, node: id, step: from, vertices, labels: vertices.map((x) => eventLabel.get(x) ?? x), hops };
}
