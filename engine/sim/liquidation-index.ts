import { csr } from '../util/csr';
import { I32Column } from '../util/growable';
import { groupKeys, sortByGroup, sortSegmentsByF64 } from '../util/radix-sort';
import type { SimModel } from './model';

/**
 * The active set of the liquidation stage: a step touches only positions that can liquidate.
 *
 * Positions are grouped by (venue, collateral asset, debt asset). A position is liquidatable
 * when V(coll)/V(debt) < L = debt / (collateral · lt), so with a group's positions sorted by L
 * (largest first) its candidates at a step are a prefix, taken by a cursor as the price ratio
 * falls. A position the stage looked at and left with debt goes to its group's max-heap by its
 * new L and comes back only when the ratio falls below that. Positions of a defaulted owner
 * are closed out regardless of health and are kept in a list of their own.
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
  private readonly positionGroup: Int32Array;
  private readonly heaps: PositionHeap[];
  /** Positions of owner o: ownerPositions[ownerStart[o] … ownerStart[o+1]). */
  private readonly ownerStart: Int32Array;
  private readonly ownerPositions: Int32Array;
  /** Close-outs pending (owners in default), in the order their owners defaulted. */
  readonly forced = new I32Column();

  constructor(m: SimModel) {
    const nP = m.positionIds.length;
    const nA = m.assetIds.length;
    const nN = m.nodeIds.length;
    const venue = m.positionVenue;
    const ca = m.positionCollateralAsset;
    const da = m.positionDebtAsset;
    const debt = m.positionDebt;
    // Venues numbered densely, so a group's key (venue, collateral, debt) indexes a small table.
    const venueRank = new Int32Array(nN).fill(-1);
    const rankVenue: number[] = [];
    let active = 0;
    for (let p = 0; p < nP; p++) {
      const v = venue[p] as number;
      if ((venueRank[v] as number) < 0) {
        venueRank[v] = rankVenue.length;
        rankVenue.push(v);
      }
      if ((debt[p] as number) > 0) active++;
    }
    const key = (p: number) => ((venueRank[venue[p] as number] as number) * nA + (ca[p] as number)) * nA + (da[p] as number);
    const slots = new Int32Array(active);
    // −L of each slot, aligned with slots: sorted ascending, L descending.
    const negL = new Float64Array(active);
    for (let p = 0, k = 0; p < nP; p++) {
      if (!((debt[p] as number) > 0)) continue;
      slots[k] = p;
      negL[k++] = -liquidationRatio(m.positionCollateral[p] as number, debt[p] as number, m.positionThreshold[p] as number);
    }
    // By group, then L descending within a group (ties by position): each group's candidates are a prefix.
    const { group, keys } = groupKeys(nP, key, rankVenue.length * nA * nA);
    const nG = keys.length;
    this.groupStart = sortByGroup(slots, group, nG, negL);
    sortSegmentsByF64(slots, this.groupStart, negL);
    this.slots = slots;
    for (let k = 0; k < active; k++) negL[k] = -(negL[k] as number);
    this.ratio = negL;
    this.positionGroup = group;

    this.groupVenue = Int32Array.from(keys, (k) => rankVenue[Math.floor(k / (nA * nA))] as number);
    this.groupCollateral = Int32Array.from(keys, (k) => Math.floor(k / nA) % nA);
    this.groupDebt = Int32Array.from(keys, (k) => k % nA);
    this.cursor = new Int32Array(nG);
    this.heaps = Array.from({ length: nG }, () => new PositionHeap());

    const byVenue = csr(nN, nG, (g) => this.groupVenue[g] as number);
    this.venueGroupStart = byVenue.start;
    this.venueGroups = byVenue.items;
    const byOwner = csr(nN, nP, (p) => m.positionOwner[p] as number);
    this.ownerStart = byOwner.start;
    this.ownerPositions = byOwner.items;
  }

  /** Forgets the cursors, heaps and close-outs: the index is built once per workspace, reset per run. */
  reset(): void {
    this.cursor.fill(0);
    for (const h of this.heaps) h.clear();
    this.forced.clear();
  }

  /**
   * Appends to `out` group g's positions that may be liquidatable at this price ratio: those
   * with L ≥ ratio·(1 − 1e-9). The margin only admits extra candidates; the exact health check
   * decides, and `requeue` puts back what is left.
   */
  candidates(g: number, priceRatio: number, out: I32Column): void {
    const bound = priceRatio * (1 - 1e-9);
    const end = this.groupStart[g + 1] as number;
    let k = (this.groupStart[g] as number) + (this.cursor[g] as number);
    while (k < end && (this.ratio[k] as number) >= bound) out.push(this.slots[k++] as number);
    this.cursor[g] = k - (this.groupStart[g] as number);
    const heap = this.heaps[g] as PositionHeap;
    while (heap.size > 0 && heap.topKey() >= bound) out.push(heap.pop());
  }

  /** Puts back a position that still has debt, keyed by its liquidation ratio now. */
  requeue(p: number, collateral: number, debt: number, threshold: number): void {
    (this.heaps[this.positionGroup[p] as number] as PositionHeap).push(liquidationRatio(collateral, debt, threshold), p);
  }

  /** Queues every position of owner o for close-out (its owner defaulted). */
  addOwner(o: number): void {
    for (let k = this.ownerStart[o] as number; k < (this.ownerStart[o + 1] as number); k++) this.forced.push(this.ownerPositions[k] as number);
  }
}

/** L = debt / (collateral · lt): liquidatable when V(coll)/V(debt) < L; no collateral → ∞. */
export function liquidationRatio(collateral: number, debt: number, threshold: number): number {
  // ∞ as 1 / 0, a number constant to the optimiser: the global `Infinity`, read on a branch a
  // run rarely takes, was left a generic lookup, and every ratio the stage requeued (~206,000
  // a 1M run) was boxed into a new heap number to meet it.
  return collateral > 0 ? debt / (collateral * threshold) : 1 / 0;
}

/**
 * A max-heap of positions by key: larger key first, equal keys by smaller position, so the
 * order never depends on history. Plain typed arrays, sifted with a hole rather than swaps.
 */
export class PositionHeap {
  private keys = new Float64Array(16);
  private items = new Int32Array(16);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0] as number;
  }

  push(key: number, item: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const kp = keys[parent] as number;
      if (!(key > kp || (key === kp && item < (items[parent] as number)))) break;
      keys[i] = kp;
      items[i] = items[parent] as number;
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
  }

  pop(): number {
    const keys = this.keys;
    const items = this.items;
    const top = items[0] as number;
    const n = --this.size;
    const key = keys[n] as number;
    const item = items[n] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let best = l;
      const r = l + 1;
      if (r < n) {
        const kl = keys[l] as number;
        const kr = keys[r] as number;
        if (kr > kl || (kr === kl && (items[r] as number) < (items[l] as number))) best = r;
      }
      const kb = keys[best] as number;
      if (!(kb > key || (kb === key && (items[best] as number) < item))) break;
      keys[i] = kb;
      items[i] = items[best] as number;
      i = best;
    }
    keys[i] = key;
    items[i] = item;
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const items = new Int32Array(this.items.length * 2);
    items.set(this.items);
    this.items = items;
  }
}
