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

  constructor(private readonly m: SimModel) {
    const nA = m.assetIds.length;
    this.owners = new ExposureBook(m.positionOwner, m.positionCollateralAsset, m.positionDebtAsset, m.positionCollateral, m.positionDebt, nA);
    this.lenders = new ExposureBook(m.positionVenue, m.positionCollateralAsset, m.positionDebtAsset, m.positionCollateral, m.positionDebt, nA);
    const nP = m.positionIds.length;
    this.isTouched = new Uint8Array(nP);
    this.open = new Int32Array(Math.min(nP, 1024));
    this.row = new Int32Array(nP);
    this.rowStep = new Int32Array(nP).fill(-1);
  }

  reset(): void {
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
      e[o] = (e[o] as number) + ownerEquity(c, d, pa, pb);
      e[v] = (e[v] as number) + lenderClaim(c, d, pa, pb);
      if (d > 0) this.open[kept++] = p;
      else if (c > 0) this.close(o, a, c);
      if (!loss) continue;

      const r = this.rowStep[p] === t && liq ? (this.row[p] as number) : -1;
      const cp = r >= 0 && liq ? liq.collateralBefore.get(r) : c;
      const dp = r >= 0 && liq ? liq.debtBefore.get(r) : d;
      const pa0 = P0[a] as number;
      const pb0 = P0[b] as number;
      if (pa !== pa0 || pb !== pb0) {
        const movedA = pa0 !== pa;
        const movedB = pb0 !== pb;
        split(loss, a, b, o, ownerEquity(cp, dp, pa0, pb0), ownerEquity(cp, dp, pa, pb0), ownerEquity(cp, dp, pa0, pb), ownerEquity(cp, dp, pa, pb), movedA, movedB);
        split(loss, a, b, v, lenderClaim(cp, dp, pa0, pb0), lenderClaim(cp, dp, pa, pb0), lenderClaim(cp, dp, pa0, pb), lenderClaim(cp, dp, pa, pb), movedA, movedB);
      }
      if (r >= 0 && liq) {
        loss.add(v, o, CH_LIQUIDATION, ownerEquity(cp, dp, pa, pb) - ownerEquity(c, d, pa, pb));
        const venueLoss = lenderClaim(cp, dp, pa, pb) - lenderClaim(c, d, pa, pb) - liq.repaid.get(r) * liq.debtPrice.get(r);
        loss.add(o, v, liq.badDebt.get(r) > 0 ? CH_BAD_DEBT : CH_LIQUIDATION, venueLoss);
      }
    }
    this.openLength = kept;
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
    const ob = this.owners;
    for (let g = 0; g < ob.groups; g++) {
      const h = ob.groupHolder[g] as number;
      const a = ob.groupA[g] as number;
      const b = ob.groupB[g] as number;
      e[h] = (e[h] as number) + ob.value(g, P[a] as number, P[b] as number);
      if (loss && (P[a] !== P0[a] || P[b] !== P0[b])) {
        const pa0 = P0[a] as number;
        const pb0 = P0[b] as number;
        const pa = P[a] as number;
        const pb = P[b] as number;
        split(loss, a, b, h, ob.value(g, pa0, pb0), ob.value(g, pa, pb0), ob.value(g, pa0, pb), ob.value(g, pa, pb), pa0 !== pa, pb0 !== pb);
      }
    }
    const lb = this.lenders;
    for (let g = 0; g < lb.groups; g++) {
      const h = lb.groupHolder[g] as number;
      const a = lb.groupA[g] as number;
      const b = lb.groupB[g] as number;
      const C = lb.groupCollateral[g] as number;
      e[h] = (e[h] as number) + (P[a] as number) * C - lb.value(g, P[a] as number, P[b] as number);
      if (loss && (P[a] !== P0[a] || P[b] !== P0[b])) {
        const pa0 = P0[a] as number;
        const pb0 = P0[b] as number;
        const pa = P[a] as number;
        const pb = P[b] as number;
        split(loss, a, b, h, pa0 * C - lb.value(g, pa0, pb0), pa * C - lb.value(g, pa, pb0), pa0 * C - lb.value(g, pa0, pb), pa * C - lb.value(g, pa, pb), pa0 !== pa, pb0 !== pb);
      }
    }
  }
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
