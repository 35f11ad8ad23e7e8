import type { LossGraph } from './loss-graph';

interface Candidate {
  from: number;
  sum: number;
  latest: number;
}

/** Best first: the larger sum, then the lower index. */
function before(sum: number, from: number, c: Candidate): boolean {
  return sum > c.sum || (sum === c.sum && from < c.from);
}

/** How many of a vertex's best sources are kept per bound; a walk needing more rescans. */
const TOP = 6;

/**
 * Contagion paths (MODEL §5): from a vertex, walk back along the largest incoming edge — by
 * impact, summed over the steps up to the current bound, losses only, never revisiting — until
 * a scenario event. The bound starts at the node's step and becomes the latest step of each
 * edge taken. Returns vertex names' indices from the cause to the node; empty when nothing
 * came in. The ranked sources of each (vertex, bound) are computed once and shared by every
 * walk, so paths for all nodes cost about one pass over the graph.
 */
export class PathFinder {
  /** Incoming edges of vertex v: [start[v], start[v+1]), in graph order, so by step. */
  private readonly start: Int32Array;
  private readonly from: Int32Array;
  private readonly impact: Float64Array;
  private readonly step: Int32Array;
  private readonly cache = new Map<number, Candidate[]>();
  private readonly maxStep: number;
  /** Per-source scratch of `ranked`: sums, latest steps, and the walk that last touched each. */
  private readonly sum: Float64Array;
  private readonly latest: Int32Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private calls = 0;

  constructor(private readonly g: LossGraph) {
    const V = g.vertices;
    const n = g.length;
    const to = g.to.view();
    const from = g.from.view();
    const amount = g.amount.view();
    // The graph keeps steps as runs of edges and impact only where it is not the amount: read
    // as such, neither column is built for the paths.
    const { stepOf, stepEnd } = g.stepRuns();
    const { impactAt, impactValue } = g.impactsApart();
    const start = new Int32Array(V + 1);
    let maxStep = 0;
    for (let k = 0; k < n; k++) {
      const v = (to[k] as number) + 1;
      start[v] = (start[v] as number) + 1;
    }
    for (let r = 0; r < stepOf.length; r++) if ((stepOf[r] as number) > maxStep) maxStep = stepOf[r] as number;
    this.maxStep = maxStep;
    for (let v = 0; v < V; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
    // Copied out in graph order, whose steps never decrease: each vertex's edges stay by step.
    const fill = start.slice(0, V);
    this.from = new Int32Array(n);
    this.step = new Int32Array(n);
    this.impact = new Float64Array(n);
    let run = 0;
    let apart = 0;
    for (let k = 0; k < n; k++) {
      while (k >= (stepEnd[run] as number)) run++;
      const v = to[k] as number;
      const at = fill[v] as number;
      fill[v] = at + 1;
      this.from[at] = from[k] as number;
      this.step[at] = stepOf[run] as number;
      if (k === impactAt[apart]) this.impact[at] = impactValue[apart++] as number;
      else this.impact[at] = amount[k] as number;
    }
    this.start = start;
    this.sum = new Float64Array(V);
    this.latest = new Int32Array(V);
    this.stamp = new Int32Array(V);
    this.touched = new Int32Array(V);
  }

  path(vertex: number, step: number): number[] {
    const firstEvent = this.g.nodes + this.g.assets;
    const visited = new Set<number>([vertex]);
    const chain = [vertex];
    let at = vertex;
    let bound = Math.min(step, this.maxStep);
    while (at < firstEvent) {
      let next: Candidate | undefined = this.ranked(at, bound, null).find((c) => !visited.has(c.from));
      if (!next && this.ranked(at, bound, null).length === TOP) next = this.ranked(at, bound, visited)[0];
      if (!next) break;
      visited.add(next.from);
      chain.push(next.from);
      bound = next.latest;
      at = next.from;
    }
    return chain.length > 1 ? chain.reverse() : [];
  }

  /** The best TOP sources of `at` with a positive impact up to `bound`, best first (ties: lower index). */
  private ranked(at: number, bound: number, exclude: Set<number> | null): Candidate[] {
    const key = at * (this.maxStep + 1) + bound;
    if (!exclude) {
      const hit = this.cache.get(key);
      if (hit) return hit;
    }
    const stamp = ++this.calls;
    const { sum, latest, touched } = this;
    let nTouched = 0;
    const end = this.start[at + 1] as number;
    for (let k = this.start[at] as number; k < end; k++) {
      const s = this.step[k] as number;
      if (s > bound) break;
      const from = this.from[k] as number;
      if (exclude && exclude.has(from)) continue;
      if (this.stamp[from] !== stamp) {
        this.stamp[from] = stamp;
        sum[from] = this.impact[k] as number;
        touched[nTouched++] = from;
      } else sum[from] = (sum[from] as number) + (this.impact[k] as number);
      latest[from] = s;
    }
    // The best TOP sources, kept sorted while scanning (a vertex can have thousands).
    const top: Candidate[] = [];
    for (let i = 0; i < nTouched; i++) {
      const from = touched[i] as number;
      const total = sum[from] as number;
      if (!(total > 0)) continue;
      if (top.length === TOP && !before(total, from, top[TOP - 1] as Candidate)) continue;
      let at = top.length === TOP ? TOP - 1 : top.length;
      while (at > 0 && before(total, from, top[at - 1] as Candidate)) at--;
      if (top.length === TOP) top.pop();
      top.splice(at, 0, { from, sum: total, latest: latest[from] as number });
    }
    if (!exclude) this.cache.set(key, top);
    return top;
  }
}
