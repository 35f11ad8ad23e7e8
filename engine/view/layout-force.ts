import { Prng } from '../util/prng';
import { QuadTree } from './layout-quadtree';

export interface ForceLayoutOptions {
  /** Seed of the initial positions: the same graph and seed give the same layout, bit for bit. */
  seed: number | string;
  /** Iterations; by default fewer as graphs grow (400 up to 2k vertices, 120 past 20k). */
  iterations?: number;
  /** Barnes–Hut opening angle: larger is faster and coarser. */
  theta?: number;
  /** Vertices to leave where `fixed` puts them (x, y interleaved; NaN = free). */
  fixed?: Float32Array;
}

/** Layout units: positions are scaled to fit a square of this side. */
export const LAYOUT_SIDE = 1000;

const REPULSION = 4;
const GRAVITY = 0.02;

function defaultIterations(n: number): number {
  if (n <= 2000) return 400;
  if (n <= 20000) return 200;
  return 120;
}

/**
 * A force-directed layout (ForceAtlas2-style: repulsion between vertices ∝ the product of their
 * degrees + 1 over distance, computed with a Barnes–Hut quadtree; linear attraction along edges;
 * gravity to the centre so that parts do not drift apart), with a cooling step size. Pure and
 * deterministic: positions come from the seed and the edge list only. Returns x, y interleaved,
 * scaled into [0, LAYOUT_SIDE]².
 */
export function forceLayout(n: number, from: Int32Array, to: Int32Array, opts: ForceLayoutOptions): Float32Array {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const fx = new Float64Array(n);
  const fy = new Float64Array(n);
  const mass = new Float64Array(n).fill(1);
  for (let e = 0; e < from.length; e++) {
    const a = from[e] as number;
    const b = to[e] as number;
    if (a === b) continue;
    mass[a] = (mass[a] as number) + 1;
    mass[b] = (mass[b] as number) + 1;
  }
  const rng = new Prng(opts.seed);
  const radius = Math.sqrt(n) * 4 + 1;
  for (let i = 0; i < n; i++) {
    const r = radius * Math.sqrt(rng.next());
    const a = 2 * Math.PI * rng.next();
    x[i] = r * Math.cos(a);
    y[i] = r * Math.sin(a);
  }
  const fixed = opts.fixed;
  const isFixed = new Uint8Array(n);
  if (fixed) {
    for (let i = 0; i < n; i++) {
      const fxv = fixed[2 * i] as number;
      const fyv = fixed[2 * i + 1] as number;
      if (Number.isFinite(fxv) && Number.isFinite(fyv)) {
        isFixed[i] = 1;
        x[i] = fxv;
        y[i] = fyv;
      }
    }
  }
  const iterations = opts.iterations ?? defaultIterations(n);
  const theta2 = (opts.theta ?? 1.0) ** 2;
  const tree = new QuadTree(n);
  const stack = new Int32Array(64 * 4 + 16);
  let step = radius / 10;
  const minStep = radius / 5000;
  const cool = Math.pow(minStep / step, 1 / Math.max(1, iterations));

  for (let it = 0; it < iterations; it++) {
    fx.fill(0);
    fy.fill(0);
    tree.build(x, y, mass);
    for (let i = 0; i < n; i++) repel(i, x, y, mass, tree, theta2, fx, fy, stack);
    for (let e = 0; e < from.length; e++) {
      const a = from[e] as number;
      const b = to[e] as number;
      if (a === b) continue;
      const dx = (x[b] as number) - (x[a] as number);
      const dy = (y[b] as number) - (y[a] as number);
      fx[a] = (fx[a] as number) + dx;
      fy[a] = (fy[a] as number) + dy;
      fx[b] = (fx[b] as number) - dx;
      fy[b] = (fy[b] as number) - dy;
    }
    for (let i = 0; i < n; i++) {
      if (isFixed[i]) continue;
      const mi = mass[i] as number;
      const xi = x[i] as number;
      const yi = y[i] as number;
      const d = Math.sqrt(xi * xi + yi * yi);
      let gx = (fx[i] as number) - (d > 0 ? (GRAVITY * mi * xi) / d * Math.sqrt(d) : 0);
      let gy = (fy[i] as number) - (d > 0 ? (GRAVITY * mi * yi) / d * Math.sqrt(d) : 0);
      // Heavy hubs move less; no vertex moves further than the current step in one iteration.
      gx /= mi;
      gy /= mi;
      const len = Math.sqrt(gx * gx + gy * gy);
      if (len > step) {
        gx *= step / len;
        gy *= step / len;
      }
      x[i] = xi + gx;
      y[i] = yi + gy;
    }
    step *= cool;
  }
  return fit(x, y, isFixed, fixed);
}

/** Adds the repulsion on vertex i from every other vertex (far cells as one mass) to fx, fy. */
function repel(i: number, x: Float64Array, y: Float64Array, mass: Float64Array, tree: QuadTree, theta2: number, fx: Float64Array, fy: Float64Array, stack: Int32Array): void {
  if (tree.cells === 0) return;
  const xi = x[i] as number;
  const yi = y[i] as number;
  const k = REPULSION * (mass[i] as number);
  let sx = 0;
  let sy = 0;
  let top = 0;
  stack[top++] = 0;
  const { child, lo, hi, side, cx, cy, order } = tree;
  const cm = tree.mass;
  while (top > 0) {
    const c = stack[--top] as number;
    const mc = cm[c] as number;
    if (mc === 0) continue;
    const first = child[c] as number;
    const dx = xi - (cx[c] as number);
    const dy = yi - (cy[c] as number);
    const d2 = dx * dx + dy * dy;
    const s = side[c] as number;
    if (first >= 0 && s * s < theta2 * d2) {
      const f = (k * mc) / d2;
      sx += dx * f;
      sy += dy * f;
      continue;
    }
    if (first < 0) {
      for (let q = lo[c] as number; q < (hi[c] as number); q++) {
        const j = order[q] as number;
        if (j === i) continue;
        let ddx = xi - (x[j] as number);
        let ddy = yi - (y[j] as number);
        let dd = ddx * ddx + ddy * ddy;
        if (dd < 1e-12) {
          // Coincident points: push apart along a direction fixed by the pair, not at random.
          const a = ((i * 7919 + j * 104729) % 6283) / 1000;
          ddx = Math.cos(a) * 1e-3;
          ddy = Math.sin(a) * 1e-3;
          dd = 1e-6;
        }
        const f = (k * (mass[j] as number)) / dd;
        sx += ddx * f;
        sy += ddy * f;
      }
      continue;
    }
    if (top + 4 > stack.length) throw new Error('layout: quadtree deeper than its stack');
    stack[top++] = first;
    stack[top++] = first + 1;
    stack[top++] = first + 2;
    stack[top++] = first + 3;
  }
  fx[i] = (fx[i] as number) + sx;
  fy[i] = (fy[i] as number) + sy;
}

/** Scales free positions into [0, LAYOUT_SIDE]² (aspect kept); fixed ones stay as given. */
function fit(x: Float64Array, y: Float64Array, isFixed: Uint8Array, fixed: Float32Array | undefined): Float32Array {
  const n = x.length;
  const out = new Float32Array(2 * n);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let anyFixed = false;
  for (let i = 0; i < n; i++) {
    if (isFixed[i]) anyFixed = true;
    x0 = Math.min(x0, x[i] as number);
    x1 = Math.max(x1, x[i] as number);
    y0 = Math.min(y0, y[i] as number);
    y1 = Math.max(y1, y[i] as number);
  }
  if (anyFixed && fixed) {
    for (let i = 0; i < n; i++) {
      out[2 * i] = x[i] as number;
      out[2 * i + 1] = y[i] as number;
    }
    return out;
  }
  const span = Math.max(x1 - x0, y1 - y0, 1e-9);
  const scale = LAYOUT_SIDE / span;
  const ox = (LAYOUT_SIDE - (x1 - x0) * scale) / 2;
  const oy = (LAYOUT_SIDE - (y1 - y0) * scale) / 2;
  for (let i = 0; i < n; i++) {
    out[2 * i] = n === 1 ? LAYOUT_SIDE / 2 : ox + ((x[i] as number) - x0) * scale;
    out[2 * i + 1] = n === 1 ? LAYOUT_SIDE / 2 : oy + ((y[i] as number) - y0) * scale;
  }
  return out;
}
