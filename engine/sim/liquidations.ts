import type { I32Column } from '../util/growable';
import type { LiquidationIndex } from './liquidation-index';
import type { SimModel } from './model';
import { viewPrice } from './oracles';
import type { SimState } from './state';
import type { LiquidationBuffer } from './step-buffers';

/** Relative rounding allowance of the liquidator profit check. */
export const BREAK_EVEN_SLACK = 1e-12;

/** Scratch of the liquidation stage, reused across steps of a run. */
export interface LiquidationScratch {
  candidates: I32Column;
  /** Stamp (stampBase + step) of the step in which each position was last examined (at most one liquidation per step). */
  seen: Int32Array;
  /** Added to a step's number in `seen`: each run on the same array stamps above the runs before, so it is never cleared. */
  stampBase: number;
}

/**
 * MODEL §4.3 at step t. Every liquidation sees the same stage-1 prices (s.P) and views (V);
 * flows go to dS, the repaid value to the venue's external assets, each liquidation to `out`
 * (room reserved for every position examined).
 * Only the index's candidates and pending close-outs are examined.
 *
 * `venueActive[v]` is 1 when venue v is neither in outage nor halted at t.
 */
export function runLiquidations(
  m: SimModel,
  s: SimState,
  index: LiquidationIndex,
  t: number,
  /** The venues, ascending (their candidates are examined in this order). */
  venues: Int32Array,
  venueActive: Uint8Array,
  profitCheck: boolean,
  dS: Float64Array,
  out: LiquidationBuffer,
  scratch: LiquidationScratch,
): void {
  const forced = index.forced;
  out.reserve(forced.length);
  // Arrays in locals: the stores of each liquidation would have them loaded again for every position.
  const { debt, defaultStep } = s;
  const seen = scratch.seen;
  const stamp = scratch.stampBase + t;
  const { positionOwner, positionVenue, positionThreshold } = m;
  let kept = 0;
  for (let k = 0; k < forced.length; k++) {
    const p = forced.get(k);
    if (!((debt[p] as number) > 0)) continue;
    const o = positionOwner[p] as number;
    const d = defaultStep[o] as number;
    if (d >= 0 && d < t && venueActive[positionVenue[p] as number] && seen[p] !== stamp) {
      seen[p] = stamp;
      liquidate(m, s, p, t, profitCheck, dS, out);
    }
    if ((debt[p] as number) > 0) forced.set(kept++, p);
  }
  forced.length = kept;

  const cands = scratch.candidates;
  cands.clear();
  for (let i = 0; i < venues.length; i++) {
    const v = venues[i] as number;
    if (!venueActive[v]) continue;
    for (let k = index.venueGroupStart[v] as number; k < (index.venueGroupStart[v + 1] as number); k++) {
      const g = index.venueGroups[k] as number;
      const ratio = viewPrice(m, s, v, index.groupCollateral[g] as number) / viewPrice(m, s, v, index.groupDebt[g] as number);
      index.candidates(g, ratio, cands);
    }
  }
  out.reserve(cands.length);
  const collateral = s.collateral;
  for (let k = 0; k < cands.length; k++) {
    const p = cands.get(k);
    if (seen[p] === stamp || !((debt[p] as number) > 0)) continue;
    seen[p] = stamp;
    liquidate(m, s, p, t, profitCheck, dS, out);
    const d = debt[p] as number;
    if (d > 0) index.requeue(p, collateral[p] as number, d, positionThreshold[p] as number);
  }
}

/** One position at step t: liquidates it when unhealthy (or its owner defaulted earlier). */
function liquidate(m: SimModel, s: SimState, p: number, t: number, profitCheck: boolean, dS: Float64Array, out: LiquidationBuffer): void {
  const P = s.P;
  const d = s.debt[p] as number;
  const c = s.collateral[p] as number;
  const v = m.positionVenue[p] as number;
  const a = m.positionCollateralAsset[p] as number;
  const b = m.positionDebtAsset[p] as number;
  const Vc = viewPrice(m, s, v, a);
  const Vd = viewPrice(m, s, v, b);
  const owner = m.positionOwner[p] as number;
  const ownerDefault = s.defaultStep[owner] as number;
  const forced = ownerDefault >= 0 && ownerDefault < t;
  if (!forced && !((c * Vc * (m.positionThreshold[p] as number)) / (d * Vd) < 1)) return;

  const cf = forced ? 1 : (m.positionCloseFactor[p] as number);
  const bonus = m.positionBonus[p] as number;
  let repayValue = cf * d * Vd;
  const wanted = (repayValue * (1 + bonus)) / Vc;
  const capped = wanted >= c;
  const seized = capped ? c : wanted;
  if (capped) repayValue = (c * Vc) / (1 + bonus);
  // Break-even passes (≥); the slack only absorbs rounding, which otherwise fails a bonus-0 perp at V = P.
  if (profitCheck && seized * (P[a] as number) < ((repayValue * (P[b] as number)) / Vd) * (1 - BREAK_EVEN_SLACK)) return;

  // With close factor 1 and no cap the whole debt is repaid; dividing back by V could leave dust.
  const repaid = !capped && cf === 1 ? d : repayValue / Vd;
  const collAfter = capped ? 0 : c - seized;
  let debtAfter = d - repaid;
  if (debtAfter < 0) debtAfter = 0;
  let bad = 0;
  if (collAfter === 0 && debtAfter > 0) {
    bad = debtAfter;
    debtAfter = 0;
  }
  s.collateral[p] = collAfter;
  s.debt[p] = debtAfter;
  dS[a] = (dS[a] as number) + seized;
  dS[b] = (dS[b] as number) - repaid;
  s.external[v] = (s.external[v] as number) + repaid * (P[b] as number);

  const k = out.length;
  out.length = k + 1;
  out.position[k] = p;
  out.venue[k] = v;
  out.owner[k] = owner;
  out.collateralAsset[k] = a;
  out.debtAsset[k] = b;
  out.collateralBefore[k] = c;
  out.debtBefore[k] = d;
  out.seized[k] = seized;
  out.repaid[k] = repaid;
  out.badDebt[k] = bad;
  out.collateralPrice[k] = P[a] as number;
  out.debtPrice[k] = P[b] as number;
  out.forced[k] = forced ? 1 : 0;
}
