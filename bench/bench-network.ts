import { performance } from 'node:perf_hooks';
import { forceLayout } from '../engine/view/layout-force';
import { layoutNetwork } from '../engine/view/layout-network';
import type { NetworkStructure } from '../engine/view/network-graph';
import { Prng } from '../engine/util/prng';

/**
 * Layout time of the contagion network (engine/view/layout-force.ts) at 5k and 50k vertices, on
 * a synthetic graph shaped like a workspace's: a few hubs (venues, assets) that most entities
 * use, and sparse obligations between entities. Prints the figures; run with
 *   npx esbuild bench/bench-network.ts --bundle --platform=node --format=esm --outfile=/tmp/bench-network.mjs && node /tmp/bench-network.mjs
 */
function workspaceLike(n: number, seed: number): { from: Int32Array; to: Int32Array; hubs: number } {
  const rng = new Prng(seed);
  const hubs = Math.max(10, Math.round(n / 200));
  const from: number[] = [];
  const to: number[] = [];
  for (let i = hubs; i < n; i++) {
    const links = 1 + rng.int(3);
    for (let k = 0; k < links; k++) {
      from.push(i);
      to.push(rng.int(hubs));
    }
    if (rng.chance(0.3)) {
      from.push(i);
      to.push(hubs + rng.int(n - hubs));
    }
  }
  for (let h = 1; h < hubs; h++) {
    from.push(h);
    to.push(rng.int(h));
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), hubs };
}

for (const n of [5_000, 50_000]) {
  const g = workspaceLike(n, 7);
  const times: number[] = [];
  const runs = n <= 5000 ? 3 : 1;
  let first: Float32Array | null = null;
  let same = true;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const xy = forceLayout(n, g.from, g.to, { seed: 'bench' });
    times.push(performance.now() - t0);
    if (first === null) first = xy;
    else same &&= first.every((v, i) => v === xy[i]);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(`layout ${n} vertices, ${g.from.length} edges: median ${(median / 1000).toFixed(2)} s over ${runs} run(s)${runs > 1 ? `; identical: ${same}` : ''}`);
}

// What the engine runs (engine/view/layout-network.ts): every vertex up to 8k, else groups (each hub alone, the rest by their first hub) and spirals.
for (const n of [5_000, 50_000]) {
  const g = workspaceLike(n, 7);
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = i < g.hubs ? i : g.hubs + (g.to[g.from.indexOf(i)] as number);
  const structure = { ids: Array.from({ length: n }, (_, i) => `v${i}`), group, groupLabels: Array.from({ length: 2 * g.hubs }, (_, k) => `g${k}`), edgeFrom: g.from, edgeTo: g.to } as unknown as NetworkStructure;
  const t0 = performance.now();
  layoutNetwork(structure);
  console.log(`layoutNetwork ${n} vertices (${n > 8000 ? 'grouped' : 'every vertex'}): ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
