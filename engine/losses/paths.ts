import type { LossGraph } from './loss-graph';

interface Candidate {
  from: number;
  sum: number;
  latest: number;
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
  private readonly start: Int32Array;
  private readonly edges: Int32Array;
  private readonly cache = new Map<number, Candidate[]>();
  private readonly maxStep: number;

  constructor(private readonly g: LossGraph) {
    const V = g.vertices;
    const n = g.length;
    this.start = new Int32Array(V + 1);
    let maxStep = 0;
    for (let k = 0; k < n; k++) {
      const to = g.to.get(k) + 1;
      this.start[to] = (this.start[to] as number) + 1;
      maxStep = Math.max(maxStep, g.step.get(k));
    }
    this.maxStep = maxStep;
    for (let v = 0; v < V; v++) this.start[v + 1] = (this.start[v + 1] as number) + (this.start[v] as number);
    const fill = this.start.slice(0, V);
    this.edges = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const to = g.to.get(k);
      this.edges[fill[to] as number] = k;
      fill[to] = (fill[to] as number) + 1;
    }
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

  /** Sources of `at` with a positive impact up to `bound`, best first (ties: lower index). */
  private ranked(at: number, bound: number, exclude: Set<number> | null): Candidate[] {
    const key = at * (this.maxStep + 1) + bound;
    if (!exclude) {
      const hit = this.cache.get(key);
      if (hit) return hit;
    }
    const g = this.g;
    const sums = new Map<number, Candidate>();
    for (let k = this.start[at] as number; k < (this.start[at + 1] as number); k++) {
      const e = this.edges[k] as number;
      const s = g.step.get(e);
      const from = g.from.get(e);
      if (s > bound || (exclude && exclude.has(from))) continue;
      const c = sums.get(from);
      if (c) {
        c.sum += g.impact.get(e);
        if (s > c.latest) c.latest = s;
      } else sums.set(from, { from, sum: g.impact.get(e), latest: s });
    }
    const list = [...sums.values()].filter((c) => c.sum > 0).sort((a, b) => b.sum - a.sum || a.from - b.from);
    if (exclude) return list;
    const top = list.slice(0, TOP);
    this.cache.set(key, top);
    return top;
  }
}
