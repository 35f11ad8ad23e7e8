import type { LiquidationRows } from '../losses/step-journal';
import { F64Column, I32Column } from '../util/growable';

/** Memory for a step's rows, `bytes` long: shared memory a journal sink sends to another thread as it is. */
export type RowRoom = (bytes: number) => ArrayBuffer | SharedArrayBuffer;

/**
 * What the liquidation stage did in one step, one entry per liquidation (reset every step):
 * rows [0, length) of plain typed arrays, which the stage writes directly after `reserve`.
 * With a room given for the step (`roomForStep`), the step's rows are written into memory
 * taken from it, the thirteen columns in one buffer: a journal sink then sends them on
 * without a copy.
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
  /** The step's room, and whether its rows are still in the memory of an earlier step. */
  private room: RowRoom | null = null;
  private stale = false;
  /** The buffer's own columns while it writes into a room's memory. */
  private own: LiquidationColumns | null = null;

  clear(): void {
    this.length = 0;
  }

  /**
   * This step's rows go into memory taken from `room` (null: the buffer's own arrays again).
   * Call before the step's first `reserve`; earlier steps' rows are left as they are.
   */
  roomForStep(room: RowRoom | null): void {
    this.length = 0;
    if (room && !this.own) this.own = this.columns();
    if (!room && this.own) {
      this.setColumns(this.own);
      this.own = null;
    }
    this.room = room;
    this.stale = room !== null;
  }

  /** Room for n more rows. */
  reserve(more: number): void {
    const need = this.length + more;
    if (this.stale && need > 0) {
      // As much as the step asks for: its room's memory is held until the journal is read.
      this.stale = false;
      this.moveTo(need);
      return;
    }
    if (need <= this.position.length) return;
    this.moveTo(Math.max(need, 2 * this.position.length));
  }

  /** The rows so far into new columns of `cap` rows (in the step's room when there is one). */
  private moveTo(cap: number): void {
    const n = this.length;
    const old = this.columns();
    const next = this.room ? columnsIn(this.room(LIQUIDATION_ROW_BYTES * cap), cap) : columnsIn(null, cap);
    for (const k of Object.keys(next) as (keyof LiquidationColumns)[]) (next[k] as { set(a: ArrayLike<number>): void }).set(old[k].subarray(0, n));
    this.setColumns(next);
  }

  private columns(): LiquidationColumns {
    const { position, venue, owner, collateralAsset, debtAsset, collateralBefore, debtBefore, seized, repaid, badDebt, collateralPrice, debtPrice, forced } = this;
    return { position, venue, owner, collateralAsset, debtAsset, collateralBefore, debtBefore, seized, repaid, badDebt, collateralPrice, debtPrice, forced };
  }

  private setColumns(c: LiquidationColumns): void {
    this.position = c.position;
    this.venue = c.venue;
    this.owner = c.owner;
    this.collateralAsset = c.collateralAsset;
    this.debtAsset = c.debtAsset;
    this.collateralBefore = c.collateralBefore;
    this.debtBefore = c.debtBefore;
    this.seized = c.seized;
    this.repaid = c.repaid;
    this.badDebt = c.badDebt;
    this.collateralPrice = c.collateralPrice;
    this.debtPrice = c.debtPrice;
    this.forced = c.forced;
  }
}

/** The journal's liquidation rows and the two columns only the simulation reads. */
interface LiquidationColumns extends LiquidationRows {
  position: Int32Array;
  collateralPrice: Float64Array;
}

/** Bytes of a row: seven float64 columns, five int32, one uint8. */
const LIQUIDATION_ROW_BYTES = 7 * 8 + 5 * 4 + 1;

/** Columns of `cap` rows, laid out in `buffer` (float64 first, so every column is aligned), or each its own. */
function columnsIn(buffer: ArrayBuffer | SharedArrayBuffer | null, cap: number): LiquidationColumns {
  let at = 0;
  const f64 = (): Float64Array => {
    const a = buffer ? new Float64Array(buffer, at, cap) : new Float64Array(cap);
    at += 8 * cap;
    return a;
  };
  const i32 = (): Int32Array => {
    const a = buffer ? new Int32Array(buffer, at, cap) : new Int32Array(cap);
    at += 4 * cap;
    return a;
  };
  const collateralBefore = f64();
  const debtBefore = f64();
  const seized = f64();
  const repaid = f64();
  const badDebt = f64();
  const collateralPrice = f64();
  const debtPrice = f64();
  const position = i32();
  const venue = i32();
  const owner = i32();
  const collateralAsset = i32();
  const debtAsset = i32();
  const forced = buffer ? new Uint8Array(buffer, at, cap) : new Uint8Array(cap);
  return { position, venue, owner, collateralAsset, debtAsset, collateralBefore, debtBefore, seized, repaid, badDebt, collateralPrice, debtPrice, forced };
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
