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
export function permuteColumns<T extends PositionColumns>(p: T, order: Int32Array): PositionColumns {
  const f64 = (a: Float64Array) => Float64Array.from(order, (i) => a[i] as number);
  const i32 = (a: Int32Array) => Int32Array.from(order, (i) => a[i] as number);
  return {
    positionFromPerp: Uint8Array.from(order, (i) => p.positionFromPerp[i] as number),
    positionOwner: i32(p.positionOwner),
    positionVenue: i32(p.positionVenue),
    positionCollateralAsset: i32(p.positionCollateralAsset),
    positionCollateral: f64(p.positionCollateral),
    positionDebtAsset: i32(p.positionDebtAsset),
    positionDebt: f64(p.positionDebt),
    positionThreshold: f64(p.positionThreshold),
    positionBonus: f64(p.positionBonus),
    positionCloseFactor: f64(p.positionCloseFactor),
  };
}
