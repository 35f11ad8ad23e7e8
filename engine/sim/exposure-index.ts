import { CH_MARKET, type LossGraph } from '../losses/loss-graph';
import { groupKeys, identity, sortByF64, sortByU32 } from '../util/radix-sort';
import type { SimModel } from './model';
import { SortedBag } from './sorted-bag';

const STATIC = 0;
const MOVED = 1;
const OUT = 2;
const GONE = 3;

/**
 * Values positions without visiting them. A position's owner equity max(0, c·Pa − d·Pb) and
 * lender claim min(c·Pa, d·Pb) are linear in the prices on either side of its money line
 * q = d/c = Pa/Pb: in the money (q < ρ = Pa/Pb) it is worth c·Pa − d·Pb to its owner and d·Pb to
 * its lender; out of it, 0 and c·Pa. So every node holds a net linear exposure Z per asset, and
 * a step only visits the positions whose money line lies inside the box of price ratios the
 * step moved through: untouched positions are sorted by q per asset pair; the few whose amounts
 * liquidations changed ("moved") are scanned with one comparison each.
 */
export class ExposureIndex {
  /** Linear exposure slots: (node, asset) → units. */
  readonly slotNode: Int32Array;
  readonly slotAsset: Int32Array;
  readonly Z: Float64Array;
  private readonly Z0: Float64Array;
  /** Per position: its four slots (owner·a, owner·b, lender·a, lender·b), −1 when left out (no collateral). */
  private readonly ownerA: Int32Array;
  private readonly ownerB: Int32Array;
  private readonly lenderA: Int32Array;
  private readonly lenderB: Int32Array;
  private readonly pairOf: Int32Array;
  /** Current amounts and money line of each position. */
  private readonly c: Float64Array;
  private readonly d: Float64Array;
  private readonly q: Float64Array;
  private readonly q0: Float64Array;
  /** 1 when in the money at the last valuation's prices. */
  private readonly regime: Uint8Array;
  private readonly regime0: Uint8Array;
  private readonly state: Uint8Array;
  /** Positions whose amounts liquidations changed, per pair, by their current q. */
  private readonly moved: SortedBag[];
  private hits: Int32Array = new Int32Array(256);
  /** The advance in which a position last crossed (at most once each). */
  private readonly crossedIn: Int32Array;
  private advances = 0;
  private readonly pairA: Int32Array;
  private readonly pairB: Int32Array;
  private readonly pairStart: Int32Array;
  /** Untouched positions by pair, then by q ascending; sortedQ[k] = q[order[k]]. */
  private readonly order: Int32Array;
  private readonly sortedQ: Float64Array;
  private readonly split = new Float64Array(4);

  constructor(private readonly m: SimModel) {
    const nP = m.positionIds.length;
    const nA = m.assetIds.length;
    this.c = Float64Array.from(m.positionCollateral);
    this.d = Float64Array.from(m.positionDebt);
    this.q = new Float64Array(nP);
    let kept = 0;
    for (let p = 0; p < nP; p++) if ((this.c[p] as number) > 0) kept++;
    const kept0 = new Int32Array(kept);
    for (let p = 0, k = 0; p < nP; p++) {
      if (!((this.c[p] as number) > 0)) continue;
      kept0[k++] = p;
      this.q[p] = (this.d[p] as number) / (this.c[p] as number);
    }
    sortByF64(kept0, this.q);
    const { group, keys } = groupKeys(nP, (p) => (m.positionCollateralAsset[p] as number) * nA + (m.positionDebtAsset[p] as number));
    // Pairs in key order, positions by pair (stable: q order kept within a pair).
    const pairOrder = identity(keys.length);
    sortByF64(pairOrder, Float64Array.from(keys));
    const rank = new Int32Array(keys.length);
    pairOrder.forEach((g, r) => (rank[g] = r));
    this.pairOf = new Int32Array(nP).fill(-1);
    for (const p of kept0) this.pairOf[p] = rank[group[p] as number] as number;
    sortByU32(kept0, this.pairOf);
    this.order = kept0;
    this.sortedQ = Float64Array.from(kept0, (p) => this.q[p] as number);
    this.pairA = Int32Array.from(pairOrder, (g) => Math.floor((keys[g] as number) / nA));
    this.pairB = Int32Array.from(pairOrder, (g) => (keys[g] as number) % nA);
    this.pairStart = new Int32Array(keys.length + 1);
    for (const p of kept0) {
      const r = this.pairOf[p] as number;
      this.pairStart[r + 1] = (this.pairStart[r + 1] as number) + 1;
    }
    for (let r = 0; r < keys.length; r++) this.pairStart[r + 1] = (this.pairStart[r + 1] as number) + (this.pairStart[r] as number);
    this.moved = Array.from({ length: keys.length }, () => new SortedBag(this.q));
    this.crossedIn = new Int32Array(nP).fill(-1);

    // (node, asset) → slot; a direct table when it is small enough, a Map beyond.
    const nKeys = m.nodeIds.length * nA;
    const table = nKeys <= 1 << 24 ? new Int32Array(nKeys).fill(-1) : null;
    const map = table ? null : new Map<number, number>();
    const slotNode: number[] = [];
    const slotAsset: number[] = [];
    const slot = (node: number, asset: number): number => {
      const key = node * nA + asset;
      let s = table ? (table[key] as number) : (map?.get(key) ?? -1);
      if (s < 0) {
        s = slotNode.length;
        if (table) table[key] = s;
        else map?.set(key, s);
        slotNode.push(node);
        slotAsset.push(asset);
      }
      return s;
    };
    this.ownerA = new Int32Array(nP).fill(-1);
    this.ownerB = new Int32Array(nP).fill(-1);
    this.lenderA = new Int32Array(nP).fill(-1);
    this.lenderB = new Int32Array(nP).fill(-1);
    for (const p of kept0) {
      const o = m.positionOwner[p] as number;
      const v = m.positionVenue[p] as number;
      const a = m.positionCollateralAsset[p] as number;
      const b = m.positionDebtAsset[p] as number;
      this.ownerA[p] = slot(o, a);
      this.ownerB[p] = slot(o, b);
      this.lenderA[p] = slot(v, a);
      this.lenderB[p] = slot(v, b);
    }
    this.slotNode = Int32Array.from(slotNode);
    this.slotAsset = Int32Array.from(slotAsset);
    this.Z = new Float64Array(slotNode.length);
    this.regime = new Uint8Array(nP);
    this.state = new Uint8Array(nP);
    const P = m.assetPrice;
    for (const p of kept0) {
      const inMoney = (this.q[p] as number) < (P[m.positionCollateralAsset[p] as number] as number) / (P[m.positionDebtAsset[p] as number] as number) ? 1 : 0;
      this.regime[p] = inMoney;
      this.apply(p, inMoney, 1);
    }
    for (let p = 0; p < nP; p++) if ((this.ownerA[p] as number) < 0) this.state[p] = GONE;
    this.Z0 = Float64Array.from(this.Z);
    this.regime0 = Uint8Array.from(this.regime);
    this.q0 = Float64Array.from(this.q);
  }

  /** Back to the initial amounts and prices (a new run). */
  reset(): void {
    this.Z.set(this.Z0);
    this.regime.set(this.regime0);
    this.c.set(this.m.positionCollateral);
    this.d.set(this.m.positionDebt);
    this.q.set(this.q0);
    for (const bag of this.moved) bag.clear();
    this.crossedIn.fill(-1);
    this.advances = 0;
    for (let p = 0; p < this.state.length; p++) this.state[p] = (this.ownerA[p] as number) < 0 ? GONE : STATIC;
  }

  /** Takes out a position being liquidated this step; `putBack` returns it with its new amounts. */
  takeOut(p: number): void {
    const st = this.state[p] as number;
    if (st === STATIC || st === MOVED) {
      this.apply(p, this.regime[p] as number, -1);
      this.state[p] = OUT;
    }
  }

  /** A liquidated position back in, with its amounts after the liquidation, in its regime at prices P. */
  putBack(p: number, c: number, d: number, P: Float64Array): void {
    if (this.state[p] !== OUT) return;
    if (!(c > 0)) {
      this.state[p] = GONE;
      this.q[p] = NaN;
      return;
    }
    const g = this.pairOf[p] as number;
    this.c[p] = c;
    this.d[p] = d;
    this.q[p] = d / c;
    (this.moved[g] as SortedBag).add(p);
    const inMoney = d / c < (P[this.pairA[g] as number] as number) / (P[this.pairB[g] as number] as number) ? 1 : 0;
    this.regime[p] = inMoney;
    this.apply(p, inMoney, 1);
    this.state[p] = MOVED;
  }

  /**
   * Moves every position in the index from prices P0 to P: with a loss graph, records their
   * market edges (linear exposures, plus the exact symmetric split for positions whose money
   * line lies in the move's box), then updates their regimes.
   */
  advance(P: Float64Array, P0: Float64Array, loss: LossGraph | null): void {
    this.advances++;
    const Z = this.Z;
    if (loss) {
      for (let s = 0; s < Z.length; s++) {
        const a = this.slotAsset[s] as number;
        const dp = (P0[a] as number) - (P[a] as number);
        if (dp !== 0) loss.add(loss.assetVertex(a), this.slotNode[s] as number, CH_MARKET, dp * (Z[s] as number));
      }
    }
    for (let g = 0; g < this.pairA.length; g++) {
      const pa = P[this.pairA[g] as number] as number;
      const pb = P[this.pairB[g] as number] as number;
      const pa0 = P0[this.pairA[g] as number] as number;
      const pb0 = P0[this.pairB[g] as number] as number;
      if (pa === pa0 && pb === pb0) continue;
      const lo = Math.min(pa, pa0) / Math.max(pb, pb0);
      const hi = Math.max(pa, pa0) / Math.min(pb, pb0);
      for (let k = this.lowerBound(g, lo); k < (this.pairStart[g + 1] as number) && (this.sortedQ[k] as number) < hi; k++) {
        const p = this.order[k] as number;
        if (this.state[p] === STATIC) this.cross(p, g, P, P0, loss);
      }
      this.crossMoved(g, lo, hi, P, P0, loss);
    }
  }

  /** The moved positions of pair g with their money line in [lo, hi). */
  private crossMoved(g: number, lo: number, hi: number, P: Float64Array, P0: Float64Array, loss: LossGraph | null): void {
    const bag = this.moved[g] as SortedBag;
    if (bag.size === 0) return;
    const { out, count } = bag.range(lo, hi, this.hits);
    this.hits = out;
    for (let k = 0; k < count; k++) {
      const p = out[k] as number;
      if (this.state[p] !== MOVED || this.crossedIn[p] === this.advances) continue;
      this.crossedIn[p] = this.advances;
      this.cross(p, g, P, P0, loss);
    }
  }

  /** Adds each node's exposures valued at P to e. */
  accumulate(P: Float64Array, e: Float64Array): void {
    const Z = this.Z;
    for (let s = 0; s < Z.length; s++) {
      const n = this.slotNode[s] as number;
      e[n] = (e[n] as number) + (P[this.slotAsset[s] as number] as number) * (Z[s] as number);
    }
  }

  /**
   * Adds Σ P·Z to e as it would be at prices P, without moving the index (the first-round
   * valuation of §6): positions whose regime would change are corrected one by one. Before any
   * liquidation only.
   */
  peek(P: Float64Array, Pnow: Float64Array, e: Float64Array): void {
    this.accumulate(P, e);
    const m = this.m;
    for (let g = 0; g < this.pairA.length; g++) {
      const pa = P[this.pairA[g] as number] as number;
      const pb = P[this.pairB[g] as number] as number;
      const rho = pa / pb;
      const rho0 = (Pnow[this.pairA[g] as number] as number) / (Pnow[this.pairB[g] as number] as number);
      if (rho === rho0) continue;
      for (let k = this.lowerBound(g, Math.min(rho, rho0)); k < (this.pairStart[g + 1] as number) && (this.sortedQ[k] as number) <= Math.max(rho, rho0); k++) {
        const p = this.order[k] as number;
        const now = (this.sortedQ[k] as number) < rho ? 1 : 0;
        const was = this.regime[p] as number;
        if (this.state[p] !== STATIC || now === was) continue;
        const c = this.c[p] as number;
        const d = this.d[p] as number;
        // In the money: owner c·Pa − d·Pb, lender d·Pb; out: owner 0, lender c·Pa.
        const sign = now - was;
        const o = m.positionOwner[p] as number;
        const v = m.positionVenue[p] as number;
        e[o] = (e[o] as number) + sign * (c * pa - d * pb);
        e[v] = (e[v] as number) + sign * (d * pb - c * pa);
      }
    }
  }

  /** A position whose money line lies in this step's box: exact edges, then its regime at P. */
  private cross(p: number, g: number, P: Float64Array, P0: Float64Array, loss: LossGraph | null): void {
    const a = this.pairA[g] as number;
    const b = this.pairB[g] as number;
    const pa = P[a] as number;
    const pb = P[b] as number;
    const was = this.regime[p] as number;
    if (loss) this.bandEdges(loss, p, a, b, P0[a] as number, P0[b] as number, pa, pb, was);
    const now = (this.q[p] as number) < pa / pb ? 1 : 0;
    if (now !== was) {
      this.apply(p, was, -1);
      this.apply(p, now, 1);
      this.regime[p] = now;
    }
  }

  private lowerBound(g: number, x: number): number {
    let lo = this.pairStart[g] as number;
    let hi = this.pairStart[g + 1] as number;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sortedQ[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds (sign = ±1) a position's linear exposures in the given regime. */
  private apply(p: number, inMoney: number, sign: number): void {
    const Z = this.Z;
    const c = sign * (this.c[p] as number);
    const d = sign * (this.d[p] as number);
    if (inMoney) {
      const oa = this.ownerA[p] as number;
      const ob = this.ownerB[p] as number;
      const lb = this.lenderB[p] as number;
      Z[oa] = (Z[oa] as number) + c;
      Z[ob] = (Z[ob] as number) - d;
      Z[lb] = (Z[lb] as number) + d;
    } else {
      const la = this.lenderA[p] as number;
      Z[la] = (Z[la] as number) + c;
    }
  }

  /**
   * A position whose money line lies in the move's box: its exact symmetric split of the move,
   * minus the linear split the exposures already recorded for its regime at P0.
   */
  private bandEdges(loss: LossGraph, p: number, a: number, b: number, pa0: number, pb0: number, pa: number, pb: number, was: number): void {
    const c = this.c[p] as number;
    const d = this.d[p] as number;
    const o = this.m.positionOwner[p] as number;
    const v = this.m.positionVenue[p] as number;
    const va = loss.assetVertex(a);
    const vb = loss.assetVertex(b);
    const sp = this.split;
    splitPosition(c, d, pa0, pb0, pa, pb, a === b, sp);
    const dA = pa0 - pa;
    const dB = pb0 - pb;
    if (was) {
      loss.add(va, o, CH_MARKET, (sp[0] as number) - c * dA);
      loss.add(vb, o, CH_MARKET, (sp[1] as number) + d * dB);
      loss.add(va, v, CH_MARKET, sp[2] as number);
      loss.add(vb, v, CH_MARKET, (sp[3] as number) - d * dB);
    } else {
      loss.add(va, o, CH_MARKET, sp[0] as number);
      loss.add(vb, o, CH_MARKET, sp[1] as number);
      loss.add(va, v, CH_MARKET, (sp[2] as number) - c * dA);
      loss.add(vb, v, CH_MARKET, sp[3] as number);
    }
  }
}

const ownerAt = (c: number, d: number, x: number, y: number): number => {
  const v = c * x - d * y;
  return v > 0 ? v : 0;
};
const lenderAt = (c: number, d: number, x: number, y: number): number => {
  const u = c * x;
  const w = d * y;
  return u < w ? u : w;
};

/**
 * A position's loss from the move (pa0, pb0) → (pa, pb), to its owner and its lender, split
 * between the two prices symmetrically (Shapley over the two moves; all to the collateral
 * asset when both are one asset): out = [owner·a, owner·b, lender·a, lender·b].
 */
export function splitPosition(c: number, d: number, pa0: number, pb0: number, pa: number, pb: number, same: boolean, out: Float64Array): void {
  const f00 = ownerAt(c, d, pa0, pb0);
  const f11 = ownerAt(c, d, pa, pb);
  const g00 = lenderAt(c, d, pa0, pb0);
  const g11 = lenderAt(c, d, pa, pb);
  if (same || pb === pb0) {
    out[0] = f00 - f11;
    out[1] = 0;
    out[2] = g00 - g11;
    out[3] = 0;
  } else if (pa === pa0) {
    out[0] = 0;
    out[1] = f00 - f11;
    out[2] = 0;
    out[3] = g00 - g11;
  } else {
    const fGainA = 0.5 * (ownerAt(c, d, pa, pb0) - f00 + (f11 - ownerAt(c, d, pa0, pb)));
    const gGainA = 0.5 * (lenderAt(c, d, pa, pb0) - g00 + (g11 - lenderAt(c, d, pa0, pb)));
    out[0] = -fGainA;
    out[1] = f00 - f11 + fGainA;
    out[2] = -gGainA;
    out[3] = g00 - g11 + gGainA;
  }
}
