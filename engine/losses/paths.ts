import { F64Column, I32Column } from '../util/growable';
import type { LossGraph } from './loss-graph';

/** How many of a vertex's best sources are kept per bound; a walk needing more rescans. */
const TOP = 6;

/** Sizes a PathFinder works within (smaller ones in tests reach the paths large graphs take). */
export interface PathLimits {
  /** At most this many (query, asset) sums are taken in the first pass over the graph; the other queries are summed along their vertex's list. */
  passSums: number;
  /** Up to this many (vertex, bound) keys are indexed by a typed array; past it, by a Map. */
  denseKeys: number;
}

const LIMITS: PathLimits = { passSums: 1 << 22, denseKeys: 1 << 23 };

/** Reads the impact of edges visited in ascending order: their amount, except where impactAt lists them. */
class ImpactCursor {
  private i = 0;
  private next: number;

  constructor(
    private readonly impactAt: Int32Array,
    private readonly impactValue: Float64Array,
    private readonly edges: number,
  ) {
    this.next = impactAt.length > 0 ? (impactAt[0] as number) : edges;
  }

  at(k: number, amount: number): number {
    if (k < this.next) return amount;
    while (this.next < k) this.next = ++this.i < this.impactAt.length ? (this.impactAt[this.i] as number) : this.edges;
    return this.next === k ? (this.impactValue[this.i] as number) : amount;
  }
}

/**
 * Int32 scratch of finders that are done (the summary's), lent to the next finder: a 1M run's
 * summary takes ~20 MB of it (edge links, key tables), new memory every time before — page
 * faults and garbage for each run's summary.
 */
const lent: Int32Array[] = [];
const LENT_KEPT = 3;

/** An Int32Array of length n, its contents undefined: lent when one is free, else new. */
function borrow(n: number): Int32Array {
  let best = -1;
  for (let i = 0; i < lent.length; i++) {
    const len = (lent[i] as Int32Array).length;
    if (len >= n && (best < 0 || len < (lent[best] as Int32Array).length)) best = i;
  }
  if (best < 0) return new Int32Array(n);
  const a = lent.splice(best, 1)[0] as Int32Array;
  return a.length === n ? a : a.subarray(0, n);
}

function giveBack(a: Int32Array): void {
  lent.push(new Int32Array(a.buffer));
  if (lent.length > LENT_KEPT) lent.sort((x, y) => y.length - x.length).pop();
}

/** Non-negative integers by key (−1 for none): a typed array when the keys are few enough, else a Map. */
class KeyTable {
  readonly dense: Int32Array | null;
  private readonly map: Map<number, number> | null;

  constructor(keys: number, denseKeys: number) {
    this.dense = keys <= denseKeys ? borrow(keys).fill(-1) : null;
    this.map = this.dense ? null : new Map();
  }

  get(key: number): number {
    return this.dense ? (this.dense[key] as number) : (this.map?.get(key) ?? -1);
  }

  set(key: number, value: number): void {
    if (this.dense) this.dense[key] = value;
    else this.map?.set(key, value);
  }
}

/** A best-first list of sources (at most TOP), in three arrays from `base`. */
interface Ranks {
  from: Int32Array;
  sum: Float64Array;
  latest: Int32Array;
}

/** Best first: the larger sum, then the lower index. */
function beats(sum: number, from: number, r: Ranks, i: number): boolean {
  const other = r.sum[i] as number;
  return sum > other || (sum === other && from < (r.from[i] as number));
}

/** Inserts a source into the list of `count` at r[base…] if its sum is a loss; returns the new count. */
function offer(r: Ranks, base: number, count: number, from: number, sum: number, latest: number): number {
  if (!(sum > 0)) return count;
  if (count === TOP && !beats(sum, from, r, base + TOP - 1)) return count;
  let i = base + (count === TOP ? TOP - 1 : count);
  for (; i > base && beats(sum, from, r, i - 1); i--) {
    r.from[i] = r.from[i - 1] as number;
    r.sum[i] = r.sum[i - 1] as number;
    r.latest[i] = r.latest[i - 1] as number;
  }
  r.from[i] = from;
  r.sum[i] = sum;
  r.latest[i] = latest;
  return count === TOP ? TOP : count + 1;
}

/** Edges not from an asset, by target: [start[v], start[v+1]), in graph order, so by step. */
interface OtherEdges {
  start: Int32Array;
  from: Int32Array;
  step: Int32Array;
  impact: Float64Array;
  /**
   * The edges from assets into each vertex as a list, last first: lastInto[v], then prevInto of
   * each (−1 ends it). A vertex's sums at a later bound are read from its list, not a pass.
   */
  lastInto: Int32Array;
  prevInto: Int32Array;
}

/**
 * Contagion paths (MODEL §5): from a vertex, walk back along the largest incoming edge — by
 * impact, summed over the steps up to the current bound, losses only, never revisiting — until
 * a scenario event. The bound starts at the node's step and becomes the latest step of each
 * edge taken. A walk that reaches a vertex with no way on (its sources all on the walk
 * already) steps back and takes the next largest edge there, so a path ends at an event
 * whenever one can be reached; when none can, the path is the first walk as it stopped.
 * Returns vertex names' indices from the cause to the node; empty when nothing came in.
 *
 * Edges from assets (market and trigger edges: nine in ten of a graph) are never copied: the
 * walks advance together, a hop at a time. The first hop's sums from each asset, per (vertex,
 * bound), are taken in one pass over the graph in its order, which also copies the other edges
 * out by target and links each vertex's edges from assets into a list; later hops sum along
 * those lists. Sums come in graph order either way — a source's edges into a vertex are all of
 * one kind — so they are those of a walk over every edge by target.
 */
export class PathFinder {
  private readonly nodes: number;
  private readonly assets: number;
  private readonly maxStep: number;
  private other: OtherEdges | null = null;
  /**
   * Per (vertex, bound) key: its row of sums from the assets in assetSum and assetLatest (the
   * latest step of each, −1 for none); −2 while a pass for it is pending. Asset a's is at
   * rowCell[row] + a × rowStride[row]: a pass lays its sums out asset by asset, the order the
   * graph's market edges come in.
   */
  private readonly rowOf: KeyTable;
  private readonly rowCell = new I32Column();
  private readonly rowStride = new I32Column();
  private readonly assetSum = new F64Column();
  private readonly assetLatest = new I32Column();
  /** Per key: its best sources of either kind, at TOP × its slot of the rank columns, and how many. */
  private readonly slotOf: KeyTable;
  private readonly rankCount = new I32Column();
  private readonly rankFrom = new I32Column();
  private readonly rankSum = new F64Column();
  private readonly rankLatest = new I32Column();
  private readonly listScratch = new I32Column();
  /** A rescan's list (not kept). */
  private readonly spare: Ranks = { from: new Int32Array(TOP), sum: new Float64Array(TOP), latest: new Int32Array(TOP) };
  /** Per-source scratch of the copied-edge scan: sums, latest steps, and the scan that last touched each. */
  private readonly sum: Float64Array;
  private readonly latest: Int32Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private calls = 0;
  /** Its scratch went to the next finder (`release`). */
  private released = false;

  constructor(
    private readonly g: LossGraph,
    private readonly limits: PathLimits = LIMITS,
  ) {
    this.nodes = g.nodes;
    this.assets = g.assets;
    let maxStep = 0;
    for (const s of g.stepRuns().stepOf) if (s > maxStep) maxStep = s;
    this.maxStep = maxStep;
    const V = g.vertices;
    this.rowOf = new KeyTable(V * (maxStep + 1), limits.denseKeys);
    this.slotOf = new KeyTable(V * (maxStep + 1), limits.denseKeys);
    this.sum = new Float64Array(V);
    this.latest = new Int32Array(V);
    this.stamp = new Int32Array(V);
    this.touched = new Int32Array(V);
  }

  /**
   * The finder is done: its largest scratch goes to the next finder on this thread. Nothing of
   * it may be used after (the summary's finder; a finder kept for later paths is never released).
   */
  release(): void {
    if (this.released) return;
    if (this.other) giveBack(this.other.prevInto);
    if (this.rowOf.dense) giveBack(this.rowOf.dense);
    if (this.slotOf.dense) giveBack(this.slotOf.dense);
    this.other = null;
    this.released = true;
  }

  /** One path (see `paths`). */
  path(vertex: number, step: number): number[] {
    return this.paths([vertex], [step])[0] as number[];
  }

  /** The path of each vertices[i] from steps[i], walked together, a hop at a time. */
  paths(vertices: ArrayLike<number>, steps: ArrayLike<number>): number[][] {
    if (this.released) throw new Error('PathFinder.paths after release');
    const firstEvent = this.nodes + this.assets;
    const W = vertices.length;
    const at = new Int32Array(W);
    const bound = new Int32Array(W);
    // Each walk's vertices as a chain of hops back to its start: hopPrev[h] is the hop before h.
    const hopVertex = new I32Column(Math.max(16, 4 * W));
    const hopPrev = new I32Column(Math.max(16, 4 * W));
    const hopBound = new I32Column(Math.max(16, 4 * W));
    const last = new Int32Array(W);
    // Stepping back: the vertices each walk found no way on from (made when first needed), and
    // the last hop of its first stop (−1: never stopped), its path if no event can be reached.
    const dead: (Set<number> | undefined)[] = [];
    const firstStop = new Int32Array(W).fill(-1);
    let live = new Int32Array(W);
    let nLive = 0;
    for (let w = 0; w < W; w++) {
      const v = vertices[w] as number;
      at[w] = v;
      bound[w] = Math.min(steps[w] as number, this.maxStep);
      last[w] = hopVertex.length;
      hopVertex.push(v);
      hopPrev.push(-1);
      hopBound.push(bound[w] as number);
      if (v < firstEvent) live[nLive++] = w;
    }
    const wanted = new I32Column();
    while (nLive > 0) {
      wanted.clear();
      for (let i = 0; i < nLive; i++) {
        const w = live[i] as number;
        const v = at[w] as number;
        const key = this.key(v, bound[w] as number);
        if (this.rowOf.get(key) !== -1 || (this.other && (this.other.lastInto[v] as number) < 0)) continue;
        this.rowOf.set(key, -2);
        wanted.push(key);
      }
      this.sumFromAssets(wanted.view());
      const next = new Int32Array(nLive);
      let nNext = 0;
      for (let i = 0; i < nLive; i++) {
        const w = live[i] as number;
        const v = at[w] as number;
        const b = bound[w] as number;
        const slot = this.ranked(v, b);
        const base = slot * TOP;
        const count = this.rankCount.get(slot);
        const from = this.rankFrom.room(0);
        const hv = hopVertex.room(0);
        const hp = hopPrev.room(0);
        const deadEnds = dead[w];
        let pick = -1;
        for (let k = base; k < base + count; k++) {
          const f = from[k] as number;
          if (onChain(hv, hp, last[w] as number, f) || deadEnds?.has(f)) continue;
          pick = k;
          break;
        }
        let src: number;
        let step: number;
        if (pick >= 0) {
          src = from[pick] as number;
          step = this.rankLatest.get(pick);
        } else if (count === TOP && this.rescan(v, b, excluded(hv, hp, last[w] as number, deadEnds)) > 0) {
          src = this.spare.from[0] as number;
          step = this.spare.latest[0] as number;
        } else {
          const h = last[w] as number;
          const back = hp[h] as number;
          if ((firstStop[w] as number) < 0) firstStop[w] = h;
          if (back < 0) {
            // Back at the start: no event can be reached; the first stop's walk is the path.
            last[w] = firstStop[w] as number;
            continue;
          }
          (dead[w] ??= new Set()).add(v);
          last[w] = back;
          at[w] = hv[back] as number;
          bound[w] = hopBound.get(back);
          next[nNext++] = w;
          continue;
        }
        hopVertex.push(src);
        hopPrev.push(last[w] as number);
        hopBound.push(step);
        last[w] = hopVertex.length - 1;
        at[w] = src;
        bound[w] = step;
        if (src < firstEvent) next[nNext++] = w;
      }
      live = next;
      nLive = nNext;
    }
    const out: number[][] = [];
    const hv = hopVertex.view();
    const hp = hopPrev.view();
    for (let w = 0; w < W; w++) {
      const chain: number[] = [];
      for (let h = last[w] as number; h >= 0; h = hp[h] as number) chain.push(hv[h] as number);
      out.push(chain.length > 1 ? chain : []);
    }
    return out;
  }

  private key(at: number, bound: number): number {
    return at * (this.maxStep + 1) + bound;
  }

  /**
   * For each (vertex, bound) key, the sums of the edges from each asset into the vertex with a
   * step up to the bound. The first call's keys take one pass over the graph in its order (at
   * most limits.passSums sums and one bound per vertex; that pass also lists each vertex's edges from
   * assets); the others are summed along those lists.
   */
  private sumFromAssets(keys: Int32Array): void {
    let rest: ArrayLike<number> = keys;
    if (!this.other) {
      const per = Math.max(1, Math.floor(this.limits.passSums / Math.max(1, this.assets)));
      const span = this.maxStep + 1;
      const taken = new Uint8Array(this.g.vertices);
      const batch: number[] = [];
      const later: number[] = [];
      for (const key of keys) {
        const v = Math.floor(key / span);
        if (batch.length < per && !taken[v]) {
          taken[v] = 1;
          batch.push(key);
        } else later.push(key);
      }
      this.other = this.firstPass(batch);
      rest = later;
    }
    for (let i = 0; i < rest.length; i++) this.sumFromList(rest[i] as number, this.other);
  }

  /** One key's sums from its vertex's list of edges from assets, in graph order. */
  private sumFromList(key: number, o: OtherEdges): void {
    const g = this.g;
    const nA = this.assets;
    const span = this.maxStep + 1;
    const v = Math.floor(key / span);
    const bound = key - v * span;
    const { base, sums, latest } = this.cells(nA);
    this.addRow(key, base, 1);
    const list = this.listScratch;
    list.clear();
    for (let k = o.lastInto[v] as number; k >= 0; k = o.prevInto[k] as number) list.push(k);
    const ks = list.view();
    const from = g.from.view();
    const amount = g.amount.view();
    const { stepOf, stepEnd } = g.stepRuns();
    const { impactAt, impactValue } = g.impactsApart();
    const impacts = new ImpactCursor(impactAt, impactValue, amount.length);
    for (let i = ks.length - 1, r = 0; i >= 0; i--) {
      const k = ks[i] as number;
      while (k >= (stepEnd[r] as number)) r++;
      const s = stepOf[r] as number;
      if (s > bound) break;
      const at = base + (from[k] as number) - this.nodes;
      sums[at] = (sums[at] as number) + impacts.at(k, amount[k] as number);
      latest[at] = s;
    }
  }

  /** `n` new cells of sums (0) and latest steps (−1): where they start, and the columns' buffers. */
  private cells(n: number): { base: number; sums: Float64Array; latest: Int32Array } {
    const base = this.assetSum.length;
    const sums = this.assetSum.room(n);
    const latest = this.assetLatest.room(n);
    sums.fill(0, base, base + n);
    latest.fill(-1, base, base + n);
    this.assetSum.length = base + n;
    this.assetLatest.length = base + n;
    return { base, sums, latest };
  }

  /** Key `key`'s row: its asset a's cell at cell + a × stride. */
  private addRow(key: number, cell: number, stride: number): void {
    this.rowOf.set(key, this.rowCell.length);
    this.rowCell.push(cell);
    this.rowStride.push(stride);
  }

  /** Rows of sums for these keys (one per vertex at most): the query of each vertex, their bounds, the row cells. */
  private rows(keys: number[]): { queryOf: Int32Array; boundQ: Int32Array; base: number; sums: Float64Array; latest: Int32Array } {
    const span = this.maxStep + 1;
    const queryOf = new Int32Array(this.g.vertices).fill(-1);
    const boundQ = new Int32Array(keys.length);
    const stride = keys.length;
    const { base, sums, latest } = this.cells(stride * this.assets);
    for (let q = 0; q < keys.length; q++) {
      const key = keys[q] as number;
      const v = Math.floor(key / span);
      const b = key - v * span;
      boundQ[q] = b;
      queryOf[v] = q;
      this.addRow(key, base + q, stride);
    }
    return { queryOf, boundQ, base, sums, latest };
  }

  /**
   * The first pass: the sums of `keys`, and the edges not from an asset copied out by target
   * (counted here, with each one's place noted, then copied from those places).
   */
  private firstPass(keys: number[]): OtherEdges {
    const g = this.g;
    const V = g.vertices;
    const n = g.length;
    const nA = this.assets;
    const firstAsset = this.nodes;
    const to = g.to.view();
    const from = g.from.view();
    const amount = g.amount.view();
    const { stepOf, stepEnd } = g.stepRuns();
    const { impactAt, impactValue } = g.impactsApart();
    const { queryOf, boundQ, base, sums, latest } = this.rows(keys);
    const stride = keys.length;
    const start = new Int32Array(V + 1);
    const lastInto = new Int32Array(V).fill(-1);
    // Written for every edge from an asset before any is read; the others' entries are never read.
    const prevInto = borrow(n);
    const others = new I32Column();
    const impacts = new ImpactCursor(impactAt, impactValue, n);
    for (let r = 0, k = 0; r < stepOf.length; r++) {
      const s = stepOf[r] as number;
      for (const end = stepEnd[r] as number; k < end; k++) {
        const v = to[k] as number;
        const a = (from[k] as number) - firstAsset;
        if (a < 0 || a >= nA) {
          start[v + 1] = (start[v + 1] as number) + 1;
          others.push(k);
          continue;
        }
        prevInto[k] = lastInto[v] as number;
        lastInto[v] = k;
        const q = queryOf[v] as number;
        if (q < 0 || s > (boundQ[q] as number)) continue;
        const i = base + a * stride + q;
        sums[i] = (sums[i] as number) + impacts.at(k, amount[k] as number);
        latest[i] = s;
      }
    }
    for (let v = 0; v < V; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
    const fill = start.slice(0, V);
    const m = others.length;
    const out: OtherEdges = { start, from: new Int32Array(m), step: new Int32Array(m), impact: new Float64Array(m), lastInto, prevInto };
    const at = others.view();
    const otherImpacts = new ImpactCursor(impactAt, impactValue, n);
    for (let i = 0, r = 0; i < m; i++) {
      const k = at[i] as number;
      while (k >= (stepEnd[r] as number)) r++;
      const v = to[k] as number;
      const place = fill[v] as number;
      fill[v] = place + 1;
      out.from[place] = from[k] as number;
      out.step[place] = stepOf[r] as number;
      out.impact[place] = otherImpacts.at(k, amount[k] as number);
    }
    return out;
  }

  /** The slot of `at`'s best TOP sources with a positive impact up to `bound`, best first (ties: lower index). */
  private ranked(at: number, bound: number): number {
    const key = this.key(at, bound);
    const hit = this.slotOf.get(key);
    if (hit >= 0) return hit;
    const slot = this.rankCount.length;
    const base = slot * TOP;
    const r: Ranks = { from: this.rankFrom.room(TOP), sum: this.rankSum.room(TOP), latest: this.rankLatest.room(TOP) };
    const count = this.rank(at, bound, null, r, base);
    this.rankFrom.length = base + TOP;
    this.rankSum.length = base + TOP;
    this.rankLatest.length = base + TOP;
    this.rankCount.push(count);
    this.slotOf.set(key, slot);
    return slot;
  }

  /** The best source of `at` up to `bound` outside `exclude`, into `spare`; returns how many were ranked. */
  private rescan(at: number, bound: number, exclude: Set<number>): number {
    return this.rank(at, bound, exclude, this.spare, 0);
  }

  private rank(at: number, bound: number, exclude: Set<number> | null, r: Ranks, base: number): number {
    const o = this.other as OtherEdges;
    const stamp = ++this.calls;
    const { sum, latest, touched } = this;
    let nTouched = 0;
    const end = o.start[at + 1] as number;
    for (let k = o.start[at] as number; k < end; k++) {
      const s = o.step[k] as number;
      if (s > bound) break;
      const from = o.from[k] as number;
      if (exclude && exclude.has(from)) continue;
      if (this.stamp[from] !== stamp) {
        this.stamp[from] = stamp;
        sum[from] = o.impact[k] as number;
        touched[nTouched++] = from;
      } else sum[from] = (sum[from] as number) + (o.impact[k] as number);
      latest[from] = s;
    }
    let count = 0;
    for (let i = 0; i < nTouched; i++) {
      const from = touched[i] as number;
      count = offer(r, base, count, from, sum[from] as number, latest[from] as number);
    }
    const row = this.rowOf.get(this.key(at, bound));
    if (row >= 0) {
      const sums = this.assetSum.room(0);
      const steps = this.assetLatest.room(0);
      const stride = this.rowStride.get(row);
      for (let a = 0, i = this.rowCell.get(row); a < this.assets; a++, i += stride) {
        const from = this.nodes + a;
        const s = steps[i] as number;
        if (s >= 0 && (!exclude || !exclude.has(from))) count = offer(r, base, count, from, sums[i] as number, s);
      }
    }
    return count;
  }
}

/** True when vertex x is on the chain of hops ending at hop `h` (vertex and prev: the hop columns' buffers). */
function onChain(vertex: Int32Array, prev: Int32Array, h: number, x: number): boolean {
  for (let k = h; k >= 0; k = prev[k] as number) if (vertex[k] === x) return true;
  return false;
}

/** The vertices on the chain of hops ending at hop `h`, and the walk's dead ends. */
function excluded(vertex: Int32Array, prev: Int32Array, h: number, deadEnds: Set<number> | undefined): Set<number> {
  const out = new Set<number>(deadEnds);
  for (let k = h; k >= 0; k = prev[k] as number) out.add(vertex[k] as number);
  return out;
}
