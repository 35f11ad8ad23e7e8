import type { SimModel } from './model';
import { marketPrices } from './impact';

/** The mutable state of one run (MODEL §3), all typed arrays indexed like the model. */
export interface SimState {
  /** The step being run, or the last one run. */
  t: number;

  // assets
  F: Float64Array;
  B: Float64Array;
  x: Float64Array;
  S: Float64Array;
  /** Market price: after stage 1 during a step, after stage 5 at its end. */
  P: Float64Array;
  /** Market price at the end of the previous step (initial prices before step 0). */
  Pprev: Float64Array;
  /** Ring buffer of stage-1 prices for oracle delays: hist[(s % ring) * nA + a]. */
  hist: Float64Array;
  ring: number;

  // nodes
  external: Float64Array;
  /** Step the node defaulted in, −1 when it has not. */
  defaultStep: Int32Array;
  /** Recovery rate of the last clearing (1 before the first). */
  recovery: Float64Array;
  /** Clearing outputs of the last step. */
  obligationsUsd: Float64Array;
  paymentsUsd: Float64Array;
  equity: Float64Array;
  /** External value e_i of the last clearing. */
  value: Float64Array;

  // oracles
  R: Float64Array;
  lastUpdate: Int32Array;

  // positions and holdings
  /**
   * Position amounts. Not a result (the liquidations table has every change): the next run on
   * the workspace takes a finished run's arrays, which are then empty here.
   */
  collateral: Float64Array;
  debt: Float64Array;
  holding: Float64Array;
}

/** The initial state; `positions`, when given (a finished run's amount arrays), are filled with the initial amounts instead of new arrays. */
export function initState(m: SimModel, positions: { collateral: Float64Array; debt: Float64Array } | null = null): SimState {
  const nA = m.assetIds.length;
  const nN = m.nodeIds.length;
  const nO = m.oracleIds.length;
  let maxDelay = 0;
  for (let o = 0; o < nO; o++) maxDelay = Math.max(maxDelay, m.oracleDelay[o] as number);
  const ring = maxDelay + 1;

  const F = Float64Array.from(m.assetPrice);
  const B = new Float64Array(nA).fill(1);
  const x = Float64Array.from(m.assetReserve);
  const S = new Float64Array(nA);
  const P = new Float64Array(nA);
  marketPrices(F, B, x, S, P);
  const R = new Float64Array(nO);
  for (let o = 0; o < nO; o++) R[o] = P[m.oracleAsset[o] as number] as number;

  return {
    t: -1,
    F,
    B,
    x,
    S,
    P,
    Pprev: Float64Array.from(P),
    hist: new Float64Array(ring * nA),
    ring,
    external: Float64Array.from(m.nodeExternal),
    defaultStep: new Int32Array(nN).fill(-1),
    recovery: new Float64Array(nN).fill(1),
    obligationsUsd: new Float64Array(nN),
    paymentsUsd: new Float64Array(nN),
    equity: new Float64Array(nN),
    value: new Float64Array(nN),
    R,
    lastUpdate: new Int32Array(nO).fill(-1),
    collateral: reuse(positions?.collateral, m.positionCollateral),
    debt: reuse(positions?.debt, m.positionDebt),
    holding: Float64Array.from(m.holdingAmount),
  };
}

/** True when node i defaulted in a step before t (its consequences apply at t). */
export function defaultedBefore(s: SimState, i: number, t: number): boolean {
  const d = s.defaultStep[i] as number;
  return d >= 0 && d < t;
}

/** `initial` copied into `into` when it has its length (no new memory), else into a new array. */
function reuse(into: Float64Array | undefined, initial: Float64Array): Float64Array {
  if (!into || into.length !== initial.length) return initial.slice();
  into.set(initial);
  return into;
}
