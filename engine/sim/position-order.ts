import { groupKeys, identity, sortByGroup, sortSegmentsByF64 } from '../util/radix-sort';
import { liquidationRatio } from './liquidation-index';

/** The position columns of a compiled model, in one order. */
export interface PositionColumns {
  positionFromPerp: Uint8Array;
  positionOwner: Int32Array;
  positionVenue: Int32Array;
  positionCollateralAsset: Int32Array;
  positionCollateral: Float64Array;
  positionDebtAsset: Int32Array;
  positionDebt: Float64Array;
  positionThreshold: Float64Array;
  positionBonus: Float64Array;
  positionCloseFactor: Float64Array;
}

/**
 * An order of the positions (canonical order in, new order out) in which the liquidation stage
 * walks memory forwards: by their (venue, collateral asset, debt asset) group, groups in order of
 * first appearance as the liquidation index numbers them, then by liquidation ratio L
 * descending, ties in canonical order; a group's positions without debt after the others.
 */
export function localityOrder(p: PositionColumns, nA: number, nN: number): Int32Array {
  const nP = p.positionVenue.length;
  const venueRank = new Int32Array(nN).fill(-1);
  let venues = 0;
  for (let i = 0; i < nP; i++) {
    const v = p.positionVenue[i] as number;
    if ((venueRank[v] as number) < 0) venueRank[v] = venues++;
  }
  const key = (i: number) => ((venueRank[p.positionVenue[i] as number] as number) * nA + (p.positionCollateralAsset[i] as number)) * nA + (p.positionDebtAsset[i] as number);
  const { group, keys } = groupKeys(nP, key, venues * nA * nA);
  const order = identity(nP);
  const negL = new Float64Array(nP);
  for (let i = 0; i < nP; i++) {
    const d = p.positionDebt[i] as number;
    negL[i] = d > 0 ? -liquidationRatio(p.positionCollateral[i] as number, d, p.positionThreshold[i] as number) : Infinity;
  }
  const start = sortByGroup(order, group, keys.length, negL);
  sortSegmentsByF64(order, start, negL);
  return order;
}

/** The columns in `order` (order[k] = the position that goes to k). */
export function permuteColumns(p: PositionColumns, order: Int32Array): PositionColumns {
  return {
    positionFromPerp: gather(p.positionFromPerp, order, new Uint8Array(order.length)),
    positionOwner: gather(p.positionOwner, order, new Int32Array(order.length)),
    positionVenue: gather(p.positionVenue, order, new Int32Array(order.length)),
    positionCollateralAsset: gather(p.positionCollateralAsset, order, new Int32Array(order.length)),
    positionCollateral: gather(p.positionCollateral, order, new Float64Array(order.length)),
    positionDebtAsset: gather(p.positionDebtAsset, order, new Int32Array(order.length)),
    positionDebt: gather(p.positionDebt, order, new Float64Array(order.length)),
    positionThreshold: gather(p.positionThreshold, order, new Float64Array(order.length)),
    positionBonus: gather(p.positionBonus, order, new Float64Array(order.length)),
    positionCloseFactor: gather(p.positionCloseFactor, order, new Float64Array(order.length)),
  };
}

function gather<A extends Float64Array | Int32Array | Uint8Array>(from: A, order: Int32Array, out: A): A {
  for (let k = 0; k < order.length; k++) out[k] = from[order[k] as number] as number;
  return out;
}
