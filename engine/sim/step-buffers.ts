import { F64Column, I32Column } from '../util/growable';

/**
 * What the liquidation stage did in one step, one entry per liquidation (reset every step):
 * rows [0, length) of plain typed arrays, which the stage writes directly after `reserve`.
 */
export class LiquidationBuffer {
  length = 0;
  position: Int32Array = new Int32Array(64);
  venue: Int32Array = new Int32Array(64);
  owner: Int32Array = new Int32Array(64);
  collateralAsset: Int32Array = new Int32Array(64);
  debtAsset: Int32Array = new Int32Array(64);
  /** Amounts before the liquidation (units). */
  collateralBefore: Float64Array = new Float64Array(64);
  debtBefore: Float64Array = new Float64Array(64);
  seized: Float64Array = new Float64Array(64);
  repaid: Float64Array = new Float64Array(64);
  /** Debt written off as bad debt (units of the debt asset). */
  badDebt: Float64Array = new Float64Array(64);
  /** Stage-1 market prices the liquidation saw. */
  collateralPrice: Float64Array = new Float64Array(64);
  debtPrice: Float64Array = new Float64Array(64);
  /** 1 for a close-out of a defaulted owner, 0 for a health-driven liquidation. */
  forced: Uint8Array = new Uint8Array(64);

  clear(): void {
    this.length = 0;
  }

  /** Room for n more rows. */
  reserve(more: number): void {
    const need = this.length + more;
    if (need <= this.position.length) return;
    const cap = Math.max(need, 2 * this.position.length);
    const n = this.length;
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, n));
      return b;
    };
    this.position = i32(this.position);
    this.venue = i32(this.venue);
    this.owner = i32(this.owner);
    this.collateralAsset = i32(this.collateralAsset);
    this.debtAsset = i32(this.debtAsset);
    this.collateralBefore = f64(this.collateralBefore);
    this.debtBefore = f64(this.debtBefore);
    this.seized = f64(this.seized);
    this.repaid = f64(this.repaid);
    this.badDebt = f64(this.badDebt);
    this.collateralPrice = f64(this.collateralPrice);
    this.debtPrice = f64(this.debtPrice);
    const forced = new Uint8Array(cap);
    forced.set(this.forced.subarray(0, n));
    this.forced = forced;
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
