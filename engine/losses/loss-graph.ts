import { F64Accumulator } from '../util/f64-accumulator';
import { F64Column, I32Column, U8Column } from '../util/growable';

/**
 * The loss graph of MODEL §5: edges (step, from, to, channel, amount_usd), amount > 0 a loss of
 * `to`, < 0 a gain. Vertices share one index space: nodes [0, nN), assets [nN, nN + nA), scenario
 * events [nN + nA, …). Besides the five equity channels, `price` edges attribute an asset's price
 * move to its causes and `trigger` edges say what set off a venue's liquidations (the price of
 * an asset, or an owner's default): they carry the walk of §5 from a venue back to its cause.
 */
export const CHANNELS = ['counterparty', 'market', 'liquidation', 'bad_debt', 'exogenous', 'price', 'trigger'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CH_COUNTERPARTY = 0;
export const CH_MARKET = 1;
export const CH_LIQUIDATION = 2;
export const CH_BAD_DEBT = 3;
export const CH_EXOGENOUS = 4;
export const CH_PRICE = 5;
export const CH_TRIGGER = 6;

/** True for the channels that make up a node's change of equity. */
export function isEquityChannel(ch: number): boolean {
  return ch <= CH_EXOGENOUS;
}

/**
 * A finished graph's edge columns, as they cross between threads. The step of each edge is
 * kept as runs (`stepOf[r]` for the edges before `stepEnd[r]`), and impact only where it
 * differs from amount (`impactAt`, ascending, with `impactValue`): on a 1M run, 59 of 3.5M
 * edges.
 */
export interface LossGraphParts {
  from: Int32Array;
  to: Int32Array;
  channel: Uint8Array;
  amount: Float64Array;
  stepOf: Int32Array;
  stepEnd: Int32Array;
  impactAt: Int32Array;
  impactValue: Float64Array;
}

/** True when parts make one graph: columns of one length, step runs ending there, impacts inside it. */
export function partsFit(p: LossGraphParts): boolean {
  const n = p.amount.length;
  if (p.from.length !== n || p.to.length !== n || p.channel.length !== n) return false;
  if (p.stepOf.length !== p.stepEnd.length || p.impactAt.length !== p.impactValue.length) return false;
  let end = 0;
  for (const e of p.stepEnd) {
    if (e < end) return false;
    end = e;
  }
  if (end !== n) return false;
  let at = -1;
  for (const k of p.impactAt) {
    if (k <= at || k >= n) return false;
    at = k;
  }
  return true;
}

export class LossGraph {
  readonly from: I32Column;
  readonly to: I32Column;
  readonly channel: U8Column;
  readonly amount: F64Column;
  /** Steps as runs of edges: step stepOf[r] for the edges before stepEnd[r]. */
  private readonly stepOf: I32Column;
  private readonly stepEnd: I32Column;
  /** Edges whose impact is not their amount, ascending, and that impact. */
  private readonly impactAt: I32Column;
  private readonly impactValue: F64Column;
  private stepCache: I32Column | null = null;
  private impactCache: F64Column | null = null;

  private acc = new F64Accumulator();
  /**
   * Market edges (asset → node) are most of the graph: they go to a dense assets × nodes
   * array when it is small enough, listed in the order first touched. Asset-major, because
   * the exposures of a step come asset pair by asset pair: one asset's nodes stay in cache.
   * Each asset's row is 2^denseShift long, so that a place gives its asset and node by shifts.
   */
  private dense: Float64Array | null = null;
  /** Places of the dense array, made on the first market edge (0: too large, market edges go through the accumulator). */
  private readonly denseSize: number;
  private readonly denseShift: number;
  /** Places first written this step by addMarket, in that order. */
  private readonly denseTouched = new I32Column();
  /**
   * The exposure slots addMarketSlots wrote this step, per asset (−1: none): their places are
   * read back from the slots' nodes, so the hot loop needs no bookkeeping of places touched.
   */
  private readonly slotsFrom: Int32Array;
  private readonly slotsTo: Int32Array;
  private slotNodes: Int32Array | null = null;
  /** Σ of this step's equity edges into each node, before scaling. */
  readonly stepLoss: Float64Array;
  /** Σ of this step's market edges from each asset (USD). */
  readonly marketByAsset: Float64Array;
  /** Σ of their sizes |amount|. */
  readonly marketSizeByAsset: Float64Array;
  /**
   * Σ over nodes of the positive part of this step's market edge from each asset into the node:
   * the losses the asset's move caused, each node's gains and losses on it netted first (the
   * edge the table shows), kept up to date as edges are added. Not (Σ|x| + Σx)/2 over the adds:
   * a position's move comes as a linear exposure and a correction where its owner's equity
   * floors at 0 (the owner +x, the owner −y, the lender +y), and that sum counted the pair ±y
   * that nets to nothing as a loss of y.
   */
  readonly marketLossByAsset: Float64Array;
  /** Per (asset, node) market sums of this step when there is no dense array: for marketLossByAsset. */
  private readonly marketCell = new Map<number, number>();

  constructor(
    readonly nodes: number,
    readonly assets: number,
    readonly events: number,
    /** Steps the run may take: room for the edges is forecast from it. */
    private readonly steps = 1,
    /** The edges of a graph built elsewhere (adopted, not copied), or 'shared' to build them in shared memory. */
    parts?: LossGraphParts | 'shared',
  ) {
    const shared = parts === 'shared';
    const given = parts === 'shared' ? undefined : parts;
    this.from = given ? I32Column.adopt(given.from) : new I32Column(64, shared);
    this.to = given ? I32Column.adopt(given.to) : new I32Column(64, shared);
    this.channel = given ? U8Column.adopt(given.channel) : new U8Column(64, shared);
    this.amount = given ? F64Column.adopt(given.amount) : new F64Column(64, shared);
    this.stepOf = given ? I32Column.adopt(given.stepOf) : new I32Column(16, shared);
    this.stepEnd = given ? I32Column.adopt(given.stepEnd) : new I32Column(16, shared);
    this.impactAt = given ? I32Column.adopt(given.impactAt) : new I32Column(16, shared);
    this.impactValue = given ? F64Column.adopt(given.impactValue) : new F64Column(16, shared);
    this.stepLoss = new Float64Array(nodes);
    this.marketByAsset = new Float64Array(assets);
    this.marketSizeByAsset = new Float64Array(assets);
    this.marketLossByAsset = new Float64Array(assets);
    this.denseShift = Math.max(0, Math.ceil(Math.log2(Math.max(1, nodes))));
    const denseSize = assets * 2 ** this.denseShift;
    this.denseSize = denseSize <= DENSE_LIMIT ? denseSize : 0;
    this.slotsFrom = new Int32Array(assets).fill(-1);
    this.slotsTo = new Int32Array(assets);
  }

  get vertices(): number {
    return this.nodes + this.assets + this.events;
  }

  assetVertex(a: number): number {
    return this.nodes + a;
  }

  eventVertex(e: number): number {
    return this.nodes + this.assets + e;
  }

  /** Adds `amount` (USD, loss positive) to this step's edge (from → to, channel). */
  add(from: number, to: number, channel: number, amount: number): void {
    if (channel === CH_MARKET && from >= this.nodes && from < this.nodes + this.assets) this.addMarket(from - this.nodes, to, amount);
    else this.addEdge(from, to, channel, amount);
  }

  /** `add` of a market edge from asset a (small, so that hot loops inline it rather than box the amount). */
  addMarket(a: number, to: number, amount: number): void {
    if (amount === 0 || !Number.isFinite(amount)) return;
    const dense = this.dense ?? this.makeDense();
    if (!dense || to >= this.nodes) {
      this.addEdge(this.nodes + a, to, CH_MARKET, amount);
      return;
    }
    const i = (a << this.denseShift) | to;
    const before = dense[i] as number;
    if (before === 0) this.denseTouched.push(i);
    const after = before + amount;
    dense[i] = after;
    this.marketLossByAsset[a] = (this.marketLossByAsset[a] as number) + ((after > 0 ? after : 0) - (before > 0 ? before : 0));
    this.stepLoss[to] = (this.stepLoss[to] as number) + amount;
    this.marketByAsset[a] = (this.marketByAsset[a] as number) + amount;
    this.marketSizeByAsset[a] = (this.marketSizeByAsset[a] as number) + Math.abs(amount);
  }

  /**
   * Adds units[h] × dp as the market edge from asset a into node[h] for every h = items[k],
   * k in [from, to), whose units are positive: `addMarket` for each, in that order. One call
   * for a run of items, so that the amounts are never arguments: a caller whose optimised
   * code could not inline addMarket boxed each (holdings: ~400,000 heap numbers a 1M run).
   */
  addMarketUnits(a: number, dp: number, node: Int32Array, units: Float64Array, items: Int32Array, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const h = items[k] as number;
      const u = units[h] as number;
      if (u > 0) this.addMarket(a, node[h] as number, u * dp);
    }
  }

  /**
   * A position's market edges from splitPosition's out = [owner·a, owner·b, lender·a, lender·b]:
   * the amounts stay in the array (a call per amount would box each number where not inlined).
   */
  addMarketSplit(a: number, b: number, owner: number, venue: number, split: Float64Array): void {
    for (let k = 0; k < 4; k++) this.addMarket(k & 1 ? b : a, k < 2 ? owner : venue, split[k] as number);
  }

  /**
   * The dense array of market edges, made when a graph is first built into: a graph adopted
   * from another thread, or a simulation's empty one while its graph is built elsewhere,
   * never holds one. The last graph completed on this thread lends its array and accumulator.
   */
  private makeDense(): Float64Array | null {
    if (this.denseSize === 0) return null;
    const lent = spare;
    if (lent && lent.dense.length === this.denseSize) {
      spare = null;
      this.dense = lent.dense;
      if (this.acc.length === 0) this.acc = lent.acc;
    } else this.dense = new Float64Array(this.denseSize);
    return this.dense;
  }

  /**
   * The graph is complete: the scratch it was built with (dense array, accumulator buffers:
   * tens of MB on a large run) goes to the next graph built on this thread — new memory costs
   * a page fault a page — while a kept run holds on to the graph.
   */
  built(): void {
    const dense = this.dense;
    // Every place the flush wrote is 0 again: a step flushed whole leaves the array as it was made.
    if (dense && this.denseTouched.length === 0 && this.slotNodes === null && this.acc.length === 0) spare = { dense, acc: this.acc };
    this.dense = null;
    this.denseTouched.clear();
    this.acc = new F64Accumulator(16);
  }

  /** `add` through the accumulator: every edge but the dense market ones. */
  addEdge(from: number, to: number, channel: number, amount: number): void {
    if (amount === 0 || !Number.isFinite(amount)) return;
    const U = this.vertices;
    this.acc.add((channel * U + from) * U + to, amount);
    if (channel <= CH_EXOGENOUS) {
      this.stepLoss[to] = (this.stepLoss[to] as number) + amount;
      if (channel === CH_MARKET && from >= this.nodes && from < this.nodes + this.assets) {
        const a = from - this.nodes;
        this.marketByAsset[a] = (this.marketByAsset[a] as number) + amount;
        this.marketSizeByAsset[a] = (this.marketSizeByAsset[a] as number) + Math.abs(amount);
        const cell = a * this.nodes + to;
        const before = this.marketCell.get(cell) ?? 0;
        const after = before + amount;
        this.marketCell.set(cell, after);
        this.marketLossByAsset[a] = (this.marketLossByAsset[a] as number) + ((after > 0 ? after : 0) - (before > 0 ? before : 0));
      }
    }
  }

  /**
   * `addEdge` of a liquidation or bad-debt edge (channel CH_LIQUIDATION or CH_BAD_DEBT): the
   * same sums without addEdge's market bookkeeping, small enough that the builder's loop over a
   * step's liquidations (two edges a row) inlines it and the accumulator's add with it — with
   * addEdge, V8's inlining budget ran out before the add, and both numbers of every edge were
   * boxed (3.2 MB of heap numbers a 1M run, sampled).
   */
  addLiquidationEdge(from: number, to: number, channel: number, amount: number): void {
    if (amount === 0 || !Number.isFinite(amount)) return;
    const U = this.vertices;
    this.acc.add((channel * U + from) * U + to, amount);
    this.stepLoss[to] = (this.stepLoss[to] as number) + amount;
  }

  /**
   * Room for `edges` edges in all, reserved before the first step (a previous run's count: one
   * allocation of about the size the run needs instead of the forecast from its first step);
   * `room`, when it holds that many, is taken instead of new memory.
   */
  reserveEdges(edges: number, room: EdgeRoom | null = null): void {
    if (!(edges > this.length)) return;
    if (room && room.amount.length >= edges && room.from.length === room.amount.length && room.to.length === room.amount.length && room.channel.length === room.amount.length) {
      this.from.useRoom(room.from);
      this.to.useRoom(room.to);
      this.channel.useRoom(room.channel);
      this.amount.useRoom(room.amount);
      return;
    }
    const n = Math.ceil(edges) - this.length;
    this.from.room(n);
    this.to.room(n);
    this.channel.room(n);
    this.amount.room(n);
  }

  /**
   * Adds dp × Z[s] as the market edge from asset a into slotNode[s] for every slot s in
   * [from, to): `add` for each, in slot order, without its per-edge dispatch.
   */
  addMarketSlots(a: number, dp: number, slotNode: Int32Array, Z: Float64Array, from: number, to: number): void {
    const dense = this.dense ?? this.makeDense();
    if (!dense || !Number.isFinite(dp)) {
      const va = this.assetVertex(a);
      for (let s = from; s < to; s++) this.add(va, slotNode[s] as number, CH_MARKET, dp * (Z[s] as number));
      return;
    }
    if (from >= to) return;
    if (this.slotsFrom[a] !== -1 || (this.slotNodes && this.slotNodes !== slotNode)) {
      // A second range for this asset in one step (not how a builder calls it): places listed one by one.
      const va = this.assetVertex(a);
      for (let s = from; s < to; s++) this.add(va, slotNode[s] as number, CH_MARKET, dp * (Z[s] as number));
      return;
    }
    this.slotNodes = slotNode;
    this.slotsFrom[a] = from;
    this.slotsTo[a] = to;
    const base = a << this.denseShift;
    const stepLoss = this.stepLoss;
    let sum = this.marketByAsset[a] as number;
    let size = this.marketSizeByAsset[a] as number;
    let lost = this.marketLossByAsset[a] as number;
    // Two slots a round while both amounts are finite and nonzero, else one by the rule of add:
    // each place still read and written in turn.
    for (let s = from; s < to; ) {
      if (s + 1 < to) {
        const x0 = dp * (Z[s] as number);
        const x1 = dp * (Z[s + 1] as number);
        if (x0 !== 0 && x1 !== 0 && Number.isFinite(x0 + x1)) {
          const n0 = slotNode[s] as number;
          const n1 = slotNode[s + 1] as number;
          const b0 = dense[base + n0] as number;
          const a0 = b0 + x0;
          dense[base + n0] = a0;
          lost += (a0 > 0 ? a0 : 0) - (b0 > 0 ? b0 : 0);
          stepLoss[n0] = (stepLoss[n0] as number) + x0;
          sum += x0;
          size += Math.abs(x0);
          // read after n0's write: the two slots may be one node's
          const b1 = dense[base + n1] as number;
          const a1 = b1 + x1;
          lost += (a1 > 0 ? a1 : 0) - (b1 > 0 ? b1 : 0);
          dense[base + n1] = a1;
          stepLoss[n1] = (stepLoss[n1] as number) + x1;
          sum += x1;
          size += Math.abs(x1);
          s += 2;
          continue;
        }
      }
      const amount = dp * (Z[s] as number);
      s++;
      if (amount === 0 || !Number.isFinite(amount)) continue;
      const node = slotNode[s - 1] as number;
      const i = base + node;
      const before = dense[i] as number;
      const after = before + amount;
      lost += (after > 0 ? after : 0) - (before > 0 ? before : 0);
      dense[i] = after;
      stepLoss[node] = (stepLoss[node] as number) + amount;
      sum += amount;
      size += Math.abs(amount);
    }
    this.marketByAsset[a] = sum;
    this.marketSizeByAsset[a] = size;
    this.marketLossByAsset[a] = lost;
  }

  /**
   * Writes this step's edges, each equity edge into node i multiplied by scale[i] (a node that
   * defaults bears only the equity it had; the rest passes to its creditors), dropping edges
   * into nodes with `drop[i]` (defaulted earlier: nothing left to lose) and edges smaller than
   * `epsilon` USD.
   */
  flush(step: number, scale: Float64Array, drop: Uint8Array, epsilon: number): void {
    const entries = this.acc.length > 0 ? this.acc.sortedEntries() : null;
    const touched = this.denseTouched.length;
    let slotPlaces = 0;
    for (let a = 0; a < this.assets; a++) if ((this.slotsFrom[a] as number) >= 0) slotPlaces += (this.slotsTo[a] as number) - (this.slotsFrom[a] as number);
    const need = slotPlaces + touched + (entries ? entries.keys.length : 0);
    // Steps add edges in similar numbers: room for the steps left (up to a bound), written in place.
    const rounds = Math.max(1, Math.min(this.steps - step, Math.floor(FORECAST_EDGES / Math.max(1, need))));
    const base = this.length;
    const fromCol = this.from.room(need, rounds);
    const toCol = this.to.room(need, rounds);
    const channelCol = this.channel.room(need, rounds);
    const amountCol = this.amount.room(need, rounds);
    let n = base;
    const dense = this.dense;
    if (dense) {
      const nodes = this.nodes;
      const shift = this.denseShift;
      const mask = 2 ** shift - 1;
      // The exposure slots' places asset by asset (nodes ascending), then the places first
      // written elsewhere; a place met twice is 0 the second time and skipped.
      const slotNode = this.slotNodes;
      for (let a = 0; a < this.assets && slotNode; a++) {
        const from = this.slotsFrom[a] as number;
        if (from < 0) continue;
        const base = a << shift;
        const end = this.slotsTo[a] as number;
        const first = n;
        // Every place is written at n, and n moves on past the edges kept: no branch per place on
        // whether it holds one (the slots' part of the flush of a 1M run ~25 → ~22 ms).
        for (let s = from; s < end; s++) {
          const to = slotNode[s] as number;
          const impact = dense[base + to] as number;
          dense[base + to] = 0;
          const amount = impact * (scale[to] as number);
          toCol[n] = to;
          amountCol[n] = amount;
          const keep = ((drop[to] as number) ^ 1) & +(Math.abs(impact) > epsilon);
          if (amount !== impact && keep) this.keepImpact(n, impact);
          n += keep;
        }
        // The asset's edges share their source and channel: written in two fills.
        fromCol.fill(nodes + a, first, n);
        channelCol.fill(CH_MARKET, first, n);
      }
      this.slotsFrom.fill(-1);
      this.slotNodes = null;
      // Written out as in the loop above: one shared call per edge cost the flush ~3 ms a 1M run.
      const touchedAt = this.denseTouched.view();
      for (let k = 0; k < touched; k++) {
        const i = touchedAt[k] as number;
        const impact = dense[i] as number;
        if (impact === 0) continue;
        dense[i] = 0;
        const a = i >>> shift;
        const to = i & mask;
        if (drop[to] || !(Math.abs(impact) > epsilon)) continue;
        fromCol[n] = nodes + a;
        toCol[n] = to;
        channelCol[n] = CH_MARKET;
        const amount = impact * (scale[to] as number);
        amountCol[n] = amount;
        if (amount !== impact) this.keepImpact(n, impact);
        n++;
      }
      this.denseTouched.clear();
    }
    if (entries) {
      const U = this.vertices;
      const { keys, values } = entries;
      // Integer keys below 2^53: x / U rounds to the next integer only if x + U > 2^53, so
      // Math.floor of the float quotient is exact, and cheaper than a float remainder.
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as number;
        const rest = Math.floor(key / U);
        const to = key - rest * U;
        const channel = Math.floor(rest / U);
        const impact = values[k] as number;
        let amount = impact;
        if (isEquityChannel(channel)) {
          if (drop[to]) continue;
          amount *= scale[to] as number;
        }
        if (!(Math.abs(impact) > epsilon)) continue;
        fromCol[n] = rest - channel * U;
        toCol[n] = to;
        channelCol[n] = channel;
        amountCol[n] = amount;
        if (amount !== impact) this.keepImpact(n, impact);
        n++;
      }
      this.acc.clear();
    }
    this.from.length = n;
    this.to.length = n;
    this.channel.length = n;
    this.amount.length = n;
    if (n > base) {
      this.stepOf.push(step);
      this.stepEnd.push(n);
    }
    this.stepLoss.fill(0);
    this.marketByAsset.fill(0);
    this.marketSizeByAsset.fill(0);
    this.marketLossByAsset.fill(0);
    this.marketCell.clear();
  }

  /** No edges again, the columns' memory kept (a graph built as scratch, its edges copied elsewhere). */
  reset(): void {
    for (const c of [this.from, this.to, this.channel, this.amount, this.stepOf, this.stepEnd, this.impactAt, this.impactValue]) c.clear();
    this.stepCache = null;
    this.impactCache = null;
  }

  private keepImpact(edge: number, impact: number): void {
    this.impactAt.push(edge);
    this.impactValue.push(impact);
  }

  get length(): number {
    return this.amount.length;
  }

  /** The step of each edge (a column built on first use from the graph's runs of steps). */
  get step(): I32Column {
    const n = this.length;
    if (this.stepCache && this.stepCache.length === n) return this.stepCache;
    const col = new Int32Array(n);
    const { stepOf, stepEnd } = this.stepRuns();
    for (let r = 0, at = 0; r < stepOf.length; r++) {
      const end = stepEnd[r] as number;
      col.fill(stepOf[r] as number, at, end);
      at = end;
    }
    this.stepCache = I32Column.adopt(col);
    return this.stepCache;
  }

  /**
   * The loss that hit `to` before the default floor: equal to amount, except on the step a
   * node defaults, where amount is scaled to the equity it had and impact keeps the full hit
   * (the rest passed to its creditors). Contagion paths follow impact. A column built on first
   * use from amount and the edges where the two differ.
   */
  get impact(): F64Column {
    const n = this.length;
    if (this.impactCache && this.impactCache.length === n) return this.impactCache;
    const col = Float64Array.from(this.amount.view());
    const { impactAt, impactValue } = this.impactsApart();
    for (let k = 0; k < impactAt.length; k++) col[impactAt[k] as number] = impactValue[k] as number;
    this.impactCache = F64Column.adopt(col);
    return this.impactCache;
  }

  /** Steps as runs: the edges before stepEnd[r] (and after the run before) are of step stepOf[r]. */
  stepRuns(): { stepOf: Int32Array; stepEnd: Int32Array } {
    return { stepOf: this.stepOf.view(), stepEnd: this.stepEnd.view() };
  }

  /** The edges whose impact differs from their amount (ascending), with that impact. */
  impactsApart(): { impactAt: Int32Array; impactValue: Float64Array } {
    return { impactAt: this.impactAt.view(), impactValue: this.impactValue.view() };
  }

  /** The edge columns: views of this graph's buffers. */
  parts(): LossGraphParts {
    return {
      from: this.from.view(),
      to: this.to.view(),
      channel: this.channel.view(),
      amount: this.amount.view(),
      stepOf: this.stepOf.view(),
      stepEnd: this.stepEnd.view(),
      impactAt: this.impactAt.view(),
      impactValue: this.impactValue.view(),
    };
  }
}

/** Building scratch of the last graph completed on this thread (one at most): the next graph's. */
let spare: { dense: Float64Array; acc: F64Accumulator } | null = null;

/** At most this many edges are forecast at once (room never written costs address space only). */
const FORECAST_EDGES = 1 << 23;

/**
 * Largest dense array kept for market edges (8 bytes a place; assets × nodes rounded up to a
 * power of two, so at most twice the places of assets × nodes ≤ 2^22).
 */
const DENSE_LIMIT = 1 << 23;

/** Edge columns made ahead of a run (in shared memory, every page already written once). */
export interface EdgeRoom {
  from: Int32Array;
  to: Int32Array;
  channel: Uint8Array;
  amount: Float64Array;
}

/** Bytes of a memory page: one write in each makes the system give the page its memory now. */
const PAGE_BYTES = 4096;

/**
 * Room for `edges` edges in shared memory, each page written once unless `written` is false
 * (then a RoomPager can write them later): the first write to new memory costs the system a
 * page fault (~0.45 ms a MB measured here), which a thread idle between runs can pay ahead of
 * the next run's graph.
 */
export function edgeRoom(edges: number, written = true): EdgeRoom {
  const n = Math.ceil(edges);
  const room: EdgeRoom = {
    from: new Int32Array(new SharedArrayBuffer(4 * n)),
    to: new Int32Array(new SharedArrayBuffer(4 * n)),
    channel: new Uint8Array(new SharedArrayBuffer(n)),
    amount: new Float64Array(new SharedArrayBuffer(8 * n)),
  };
  if (written) new RoomPager(room).write(Infinity);
  return room;
}

type PagedColumn = Int32Array | Uint8Array | Float64Array;

/**
 * Writes a 0 into each page of a room's columns (an edge room's, or any arrays'), a given number
 * of bytes' worth at a time, so that a thread can page the room in between its messages and stop
 * when a run begins. The columns go forward together, each page in turn from the one least far
 * through its column: a room paged only in part has the start of every column paged, where a
 * graph's first edges go — paged column after column, an interrupted room left whole columns
 * (the amounts, half its bytes) to fault as the run wrote them.
 */
export class RoomPager {
  private readonly columns: readonly PagedColumn[];
  /** Per column, the next page to write. */
  private readonly next: number[];
  private readonly pages: number[];

  constructor(room: EdgeRoom | readonly PagedColumn[]) {
    this.columns = 'amount' in room ? [room.from, room.to, room.channel, room.amount] : room;
    this.next = this.columns.map(() => 0);
    this.pages = this.columns.map((a) => Math.ceil(a.byteLength / PAGE_BYTES));
  }

  /** Pages in up to `bytes` more of the room; true when every page has been written. */
  write(bytes: number): boolean {
    for (let left = bytes; left > 0; left -= PAGE_BYTES) {
      const c = this.leastFar();
      if (c < 0) return true;
      const a = this.columns[c] as PagedColumn;
      const page = this.next[c] as number;
      a[(page * PAGE_BYTES) / a.BYTES_PER_ELEMENT] = 0;
      this.next[c] = page + 1;
    }
    return this.leastFar() < 0;
  }

  /** The column with pages left whose next page is the least far through it; −1 when none. */
  private leastFar(): number {
    let best = -1;
    let bestAt = Infinity;
    for (let c = 0; c < this.columns.length; c++) {
      const pages = this.pages[c] as number;
      const at = (this.next[c] as number) / pages;
      if ((this.next[c] as number) < pages && at < bestAt) {
        best = c;
        bestAt = at;
      }
    }
    return best;
  }
}
