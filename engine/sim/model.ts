import { MAX_STEPS } from '../scenario/scenario';
import type { IdList } from '../util/id-list';

/**
 * The workspace compiled once into typed arrays for the simulation kernels (MODEL §1, §3).
 * Every table is put in a canonical order (by id, or by its key columns) so that the order of
 * rows in the files never changes a result, not even in the last bit. Positions then go in the
 * order the liquidation stage walks them (position-order.ts), itself a function of their data
 * and canonical order only.
 */
export interface SimModel {
  /** Asset 0 is always USD, the numéraire: price 1, no pool. */
  assetIds: string[];
  assetPrice: Float64Array;
  /** Initial pool reserve x = depth_usd / price, in units; NaN = no price impact. */
  assetReserve: Float64Array;

  nodeIds: string[];
  /** 1 for a venue, 0 for an entity. */
  nodeIsVenue: Uint8Array;
  nodeExternal: Float64Array;

  oracleIds: string[];
  oracleAsset: Int32Array;
  oracleDelay: Int32Array;
  oracleDeviation: Float64Array;
  oracleHeartbeat: Int32Array;
  /** feedOracle[node * nAssets + asset]: the oracle a venue reads for an asset, or −1 (market). Only venues have rows set. */
  feedOracle: Int32Array;

  /** Position ids (perps included), decoded on demand. */
  positionIds: IdList;
  /** 1 when the position came from the perps table. */
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

  holdingOwner: Int32Array;
  holdingAsset: Int32Array;
  holdingAmount: Float64Array;

  obligationDebtor: Int32Array;
  obligationCreditor: Int32Array;
  obligationAsset: Int32Array;
  obligationAmount: Float64Array;

  backingAsset: Int32Array;
  backingBacker: Int32Array;
  backingShare: Float64Array;
}

export const USD_INDEX = 0;

export function counts(m: SimModel): { assets: number; nodes: number; oracles: number; positions: number } {
  return {
    assets: m.assetIds.length,
    nodes: m.nodeIds.length,
    oracles: m.oracleIds.length,
    positions: m.positionIds.length,
  };
}

/** Code-unit order: deterministic and locale-free. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns the permutation that sorts `n` rows by `cmp`, ties broken by original index. */
export function sortedOrder(n: number, cmp: (i: number, j: number) => number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const arr = Array.from(idx);
  arr.sort((i, j) => cmp(i, j) || i - j);
  return Int32Array.from(arr);
}

/**
 * An oracle's delay or heartbeat as a run uses it: past MAX_STEPS every value acts the same (a
 * delay that long reads step 0's price at every step; a heartbeat that long never beats), so a
 * workspace's 1e9 costs no ring of a billion steps and fits an Int32Array.
 */
export function oracleSteps(v: number): number {
  return Math.min(v, MAX_STEPS + 1);
}
