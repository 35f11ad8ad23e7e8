import { CH_BAD_DEBT, CH_LIQUIDATION, CH_MARKET, type LossGraph } from '../losses/loss-graph';
import { ExposureBook, lenderClaim, ownerEquity } from './exposure-book';
import type { SimModel } from './model';
import { F64Column, I32Column } from '../util/growable';
import type { FireSaleBuffer, LiquidationBuffer } from './step-buffers';

/** Prices and balances a valuation reads. */
export interface ValuationInput {
  /** Prices to value at (end of step). */
  P: Float64Array;
  /** Prices of the previous valuation: market edges measure the move from these. */
  P0: Float64Array;
  external: Float64Array;
  holding: Float64Array;
  collateral: Float64Array;
  debt: Float64Array;
}

/**
 * External values e_i of MODEL §4.6 — external assets, holdings, position equity to owners and
 * claims to lenders — for every node, without visiting untouched positions: those are valued
 * through ExposureBooks. A position leaves the books when first liquidated; while it still has
 * debt it is valued one by one ("open"), and once its debt is gone its remaining collateral is
 * plain holdings of its owner (summed per owner and asset). So a step costs the number of
 * groups plus the open liquidated positions, not the number of positions.
 * With a LossGraph it also records the market and liquidation edges of §5 for the step.
 */
export class Valuation {
  private readonly owners: ExposureBook;
  private readonly lenders: ExposureBook;
  private readonly isTouched: Uint8Array;
  /** Liquidated positions that still have debt, valued one by one. */
  private open: Int32Array;
  private openLength = 0;
  /** Row of the position in the current step's liquidation buffer, valid when rowStep[p] = step. */
  private readonly row: Int32Array;
  private readonly rowStep: Int32Array;
  /** Collateral left in closed positions, summed per (owner, asset). */
  private readonly closedSlot = new Map<number, number>();
  private readonly closedOwner = new I32Column();
  private readonly closedAsset = new I32Column();
  private readonly closedAmount = new F64Column();
  private readonly ownerCache: BookCache;
  /** Each open position's owner equity and lender claim at the last valuation (step valuedStep). */
  private readonly openF: Float64Array;
  private readonly openL: Float64Array;
  private readonly openStep: Int32Array;
  private valuedStep = -2;
  private readonly lenderCache: BookCache;

  constructor(private readonly m: SimModel) {
    const nA = m.assetIds.length;
    this.owners = new ExposureBook(m.positionOwner, m.positionCollateralAsset, m.positionDebtAsset, m.positionCollateral, m.positionDebt, nA);
    this.lenders = new ExposureBook(m.positionVenue, m.positionCollateralAsset, m.positionDebtAsset, m.positionCollateral, m.positionDebt, nA);
    this.ownerCache = bookCache(this.owners.groups);
    this.lenderCache = bookCache(this.lenders.groups);
    const nP = m.positionIds.length;
    this.isTouched = new Uint8Array(nP);
    this.open = new Int32Array(Math.min(nP, 1024));
    this.row = new Int32Array(nP);
    this.openF = new Float64Array(nP);
    this.openL = new Float64Array(nP);
    this.openStep = new Int32Array(nP).fill(-2);
    this.rowStep = new Int32Array(nP).fill(-1);
  }

  reset(): void {
    this.valuedStep = -2;
    this.openStep.fill(-2);
    this.isTouched.fill(0);
    this.openLength = 0;
    this.rowStep.fill(-1);
    this.owners.restore();
    this.lenders.restore();
    this.closedSlot.clear();
    this.closedOwner.clear();
    this.closedAsset.clear();
    this.closedAmount.clear();
  }

  /** Takes this step's liquidated positions out of the books (the first time) to value them one by one. */
  noteLiquidations(liq: LiquidationBuffer, t: number): void {
    for (let r = 0; r < liq.length; r++) {
      const p = liq.position.get(r);
      this.row[p] = r;
      this.rowStep[p] = t;
      if (this.isTouched[p]) continue;
      this.isTouched[p] = 1;
      this.owners.remove(p);
      this.lenders.remove(p);
      if (this.openLength === this.open.length) {
        const grown = new Int32Array(Math.max(16, this.open.length * 2));
        grown.set(this.open);
        this.open = grown;
      }
      this.open[this.openLength++] = p;
    }
  }

  /**
   * Writes e_i into `e`. With `loss`, adds this step's market edges (old amounts, price move
   * P0 → P, split between the two assets of a position symmetrically) and liquidation edges
   * (amount change at P). Positions whose debt is gone move to the closed sums afterwards.
   */
  value(inp: ValuationInput, e: Float64Array, t: number, liq: LiquidationBuffer | null, fire: FireSaleBuffer | null, loss: LossGraph | null): void {
    const m = this.m;
    const { P, P0 } = inp;
    e.set(inp.external);

    for (let h = 0; h < m.holdingOwner.length; h++) {
      const o = m.holdingOwner[h] as number;
      const a = m.holdingAsset[h] as number;
      const amt = inp.holding[h] as number;
      e[o] = (e[o] as number) + amt * (P[a] as number);
      if (loss && amt > 0 && P[a] !== P0[a]) loss.add(loss.assetVertex(a), o, CH_MARKET, amt * ((P0[a] as number) - (P[a] as number)));
    }
    if (fire && loss) {
      for (let r = 0; r < fire.length; r++) {
        const a = fire.asset.get(r);
        loss.add(loss.assetVertex(a), fire.node.get(r), CH_MARKET, fire.units.get(r) * (P0[a] as number) - fire.proceeds.get(r));
      }
    }
    for (let k = 0; k < this.closedOwner.length; k++) {
      const o = this.closedOwner.get(k);
      const a = this.closedAsset.get(k);
      const amt = this.closedAmount.get(k);
      e[o] = (e[o] as number) + amt * (P[a] as number);
      if (loss && P[a] !== P0[a]) loss.add(loss.assetVertex(a), o, CH_MARKET, amt * ((P0[a] as number) - (P[a] as number)));
    }

    this.books(P, P0, e, loss);

    const coll = inp.collateral;
    const debt = inp.debt;
    let kept = 0;
    const cacheValid = this.valuedStep === t - 1;
    for (let k = 0; k < this.openLength; k++) {
      const p = this.open[k] as number;
      const o = m.positionOwner[p] as number;
      const v = m.positionVenue[p] as number;
      const a = m.positionCollateralAsset[p] as number;
      const b = m.positionDebtAsset[p] as number;
      const pa = P[a] as number;
      const pb = P[b] as number;
      const c = coll[p] as number;
      const d = debt[p] as number;
      const f11 = ownerEquity(c, d, pa, pb);
      const l11 = lenderClaim(c, d, pa, pb);
      e[o] = (e[o] as number) + f11;
      e[v] = (e[v] as number) + l11;
      if (d > 0) this.open[kept++] = p;
      else if (c > 0) this.close(o, a, c);
      if (!loss) continue;

      const r = this.rowStep[p] === t && liq ? (this.row[p] as number) : -1;
      const cp = r >= 0 && liq ? liq.collateralBefore.get(r) : c;
      const dp = r >= 0 && liq ? liq.debtBefore.get(r) : d;
      const pa0 = P0[a] as number;
      const pb0 = P0[b] as number;
      const movedA = pa0 !== pa;
      const movedB = pb0 !== pb;
      if (movedA || movedB) {
        // Last valuation valued this position at P0 with the amounts it had before this step.
        const cached = cacheValid && this.openStep[p] === t - 1;
        const f00 = cached ? (this.openF[p] as number) : ownerEquity(cp, dp, pa0, pb0);
        const l00 = cached ? (this.openL[p] as number) : lenderClaim(cp, dp, pa0, pb0);
        const f1 = r >= 0 ? ownerEquity(cp, dp, pa, pb) : f11;
        const l1 = r >= 0 ? lenderClaim(cp, dp, pa, pb) : l11;
        const both = movedA && movedB && a !== b;
        split(loss, a, b, o, f00, both ? ownerEquity(cp, dp, pa, pb0) : 0, both ? ownerEquity(cp, dp, pa0, pb) : 0, f1, movedA, movedB);
        split(loss, a, b, v, l00, both ? lenderClaim(cp, dp, pa, pb0) : 0, both ? lenderClaim(cp, dp, pa0, pb) : 0, l1, movedA, movedB);
      }
      this.openF[p] = f11;
      this.openL[p] = l11;
      this.openStep[p] = t;
      if (r >= 0 && liq) {
        loss.add(v, o, CH_LIQUIDATION, ownerEquity(cp, dp, pa, pb) - f11);
        const venueLoss = lenderClaim(cp, dp, pa, pb) - l11 - liq.repaid.get(r) * liq.debtPrice.get(r);
        loss.add(o, v, liq.badDebt.get(r) > 0 ? CH_BAD_DEBT : CH_LIQUIDATION, venueLoss);
      }
    }
    this.openLength = kept;
    if (loss) this.valuedStep = t;
  }

  /** A position without debt: its collateral is its owner's, like a holding. */
  private close(owner: number, asset: number, amount: number): void {
    const key = owner * this.m.assetIds.length + asset;
    const slot = this.closedSlot.get(key);
    if (slot === undefined) {
      this.closedSlot.set(key, this.closedOwner.length);
      this.closedOwner.push(owner);
      this.closedAsset.push(asset);
      this.closedAmount.push(amount);
    } else this.closedAmount.set(slot, this.closedAmount.get(slot) + amount);
  }

  private books(P: Float64Array, P0: Float64Array, e: Float64Array, loss: LossGraph | null): void {
    this.book(this.owners, this.ownerCache, false, P, P0, e, loss);
    this.book(this.lenders, this.lenderCache, true, P, P0, e, loss);
  }

  /**
   * Adds each group's value to its holder — owners: Σ max(0, c·Pa − d·Pb); lenders: Pa·ΣC minus
   * that — and, with a loss graph, the group's market edges. The value at P0 is the previous
   * step's value at P unless the group changed since, so a step costs one evaluation per group
   * when one of its assets moved (two more when both did).
   */
  private book(bk: ExposureBook, cache: BookCache, lender: boolean, P: Float64Array, P0: Float64Array, e: Float64Array, loss: LossGraph | null): void {
    for (let g = 0; g < bk.groups; g++) {
      const h = bk.groupHolder[g] as number;
      const a = bk.groupA[g] as number;
      const b = bk.groupB[g] as number;
      const pa = P[a] as number;
      const pb = P[b] as number;
      const C = lender ? (bk.groupCollateral[g] as number) : 0;
      const v11 = bk.value(g, pa, pb);
      e[h] = (e[h] as number) + (lender ? pa * C - v11 : v11);
      const pa0 = P0[a] as number;
      const pb0 = P0[b] as number;
      if (loss && (pa !== pa0 || pb !== pb0)) {
        const v00 = !bk.changed[g] && cache.pa[g] === pa0 && cache.pb[g] === pb0 ? (cache.value[g] as number) : bk.value(g, pa0, pb0);
        const movedA = pa !== pa0;
        const movedB = pb !== pb0;
        const both = movedA && movedB && a !== b;
        const v10 = both ? bk.value(g, pa, pb0) : 0;
        const v01 = both ? bk.value(g, pa0, pb) : 0;
        if (lender) split(loss, a, b, h, pa0 * C - v00, pa * C - v10, pa0 * C - v01, pa * C - v11, movedA, movedB);
        else split(loss, a, b, h, v00, v10, v01, v11, movedA, movedB);
      }
      cache.value[g] = v11;
      cache.pa[g] = pa;
      cache.pb[g] = pb;
    }
    bk.changed.fill(0);
  }
}

/** Each group's value at the prices of the last valuation. */
interface BookCache {
  value: Float64Array;
  pa: Float64Array;
  pb: Float64Array;
}

function bookCache(n: number): BookCache {
  return { value: new Float64Array(n), pa: new Float64Array(n).fill(NaN), pb: new Float64Array(n).fill(NaN) };
}

/**
 * Market edges for a value f moving from f(pa0, pb0) = v00 to f(pa, pb) = v11, given also
 * v10 = f(pa, pb0) and v01 = f(pa0, pb): the whole loss goes to the asset that moved; when
 * both moved, to each its symmetric (Shapley) share.
 */
function split(loss: LossGraph, a: number, b: number, to: number, v00: number, v10: number, v01: number, v11: number, movedA: boolean, movedB: boolean): void {
  const total = v00 - v11;
  if (!movedB || a === b) {
    loss.add(loss.assetVertex(a), to, CH_MARKET, total);
    return;
  }
  if (!movedA) {
    loss.add(loss.assetVertex(b), to, CH_MARKET, total);
    return;
  }
  const gainA = 0.5 * (v10 - v00 + (v11 - v01));
  loss.add(loss.assetVertex(a), to, CH_MARKET, -gainA);
  loss.add(loss.assetVertex(b), to, CH_MARKET, total + gainA);
}
