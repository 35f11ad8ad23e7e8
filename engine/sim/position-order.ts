import { groupKeys, identity, sortByGroup, sortSegmentsByF64 } from '../util/radix-sort';
import { liquidationRatio } from './liquidation-index';

/**
 * An order of n positions given in canonical order (out[k'] = the canonical index that goes to
 * k') in which the liquidation stage walks memory forwards: by (venue, collateral asset, debt
 * asset) group, groups in order of first appearance as the liquidation index numbers them, then
 * by liquidation ratio L descending, ties in canonical order; a group's positions without debt
 * after the others. Like the canonical order, it depends on the positions' data only.
 *
 * Inputs by canonical index: venue, pair (collateral asset · assets + debt asset) and −L
 * (+∞ without debt; the array is sorted in place as a scratch).
 */
export function localityOrder(venue: Int32Array, pair: Int32Array, negL: Float64Array, nodes: number, assets: number): Int32Array {
  const n = venue.length;
  const venueRank = new Int32Array(nodes).fill(-1);
  let venues = 0;
  for (let k = 0; k < n; k++) {
    const v = venue[k] as number;
    if ((venueRank[v] as number) < 0) venueRank[v] = venues++;
  }
  const pairs = assets * assets;
  const { group, keys } = groupKeys(n, (k) => (venueRank[venue[k] as number] as number) * pairs + (pair[k] as number), venues * pairs);
  const order = identity(n);
  const start = sortByGroup(order, group, keys.length, negL);
  sortSegmentsByF64(order, start, negL);
  return order;
}

/** −L of a position for localityOrder: +∞ without debt. */
export function negRatio(collateral: number, debt: number, threshold: number): number {
  return debt > 0 ? -liquidationRatio(collateral, debt, threshold) : Infinity;
}
