import { F64Column, I32Column, U8Column } from '../util/growable';

/** What the liquidation stage did in one step, one entry per liquidation (reset every step). */
export class LiquidationBuffer {
  readonly position = new I32Column();
  readonly venue = new I32Column();
  readonly owner = new I32Column();
  readonly collateralAsset = new I32Column();
  readonly debtAsset = new I32Column();
  /** Amounts before the liquidation (units). */
  readonly collateralBefore = new F64Column();
  readonly debtBefore = new F64Column();
  /** Amounts after it (units; 0 and 0 when the position was closed). */
  readonly collateralAfter = new F64Column();
  readonly debtAfter = new F64Column();
  readonly seized = new F64Column();
  readonly repaid = new F64Column();
  /** Debt written off as bad debt (units of the debt asset). */
  readonly badDebt = new F64Column();
  /** Stage-1 market prices the liquidation saw. */
  readonly collateralPrice = new F64Column();
  readonly debtPrice = new F64Column();
  /** 1 for a close-out of a defaulted owner, 0 for a health-driven liquidation. */
  readonly forced = new U8Column();

  get length(): number {
    return this.position.length;
  }

  clear(): void {
    for (const c of [this.position, this.venue, this.owner, this.collateralAsset, this.debtAsset]) c.clear();
    for (const c of [this.collateralBefore, this.debtBefore, this.collateralAfter, this.debtAfter, this.seized, this.repaid, this.badDebt, this.collateralPrice, this.debtPrice]) c.clear();
    this.forced.clear();
  }
}

/** Fire sales of one step (reset every step). */
export class FireSaleBuffer {
  readonly node = new I32Column();
  readonly asset = new I32Column();
  readonly holdingIndex = new I32Column();
  readonly units = new F64Column();
  /** Proceeds at the step's average pool price, USD (filled after all flows are known). */
  readonly proceeds = new F64Column();

  get length(): number {
    return this.node.length;
  }

  clear(): void {
    this.node.clear();
    this.asset.clear();
    this.holdingIndex.clear();
    this.units.clear();
    this.proceeds.clear();
  }
}
