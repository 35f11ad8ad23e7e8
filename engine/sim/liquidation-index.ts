import { groupKeys, sortByF64, sortByU32 } from '../util/radix-sort';
import type { SimModel } from './model';

/**
 * The active set of the liquidation stage: a step touches only positions that can liquidate.
 *
 * Positions are grouped by (venue, collateral asset, debt asset) and sorted by their
 * liquidation ratio L = debt / (collateral · lt), largest first: a position is liquidatable
 * when V(coll)/V(debt) < L, so the candidates of a group at any step are a prefix. A cursor per
 * group moves along the prefix as the price ratio falls; positions it passes join the `dirty`
 * list, which is checked exactly every step until the position's debt is gone. Positions of a
 * defaulted owner join it too (their close-out ignores health).
 */
export class LiquidationIndex {
  readonly groupVenue: Int32Array;
  readonly groupCollateral: Int32Array;
  readonly groupDebt: Int32Array;
  /** Groups of venue v: venueGroups[venueGroupStart[v] … venueGroupStart[v+1]). */
  readonly venueGroupStart: Int32Array;
  readonly venueGroups: Int32Array;
  private readonly groupStart: Int32Array;
  private readonly slots: Int32Array;
  private readonly ratio: Float64Array;
  private readonly cursor: Int32Array;
  /** Positions of owner o: ownerPositions[ownerStart[o] … ownerStart[o+1]). */
  private readonly ownerStart: Int32Array;
  private readonly ownerPositions: Int32Array;

  dirty: Int32Array;
  dirtyLength = 0;
  private readonly inDirty: Uint8Array;

  constructor(m: SimModel) {
    const nP = m.positionIds.length;
    const nA = m.assetIds.length;
    const nN = m.nodeIds.length;
    const key = (p: number) => ((m.positionVenue[p] as number) * nA + (m.positionCollateralAsset[p] as number)) * nA + (m.positionDebtAsset[p] as number);
    const negL = new Float64Array(nP);
    let active = 0;
    for (let p = 0; p < nP; p++) {
      const d = m.positionDebt[p] as number;
      const c = m.positionCollateral[p] as number;
      negL[p] = c > 0 ? -d / (c * (m.positionThreshold[p] as number)) : -Infinity;
      if (d > 0) active++;
    }
    const slots = new Int32Array(active);
    for (let p = 0, k = 0; p < nP; p++) if ((m.positionDebt[p] as number) > 0) slots[k++] = p;
    // L descending, then grouped (stable): each group's candidates are a prefix.
    sortByF64(slots, negL);
    const { group, keys } = groupKeys(nP, key);
    sortByU32(slots, group);
    this.slots = slots;
    this.ratio = Float64Array.from(slots, (p) => -(negL[p] as number));

    const nG = keys.length;
    const starts = new Int32Array(nG + 1);
    for (let k = 0; k < slots.length; k++) {
      const g = group[slots[k] as number] as number;
      starts[g + 1] = (starts[g + 1] as number) + 1;
    }
    for (let g = 0; g < nG; g++) starts[g + 1] = (starts[g + 1] as number) + (starts[g] as number);
    const gv: number[] = [];
    const gc: number[] = [];
    const gd: number[] = [];
    for (const k of keys) {
      gd.push(k % nA);
      gc.push(Math.floor(k / nA) % nA);
      gv.push(Math.floor(k / (nA * nA)));
    }
    this.groupStart = starts;
    this.groupVenue = Int32Array.from(gv);
    this.groupCollateral = Int32Array.from(gc);
    this.groupDebt = Int32Array.from(gd);
    this.cursor = new Int32Array(gv.length);

    const byVenue = csr(nN, gv.length, (g) => gv[g] as number);
    this.venueGroupStart = byVenue.start;
    this.venueGroups = byVenue.items;
    const byOwner = csr(nN, nP, (p) => m.positionOwner[p] as number);
    this.ownerStart = byOwner.start;
    this.ownerPositions = byOwner.items;

    this.dirty = new Int32Array(Math.min(nP, 1024));
    this.inDirty = new Uint8Array(nP);
  }

  /**
   * Moves group g's cursor past every position with L ≥ ratio·(1 − 1e-9), adding them to the
   * dirty list. The margin only admits extra candidates; the exact health check decides.
   */
  advance(g: number, priceRatio: number): void {
    const end = this.groupStart[g + 1] as number;
    let k = (this.groupStart[g] as number) + (this.cursor[g] as number);
    const bound = priceRatio * (1 - 1e-9);
    while (k < end && (this.ratio[k] as number) >= bound) {
      this.add(this.slots[k] as number);
      k++;
    }
    this.cursor[g] = k - (this.groupStart[g] as number);
  }

  /** Forgets the cursors and the dirty list: the index is built once per workspace, reset per run. */
  reset(): void {
    this.cursor.fill(0);
    for (let r = 0; r < this.dirtyLength; r++) this.inDirty[this.dirty[r] as number] = 0;
    this.dirtyLength = 0;
  }

  /** Adds every position of owner o (a defaulted owner's close-out). */
  addOwner(o: number): void {
    for (let k = this.ownerStart[o] as number; k < (this.ownerStart[o + 1] as number); k++) this.add(this.ownerPositions[k] as number);
  }

  ownerPositionsOf(o: number): Int32Array {
    return this.ownerPositions.subarray(this.ownerStart[o] as number, this.ownerStart[o + 1] as number);
  }

  add(p: number): void {
    if (this.inDirty[p]) return;
    if (this.dirtyLength === this.dirty.length) {
      const grown = new Int32Array(Math.max(16, this.dirty.length * 2));
      grown.set(this.dirty);
      this.dirty = grown;
    }
    this.inDirty[p] = 1;
    this.dirty[this.dirtyLength++] = p;
  }

  /** Drops positions whose debt is gone, keeping the order of the rest. */
  compact(debt: Float64Array): void {
    let w = 0;
    for (let r = 0; r < this.dirtyLength; r++) {
      const p = this.dirty[r] as number;
      if ((debt[p] as number) > 0) this.dirty[w++] = p;
      else this.inDirty[p] = 0;
    }
    this.dirtyLength = w;
  }
}

/** Compressed rows: items grouped by key, in item order within a key. */
export function csr(nKeys: number, nItems: number, keyOf: (i: number) => number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(nKeys + 1);
  for (let i = 0; i < nItems; i++) {
    const k = keyOf(i) + 1;
    start[k] = (start[k] as number) + 1;
  }
  for (let k = 0; k < nKeys; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = start.slice(0, nKeys);
  const items = new Int32Array(nItems);
  for (let i = 0; i < nItems; i++) {
    const k = keyOf(i);
    items[fill[k] as number] = i;
    fill[k] = (fill[k] as number) + 1;
  }
  return { start, items };
}
