import { CH_BAD_DEBT, CH_LIQUIDATION, CH_MARKET, type LossGraph } from '../losses/loss-graph';
import { ExposureIndex, splitPosition } from './exposure-index';
import type { SimModel } from './model';
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

/** max(0, c·Pa − d·Pb): a position's equity to its owner (MODEL §4.6). */
export function ownerEquity(c: number, d: number, pa: number, pb: number): number {
  const v = c * pa - d * pb;
  return v > 0 ? v : 0;
}

/** min(c·Pa, d·Pb): a position's value to its lender (MODEL §4.6). */
export function lenderClaim(c: number, d: number, pa: number, pb: number): number {
  const x = c * pa;
  const y = d * pb;
  return x < y ? x : y;
}

/**
 * External values e_i of MODEL §4.6 — external assets, holdings, position equity to owners and
 * claims to lenders — for every node. Positions are linear exposures of an ExposureIndex, so a
 * step costs the (node, asset) exposures, the positions near their money line and the step's
 * liquidations, not the number of positions. With a LossGraph it also records the market and
 * liquidation edges of §5 for the step.
 */
export class Valuation {
  private readonly index: ExposureIndex;
  private readonly split = new Float64Array(4);

  constructor(private readonly m: SimModel) {
    this.index = new ExposureIndex(m);
  }

  /** A new run: positions back to their initial amounts; the run's amount arrays are read from now on. */
  reset(collateral: Float64Array, debt: Float64Array): void {
    this.index.reset(collateral, debt);
  }

  /**
   * The values at other prices, without moving anything (the first-round valuation of §6):
   * external assets, holdings and positions. Before any liquidation only.
   */
  peek(inp: ValuationInput, Pnow: Float64Array, e: Float64Array): void {
    e.set(inp.external);
    this.holdings(inp, e, null, null);
    this.index.peek(inp.P, Pnow, e);
  }

  /**
   * Writes e_i into `e` at prices P, moving the state from P0 and taking in this step's
   * liquidations. With `loss`, adds the step's market edges (amounts before the step, price
   * move P0 → P, split between the two assets of a position symmetrically) and liquidation
   * edges (amount change at P).
   */
  value(inp: ValuationInput, e: Float64Array, liq: LiquidationBuffer | null, fire: FireSaleBuffer | null, loss: LossGraph | null): void {
    const m = this.m;
    const { P, P0 } = inp;
    e.set(inp.external);
    this.holdings(inp, e, fire, loss);
    const rows = liq ? liq.length : 0;
    for (let r = 0; r < rows; r++) {
      const l = liq as LiquidationBuffer;
      this.index.takeOut(l.position.get(r), l.collateralBefore.get(r), l.debtBefore.get(r));
    }
    this.index.advance(P, P0, loss);
    for (let r = 0; r < rows; r++) {
      const l = liq as LiquidationBuffer;
      const p = l.position.get(r);
      const c = inp.collateral[p] as number;
      const d = inp.debt[p] as number;
      this.index.putBack(p, P);
      if (!loss) continue;
      const o = m.positionOwner[p] as number;
      const v = m.positionVenue[p] as number;
      const a = m.positionCollateralAsset[p] as number;
      const b = m.positionDebtAsset[p] as number;
      const cp = l.collateralBefore.get(r);
      const dp = l.debtBefore.get(r);
      const pa = P[a] as number;
      const pb = P[b] as number;
      if (pa !== P0[a] || pb !== P0[b]) {
        // Moved at the amounts it had before the liquidation.
        const sp = this.split;
        splitPosition(cp, dp, P0[a] as number, P0[b] as number, pa, pb, a === b, sp);
        loss.add(loss.assetVertex(a), o, CH_MARKET, sp[0] as number);
        loss.add(loss.assetVertex(b), o, CH_MARKET, sp[1] as number);
        loss.add(loss.assetVertex(a), v, CH_MARKET, sp[2] as number);
        loss.add(loss.assetVertex(b), v, CH_MARKET, sp[3] as number);
      }
      loss.add(v, o, CH_LIQUIDATION, ownerEquity(cp, dp, pa, pb) - ownerEquity(c, d, pa, pb));
      const venueLoss = lenderClaim(cp, dp, pa, pb) - lenderClaim(c, d, pa, pb) - l.repaid.get(r) * l.debtPrice.get(r);
      loss.add(o, v, l.badDebt.get(r) > 0 ? CH_BAD_DEBT : CH_LIQUIDATION, venueLoss);
    }
    this.index.accumulate(P, e);
  }

  private holdings(inp: ValuationInput, e: Float64Array, fire: FireSaleBuffer | null, loss: LossGraph | null): void {
    const m = this.m;
    const { P, P0 } = inp;
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
  }
}
