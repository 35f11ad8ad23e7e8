import type { BandCollector } from '../losses/step-journal';
import { ExposureIndex } from './exposure-index';
import type { SimModel } from './model';
import type { LiquidationBuffer } from './step-buffers';

/** Prices and balances a valuation reads. */
export interface ValuationInput {
  /** Prices to value at (end of step). */
  P: Float64Array;
  /** Prices of the previous valuation: the index moves from these. */
  P0: Float64Array;
  external: Float64Array;
  holding: Float64Array;
  collateral: Float64Array;
  debt: Float64Array;
}

/**
 * External values e_i of MODEL §4.6 — external assets, holdings, position equity to owners and
 * claims to lenders — for every node. Positions are linear exposures of an ExposureIndex, so a
 * step costs the (node, asset) exposures, the positions near their money line and the step's
 * liquidations, not the number of positions. With a BandCollector it also keeps what the step's
 * market edges of §5 are built from (engine/losses/loss-builder.ts).
 */
export class Valuation {
  readonly index: ExposureIndex;

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
    this.holdings(inp, e);
    this.index.peek(inp.P, Pnow, e);
  }

  /** Writes e_i into `e` at prices P, moving the state from P0 and taking in this step's liquidations. */
  value(inp: ValuationInput, e: Float64Array, liq: LiquidationBuffer | null, bands: BandCollector | null): void {
    const { P, P0 } = inp;
    e.set(inp.external);
    this.holdings(inp, e);
    const rows = liq ? liq.length : 0;
    if (liq) this.index.takeOut(liq.position, liq.collateralBefore, liq.debtBefore, rows);
    this.index.advance(P, P0, bands);
    if (liq) this.index.putBack(liq.position, rows, P);
    this.index.accumulate(P, e);
  }

  private holdings(inp: ValuationInput, e: Float64Array): void {
    const { holdingOwner: owner, holdingAsset: asset } = this.m;
    const { P, holding } = inp;
    for (let h = 0; h < owner.length; h++) {
      const o = owner[h] as number;
      e[o] = (e[o] as number) + (holding[h] as number) * (P[asset[h] as number] as number);
    }
  }
}
