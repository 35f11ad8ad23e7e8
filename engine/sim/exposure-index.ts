import type { BandCollector } from '../losses/step-journal';
import { sortByGroup, sortSegmentsByF64 } from '../util/radix-sort';
import type { SimModel } from './model';
import { MovedList } from './moved-list';

/** Past this many advances the crossings are cleared (a run's steps, at most 100,000, stay below 2^31 after it). */
const MAX_ADVANCES = 2 ** 30;

const STATIC = 0;
const MOVED = 1;
const OUT = 2;
const GONE = 3;
/** Taken out while in a moved list (MOVED before). */
const OUT_OF_BAG = 4;

/**
 * Values positions without visiting them. A position's owner equity max(0, c·Pa − d·Pb) and
 * lender claim min(c·Pa, d·Pb) are linear in the prices on either side of its money line
 * q = d/c = Pa/Pb: in the money (q < ρ = Pa/Pb) it is worth c·Pa − d·Pb to its owner and d·Pb to
 * its lender; out of it, 0 and c·Pa. So every node holds a net linear exposure Z per asset, and
 * a step only visits the positions whose money line lies inside the box of price ratios the
 * step moved through: untouched positions are sorted by q per asset pair; the few whose amounts
 * liquidations changed ("moved") are kept per pair in lists with chunk spans (moved-list.ts).
 *
 * Built once per workspace; a run binds its own collateral and debt arrays with `reset`.
 */
export class ExposureIndex {
  /** Linear exposure slots: (node, asset) → units. */
  readonly slotNode: Int32Array;
  readonly slotAsset: Int32Array;
  /** Slots are asset-major: asset a's are [assetSlotStart[a], assetSlotStart[a + 1]). */
  readonly assetSlotStart: Int32Array;
  readonly Z: Float64Array;
  private readonly Z0: Float64Array;
  /**
   * The four slots of each position: (owner, collateral), (owner, debt), (venue, collateral),
   * (venue, debt) at 4p … 4p + 3. Read in position order, where looking them up by (node, asset)
   * would jump across the slot table for every liquidation.
   */
  private readonly positionSlots: Int32Array;
  private readonly nA: number;
  /** (collateral asset, debt asset) → pair, −1 when no position has that pair. */
  private readonly pairOfAssets: Int32Array;
  /** Current amounts: the run's arrays (initial amounts until `reset` binds them). */
  private c: Float64Array;
  private d: Float64Array;
  /** The current money line of moved positions (keys of the moved lists). */
  private readonly q: Float64Array;
  /** 1 when in the money at the last valuation's prices. */
  private readonly regime: Uint8Array;
  private readonly regime0: Uint8Array;
  private readonly state: Uint8Array;
  private readonly state0: Uint8Array;
  private readonly moved: MovedList[];
  private hits: Int32Array = new Int32Array(4096);
  /**
   * The advance in which a position last crossed (at most once each). Advances are counted
   * across runs, so a new run need not clear it (a 4 MB fill at 1M positions).
   */
  private readonly crossedIn: Int32Array;
  private advances = 0;
  private readonly pairA: Int32Array;
  private readonly pairB: Int32Array;
  private readonly pairStart: Int32Array;
  /** Untouched positions by pair, then by their initial q ascending. */
  private readonly order: Int32Array;
  private readonly sortedQ: Float64Array;
  constructor(
    private readonly m: SimModel,
    /** Past this many (node, asset) keys the slots go to a Map instead of a direct table. */
    maxTableKeys = 1 << 24,
  ) {
    const nP = m.positionIds.length;
    const nA = m.assetIds.length;
    this.nA = nA;
    this.c = m.positionCollateral;
    this.d = m.positionDebt;
    const ca = m.positionCollateralAsset;
    const da = m.positionDebtAsset;

    // Pairs in (a, b) order; positions by pair, then by q (stable radix sorts).
    const pairOfAssets = new Int32Array(nA * nA).fill(-1);
    let kept = 0;
    for (let p = 0; p < nP; p++) {
      if (!((this.c[p] as number) > 0)) continue;
      kept++;
      pairOfAssets[(ca[p] as number) * nA + (da[p] as number)] = 0;
    }
    const pairA: number[] = [];
    const pairB: number[] = [];
    for (let k = 0; k < nA * nA; k++) {
      if (pairOfAssets[k] !== 0) continue;
      pairOfAssets[k] = pairA.length;
      pairA.push(Math.floor(k / nA));
      pairB.push(k % nA);
    }
    this.pairOfAssets = pairOfAssets;
    this.pairA = Int32Array.from(pairA);
    this.pairB = Int32Array.from(pairB);
    const pairOf = new Int32Array(nP);
    const order = new Int32Array(kept);
    // q = d/c of each entry of order, aligned with it: sorted with it, then kept as sortedQ.
    const sortedQ = new Float64Array(kept);
    for (let p = 0, k = 0; p < nP; p++) {
      if (!((this.c[p] as number) > 0)) continue;
      order[k] = p;
      sortedQ[k++] = (this.d[p] as number) / (this.c[p] as number);
      pairOf[p] = pairOfAssets[(ca[p] as number) * nA + (da[p] as number)] as number;
    }
    this.pairStart = sortByGroup(order, pairOf, pairA.length, sortedQ);
    sortSegmentsByF64(order, this.pairStart, sortedQ);
    this.order = order;
    this.sortedQ = sortedQ;

    // Slots for every (owner, asset) and (venue, asset) a position touches.
    const nN = m.nodeIds.length;
    const nKeys = nN * nA;
    const table = nKeys <= maxTableKeys ? new Int32Array(nKeys).fill(-1) : null;
    const map = table ? null : new Map<number, number>();
    const slotNode: number[] = [];
    const slotAsset: number[] = [];
    const slotOf = (node: number, asset: number): number => {
      const key = asset * nN + node;
      return table ? (table[key] as number) : (map?.get(key) ?? -1);
    };
    const touch = (node: number, asset: number): void => {
      const key = asset * nN + node;
      if (table) {
        if ((table[key] as number) >= 0) return;
        table[key] = slotNode.length;
      } else if (map) {
        if (map.has(key)) return;
        map.set(key, slotNode.length);
      }
      slotNode.push(node);
      slotAsset.push(asset);
    };
    const owner = m.positionOwner;
    const venue = m.positionVenue;
    this.q = new Float64Array(nP);
    this.regime = new Uint8Array(nP);
    this.state = new Uint8Array(nP).fill(GONE);
    const P = m.assetPrice;
    if (table) {
      // One pass: each position's slots are numbered when first touched, then its exposure is
      // added, so every Z sums its positions in the same order as two separate passes would.
      const Z = new Float64Array(nKeys);
      let nSlots = 0;
      const regime = this.regime;
      const state = this.state;
      const pairStart = this.pairStart;
      // The columns the pass reads, written once in index order (writes in random order cost far
      // less than reads in random order), so that the pass reads them in sequence.
      const at = pairOf; // no longer needed: its room holds each position's index in order
      for (let k = 0; k < kept; k++) at[order[k] as number] = k;
      const ownerAt = new Int32Array(kept);
      const venueAt = new Int32Array(kept);
      const cAt = new Float64Array(kept);
      const dAt = new Float64Array(kept);
      for (let p = 0; p < nP; p++) {
        if (!((this.c[p] as number) > 0)) continue;
        const k = at[p] as number;
        ownerAt[k] = owner[p] as number;
        venueAt[k] = venue[p] as number;
        cAt[k] = this.c[p] as number;
        dAt[k] = this.d[p] as number;
      }
      // Pair by pair: a pair's positions share their two assets, so their price ratio.
      for (let g = 0; g < pairA.length; g++) {
        const a = pairA[g] as number;
        const b = pairB[g] as number;
        const rho = (P[a] as number) / (P[b] as number);
        for (let k = pairStart[g] as number; k < (pairStart[g + 1] as number); k++) {
          const p = order[k] as number;
          const o = ownerAt[k] as number;
          const v = venueAt[k] as number;
          const oaKey = a * nN + o;
          const obKey = b * nN + o;
          const laKey = a * nN + v;
          const lbKey = b * nN + v;
          if ((table[oaKey] as number) < 0) table[oaKey] = nSlots++;
          if ((table[obKey] as number) < 0) table[obKey] = nSlots++;
          if ((table[laKey] as number) < 0) table[laKey] = nSlots++;
          if ((table[lbKey] as number) < 0) table[lbKey] = nSlots++;
          const inMoney = (sortedQ[k] as number) < rho ? 1 : 0;
          regime[p] = inMoney;
          state[p] = STATIC;
          const c = cAt[k] as number;
          if (inMoney) {
            const d = dAt[k] as number;
            const oa = table[oaKey] as number;
            const ob = table[obKey] as number;
            const lb = table[lbKey] as number;
            Z[oa] = (Z[oa] as number) + c;
            Z[ob] = (Z[ob] as number) - d;
            Z[lb] = (Z[lb] as number) + d;
          } else {
            const la = table[laKey] as number;
            Z[la] = (Z[la] as number) + c;
          }
        }
      }
      // Slots renumbered asset-major, nodes ascending: the per-step passes over all slots then
      // walk node-indexed arrays forwards. Each Z is the same sum, only its slot changes.
      this.Z = new Float64Array(nSlots);
      this.slotNode = new Int32Array(nSlots);
      this.slotAsset = new Int32Array(nSlots);
      for (let key = 0, slot = 0; key < nKeys; key++) {
        const first = table[key] as number;
        if (first < 0) continue;
        table[key] = slot;
        this.Z[slot] = Z[first] as number;
        this.slotNode[slot] = key % nN;
        this.slotAsset[slot] = Math.floor(key / nN);
        slot++;
      }
      this.positionSlots = ExposureIndex.slotsOfPositions(m, slotOf);
    } else {
      for (let k = 0; k < kept; k++) {
        const p = order[k] as number;
        const o = owner[p] as number;
        const v = venue[p] as number;
        const a = ca[p] as number;
        const b = da[p] as number;
        touch(o, a);
        touch(o, b);
        touch(v, a);
        touch(v, b);
      }
      // Asset-major, nodes ascending, as in the table's numbering above.
      const keys = new Float64Array(slotNode.length);
      for (let i = 0; i < keys.length; i++) keys[i] = (slotAsset[i] as number) * nN + (slotNode[i] as number);
      keys.sort();
      this.slotNode = new Int32Array(keys.length);
      this.slotAsset = new Int32Array(keys.length);
      keys.forEach((key, slot) => {
        (map as Map<number, number>).set(key, slot);
        this.slotNode[slot] = key % nN;
        this.slotAsset[slot] = Math.floor(key / nN);
      });
      this.Z = new Float64Array(keys.length);
      this.positionSlots = ExposureIndex.slotsOfPositions(m, slotOf);
      for (let k = 0; k < kept; k++) {
        const p = order[k] as number;
        const a = ca[p] as number;
        const b = da[p] as number;
        const inMoney = (this.sortedQ[k] as number) < (P[a] as number) / (P[b] as number) ? 1 : 0;
        this.regime[p] = inMoney;
        this.state[p] = STATIC;
        this.apply(p, inMoney, this.c[p] as number, this.d[p] as number, 1);
      }
    }
    this.assetSlotStart = new Int32Array(nA + 1);
    for (let s = 0; s < this.slotAsset.length; s++) this.assetSlotStart[(this.slotAsset[s] as number) + 1]++;
    for (let a = 0; a < nA; a++) this.assetSlotStart[a + 1] = (this.assetSlotStart[a + 1] as number) + (this.assetSlotStart[a] as number);
    this.Z0 = Float64Array.from(this.Z);
    this.regime0 = Uint8Array.from(this.regime);
    this.state0 = Uint8Array.from(this.state);
    this.moved = Array.from({ length: pairA.length }, () => new MovedList(this.q));
    this.crossedIn = new Int32Array(nP).fill(-1);
  }

  /** Back to the initial amounts and prices for a new run, whose amount arrays the index reads from now on. */
  reset(collateral: Float64Array, debt: Float64Array): void {
    this.c = collateral;
    this.d = debt;
    this.Z.set(this.Z0);
    this.regime.set(this.regime0);
    this.state.set(this.state0);
    for (const bag of this.moved) bag.clear();
    if (this.advances > MAX_ADVANCES) {
      this.crossedIn.fill(-1);
      this.advances = 0;
    }
  }

  /**
   * Takes out the positions being liquidated this step, rows [0, n), with the amounts they had
   * before; `putBack` returns them. One call a step, the index's arrays in locals (a method
   * call per position loaded them again for each).
   */
  takeOut(position: Int32Array, collateralBefore: Float64Array, debtBefore: Float64Array, n: number): void {
    const { state, regime, positionSlots: slots, Z } = this;
    for (let r = 0; r < n; r++) {
      const p = position[r] as number;
      const st = state[p] as number;
      if (st !== STATIC && st !== MOVED) continue;
      addExposure(Z, slots, p, regime[p] as number, collateralBefore[r] as number, debtBefore[r] as number, -1);
      state[p] = st === MOVED ? OUT_OF_BAG : OUT;
    }
  }

  /** The positions taken out, rows [0, n), back in with their current amounts, each in its regime at prices P. */
  putBack(position: Int32Array, n: number, P: Float64Array): void {
    const { state, regime, positionSlots: slots, Z, q: qOf, moved, pairOfAssets, nA } = this;
    const { c: C, d: D } = this;
    const { positionCollateralAsset: ca, positionDebtAsset: da } = this.m;
    for (let r = 0; r < n; r++) {
      const p = position[r] as number;
      const st = state[p] as number;
      if (st !== OUT && st !== OUT_OF_BAG) continue;
      const c = C[p] as number;
      const d = D[p] as number;
      if (!(c > 0)) {
        state[p] = GONE;
        continue;
      }
      const a = ca[p] as number;
      const b = da[p] as number;
      const q = d / c;
      const inBag = st === OUT_OF_BAG;
      const left = qOf[p] as number;
      qOf[p] = q;
      const bag = moved[pairOfAssets[a * nA + b] as number] as MovedList;
      // Without debt (q = 0) a position is in the money at every price and never crosses
      // again: it stays out of the moved list (two in five at 1M), whose chunks' spans would
      // otherwise reach down to 0 and be read by most range queries.
      bag.settle(p, left, inBag, q > 0);
      const inMoney = q < (P[a] as number) / (P[b] as number) ? 1 : 0;
      regime[p] = inMoney;
      addExposure(Z, slots, p, inMoney, c, d, 1);
      state[p] = MOVED;
    }
  }

  /**
   * Moves every position in the index from prices P0 to P: with `bands`, first copies the linear
   * exposures (their market edges are the move times these) and records each position whose
   * money line lies in the move's box; then updates their regimes.
   */
  advance(P: Float64Array, P0: Float64Array, bands: BandCollector | null): void {
    this.advances++;
    if (bands) bands.snapshot(this.Z, P, P0, this.assetSlotStart);
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
        if (this.state[p] === STATIC) this.cross(p, this.sortedQ, k, g, P, bands);
      }
      this.crossMoved(g, lo, hi, P, bands);
    }
  }

  /** Adds each node's exposures valued at P to e. */
  accumulate(P: Float64Array, e: Float64Array): void {
    const Z = this.Z;
    const nodes = this.slotNode;
    const start = this.assetSlotStart;
    for (let a = 0; a + 1 < start.length; a++) {
      const pa = P[a] as number;
      // The bound in a local: a typed-array read in the loop test is redone after every store to e.
      const end = start[a + 1] as number;
      let s = start[a] as number;
      // Four slots a round (each e[n] still read and written in turn): the loop's own work per
      // slot shrinks (a microbenchmark of a 193k-slot pass here: 430 → 265 µs).
      for (; s + 3 < end; s += 4) {
        const n0 = nodes[s] as number;
        const n1 = nodes[s + 1] as number;
        const n2 = nodes[s + 2] as number;
        const n3 = nodes[s + 3] as number;
        e[n0] = (e[n0] as number) + pa * (Z[s] as number);
        e[n1] = (e[n1] as number) + pa * (Z[s + 1] as number);
        e[n2] = (e[n2] as number) + pa * (Z[s + 2] as number);
        e[n3] = (e[n3] as number) + pa * (Z[s + 3] as number);
      }
      for (; s < end; s++) {
        const n = nodes[s] as number;
        e[n] = (e[n] as number) + pa * (Z[s] as number);
      }
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

  /** The moved positions of pair g with their money line in [lo, hi). */
  private crossMoved(g: number, lo: number, hi: number, P: Float64Array, bands: BandCollector | null): void {
    const bag = this.moved[g] as MovedList;
    if (bag.size === 0) return;
    const { out, count } = bag.range(lo, hi, this.hits);
    this.hits = out;
    for (let k = 0; k < count; k++) {
      const p = out[k] as number;
      if (this.state[p] !== MOVED || this.crossedIn[p] === this.advances) continue;
      this.crossedIn[p] = this.advances;
      this.cross(p, this.q, p, g, P, bands);
    }
  }

  /**
   * A position whose money line q = qOf[at] lies in this step's box: recorded for its edges, then
   * its regime at P. q is read here, not passed: where this is not inlined, a passed q was boxed.
   */
  private cross(p: number, qOf: Float64Array, at: number, g: number, P: Float64Array, bands: BandCollector | null): void {
    const q = qOf[at] as number;
    const a = this.pairA[g] as number;
    const b = this.pairB[g] as number;
    const pa = P[a] as number;
    const pb = P[b] as number;
    const was = this.regime[p] as number;
    const c = this.c[p] as number;
    const d = this.d[p] as number;
    if (bands) bands.push(this.m.positionOwner[p] as number, this.m.positionVenue[p] as number, a, b, c, d, was);
    const now = q < pa / pb ? 1 : 0;
    if (now !== was) {
      this.apply(p, was, c, d, -1);
      this.apply(p, now, c, d, 1);
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

  /** positionSlots for every position with collateral (−1 for the others, which never enter the index). */
  private static slotsOfPositions(m: SimModel, slotOf: (node: number, asset: number) => number): Int32Array {
    const nP = m.positionIds.length;
    const out = new Int32Array(4 * nP).fill(-1);
    for (let p = 0; p < nP; p++) {
      if (!((m.positionCollateral[p] as number) > 0)) continue;
      const o = m.positionOwner[p] as number;
      const v = m.positionVenue[p] as number;
      const a = m.positionCollateralAsset[p] as number;
      const b = m.positionDebtAsset[p] as number;
      out[4 * p] = slotOf(o, a);
      out[4 * p + 1] = slotOf(o, b);
      out[4 * p + 2] = slotOf(v, a);
      out[4 * p + 3] = slotOf(v, b);
    }
    return out;
  }

  /** Adds (sign = ±1) the linear exposures of a position with amounts (c, d) in the given regime. */
  private apply(p: number, inMoney: number, c: number, d: number, sign: number): void {
    addExposure(this.Z, this.positionSlots, p, inMoney, c, d, sign);
  }
}

/**
 * Adds (sign = 1) or removes (−1) position p's linear exposures: in the money, c to its owner's
 * collateral slot, −d to its owner's debt slot and d to its lender's debt slot; out of it, c to
 * its lender's collateral slot. `slots` holds each position's four slots at 4p … 4p + 3.
 */
function addExposure(Z: Float64Array, slots: Int32Array, p: number, inMoney: number, c: number, d: number, sign: number): void {
  const at = 4 * p;
  if (inMoney) {
    const oa = slots[at] as number;
    const ob = slots[at + 1] as number;
    const lb = slots[at + 3] as number;
    Z[oa] = (Z[oa] as number) + sign * c;
    Z[ob] = (Z[ob] as number) - sign * d;
    Z[lb] = (Z[lb] as number) + sign * d;
  } else {
    const la = slots[at + 2] as number;
    Z[la] = (Z[la] as number) + sign * c;
  }
}
