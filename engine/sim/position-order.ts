import { groupKeys, identity, sortByGroup, sortSegmentsByF64 } from '../util/radix-sort';
import { liquidationRatio } from './liquidation-index';

/** A position's fields by its canonical index k. */
export interface PositionFields {
  venue(k: number): number;
  /** collateral asset · assets + debt asset */
  pair(k: number): number;
  debt(k: number): number;
  collateral(k: number): number;
  threshold(k: number): number;
}

/**
 * An order of n positions given in canonical order (out[k'] = the canonical index that goes to
 * k') in which the liquidation stage walks memory forwards: by (venue, collateral asset, debt
 * asset) group, groups in order of first appearance as the liquidation index numbers them, then
 * by liquidation ratio L descending, ties in canonical order; a group's positions without debt
 * after the others. Like the canonical order, it depends on the positions' data only.
 */
export function localityOrder(n: number, nodes: number, assets: number, p: PositionFields): Int32Array {
  const venueRank = new Int32Array(nodes).fill(-1);
  let venues = 0;
  for (let k = 0; k < n; k++) {
    const v = p.venue(k);
    if ((venueRank[v] as number) < 0) venueRank[v] = venues++;
  }
  const pairs = assets * assets;
  const { group, keys } = groupKeys(n, (k) => (venueRank[p.venue(k)] as number) * pairs + p.pair(k), venues * pairs);
  const negL = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const d = p.debt(k);
    negL[k] = d > 0 ? -liquidationRatio(p.collateral(k), d, p.threshold(k)) : Infinity;
  }
  const order = identity(n);
  const start = sortByGroup(order, group, keys.length, negL);
  sortSegmentsByF64(order, start, negL);
  return order;
}
