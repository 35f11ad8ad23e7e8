import { forceLayout, LAYOUT_SIDE } from './layout-force';
import type { NetworkStructure } from './network-graph';

/** Up to this many vertices every vertex takes part in the force layout. */
export const FORCE_LIMIT = 8000;

/**
 * Positions of a network's vertices (x, y interleaved, in [0, LAYOUT_SIDE]²), deterministic from
 * the structure. Small networks: a force layout of every vertex. Large ones: a force layout of
 * the groups (each venue, asset and oracle alone; entities by their main venue), then each
 * group's members on a sunflower spiral around its place, sized by how many there are — linear
 * in the vertices after the group layout, and readable where a hairball of 50k would not be.
 */
export function layoutNetwork(g: NetworkStructure, seed: number | string = 'firebreak'): Float32Array {
  const V = g.ids.length;
  if (V <= FORCE_LIMIT) return forceLayout(V, g.edgeFrom, g.edgeTo, { seed });
  return groupedLayout(g, seed);
}

function groupedLayout(g: NetworkStructure, seed: number | string): Float32Array {
  const V = g.ids.length;
  const G = g.groupLabels.length;
  const members = new Int32Array(G);
  for (let v = 0; v < V; v++) members[g.group[v] as number] = (members[g.group[v] as number] as number) + 1;
  // Group edges, deduplicated; a large group is a star of satellites so that it takes room in the layout.
  const seen = new Set<number>();
  const from: number[] = [];
  const to: number[] = [];
  for (let e = 0; e < g.edgeFrom.length; e++) {
    const a = g.group[g.edgeFrom[e] as number] as number;
    const b = g.group[g.edgeTo[e] as number] as number;
    if (a === b) continue;
    const key = a < b ? a * G + b : b * G + a;
    if (seen.has(key)) continue;
    seen.add(key);
    from.push(a);
    to.push(b);
  }
  const xy = forceLayout(G, Int32Array.from(from), Int32Array.from(to), { seed, iterations: G <= 2000 ? 400 : 200 });
  // Room per vertex: the spirals of all groups together cover about a third of the square.
  const unit = Math.sqrt((LAYOUT_SIDE * LAYOUT_SIDE) / 3 / Math.max(1, V) / Math.PI);
  const out = new Float32Array(2 * V);
  const placed = new Int32Array(G);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let v = 0; v < V; v++) {
    const gr = g.group[v] as number;
    const k = placed[gr] as number;
    placed[gr] = k + 1;
    const r = unit * Math.sqrt(k);
    const a = k * golden;
    out[2 * v] = (xy[2 * gr] as number) + r * Math.cos(a);
    out[2 * v + 1] = (xy[2 * gr + 1] as number) + r * Math.sin(a);
  }
  return out;
}
