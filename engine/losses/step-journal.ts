import { F64Column, I32Column, U8Column } from '../util/growable';

/**
 * What the loss graph of one step is built from (MODEL §5), as the simulation leaves it: the
 * step's prices, the linear exposures before the move, the positions whose money line the move
 * crossed, the liquidations and fire sales, and the clearing's outputs. The loss graph never
 * feeds back into the simulation, so it can be built from these columns anywhere — on the
 * simulation's thread right after the step, or on another thread while the next steps run.
 */
export interface StepJournal {
  t: number;
  /** Market prices at the end of the step, and at the end of the previous one. */
  P: Float64Array;
  P0: Float64Array;
  /** Market prices after the step's events and before its flows (stage 1): the prices its liquidations were made at. */
  P1: Float64Array;
  fire: FireRows;
  /**
   * Linear exposures of the exposure index before the move (slot order), valid only in the
   * slots of assets whose price moved (P ≠ P0): the only ones a market edge is made from.
   */
  Z: Float64Array;
  bands: BandRows;
  liq: LiquidationRows;
  exogenous: { index: number; node: number; amount: number }[];
  // Assets: backing factor now and at the previous step, depth and pool state now and at the start of the step, the step's net flow.
  B: Float64Array;
  Bprev: Float64Array;
  x: Float64Array;
  S: Float64Array;
  x0: Float64Array;
  S0: Float64Array;
  dS: Float64Array;
  // The debtors (LossModel.debtors, in that order), after the clearing (the recovery rates this
  // step's B came from are the last step's): every other node owes nothing, so it recovers 1, is
  // never short and never defaults, and its equity is never read.
  recovery: Float64Array;
  defaultStep: Int32Array;
  shortNow: Uint8Array;
  equity: Float64Array;
}

export interface FireRows {
  node: Int32Array;
  /** The holding sold (all of it: the holding is 0 from this step on). */
  holdingIndex: Int32Array;
  asset: Int32Array;
  units: Float64Array;
  proceeds: Float64Array;
}

/** Positions whose money line lay in the step's box of price ratios, in the order they were met. */
export interface BandRows {
  owner: Int32Array;
  venue: Int32Array;
  collateralAsset: Int32Array;
  debtAsset: Int32Array;
  collateral: Float64Array;
  debt: Float64Array;
  /** 1 when in the money at the previous prices. */
  was: Uint8Array;
}

export interface LiquidationRows {
  venue: Int32Array;
  owner: Int32Array;
  collateralAsset: Int32Array;
  debtAsset: Int32Array;
  collateralBefore: Float64Array;
  debtBefore: Float64Array;
  seized: Float64Array;
  repaid: Float64Array;
  badDebt: Float64Array;
  debtPrice: Float64Array;
  forced: Uint8Array;
}

/** Where a step's band rows are collected while the exposure index moves (reused across steps). */
export class BandCollector {
  readonly owner = new I32Column(1024);
  readonly venue = new I32Column(1024);
  readonly collateralAsset = new I32Column(1024);
  readonly debtAsset = new I32Column(1024);
  readonly collateral = new F64Column(1024);
  readonly debt = new F64Column(1024);
  readonly was = new U8Column(1024);
  /** The exposures before the move, copied by the index: only the slots of assets that moved. */
  Z: Float64Array = new Float64Array(0);
  private own: Float64Array = this.Z;
  /**
   * Where the next snapshot goes instead of the collector's own array, once: the room a journal
   * sink keeps for the step's exposures in shared memory, so that they are copied once, not
   * here and again when the journal is packed.
   */
  nextRoom: ((slots: number) => Float64Array) | null = null;

  snapshot(Z: Float64Array, P: Float64Array, P0: Float64Array, slotStart: Int32Array): void {
    const room = this.nextRoom;
    this.nextRoom = null;
    if (room) this.Z = room(Z.length);
    else {
      if (this.own.length !== Z.length) this.own = new Float64Array(Z.length);
      this.Z = this.own;
    }
    copyMovedSlots(Z, this.Z, P, P0, slotStart);
  }

  push(owner: number, venue: number, a: number, b: number, c: number, d: number, was: number): void {
    this.owner.push(owner);
    this.venue.push(venue);
    this.collateralAsset.push(a);
    this.debtAsset.push(b);
    this.collateral.push(c);
    this.debt.push(d);
    this.was.push(was);
  }

  clear(): void {
    this.owner.clear();
    this.venue.clear();
    this.collateralAsset.clear();
    this.debtAsset.clear();
    this.collateral.clear();
    this.debt.clear();
    this.was.clear();
  }

  /** The rows: views into the collector, valid until it is cleared. */
  rows(): BandRows {
    return {
      owner: this.owner.view(),
      venue: this.venue.view(),
      collateralAsset: this.collateralAsset.view(),
      debtAsset: this.debtAsset.view(),
      collateral: this.collateral.view(),
      debt: this.debt.view(),
      was: this.was.view(),
    };
  }
}

/** Where a simulation sends each step's journal: its arrays are views of the run's state, valid only during `step`. */
export interface JournalSink {
  step(j: StepJournal): void;
  /** Room for step t's exposures (the journal's Z, `slots` long), where the sink would copy them anyway. */
  exposureRoom?(t: number, slots: number): Float64Array;
  /** Memory for step t's liquidation rows (the journal's liq columns), where the sink would copy them anyway. */
  liquidationRoom?(t: number): (bytes: number) => ArrayBuffer | SharedArrayBuffer;
}

/**
 * Copies from `Z` into `into` the slots of the assets whose price moved (P[a] ≠ P0[a]), asset
 * a's slots being [slotStart[a], slotStart[a + 1]): late steps move a few assets of many.
 */
export function copyMovedSlots(Z: Float64Array, into: Float64Array, P: Float64Array, P0: Float64Array, slotStart: Int32Array): void {
  for (let a = 0; a + 1 < slotStart.length; a++) {
    if (P[a] === P0[a]) continue;
    const from = slotStart[a] as number;
    let to = slotStart[a + 1] as number;
    // Runs of moved assets in one copy.
    while (a + 2 < slotStart.length && P[a + 1] !== P0[a + 1]) to = slotStart[++a + 1] as number;
    into.set(Z.subarray(from, to), from);
  }
}
