import type { I32Column } from '../util/growable';
import type { LiquidationIndex } from './liquidation-index';
import type { SimModel } from './model';
import { viewPrice } from './oracles';
import type { SimState } from './state';
import type { LiquidationBuffer } from './step-buffers';

/** Relative rounding allowance of the liquidator profit check. */
export const BREAK_EVEN_SLACK = 1e-12;

/**
 * Relative rounding allowance of the health test: a position is liquidated when HF < 1 − this.
 * A health factor computed a few ulps below 1 is a tie, not a breach: a perp whose equity is
 * exactly mm × notional (MODEL §1: not liquidated) has lt = 1 − mm or 1/(1 + mm), which no
 * double holds exactly, and comes out at 0.9999999999999999.
 */
export const HEALTH_SLACK = 1e-12;

/** MODEL §4.3's HF < 1, ties within rounding left alone. */
export function unhealthy(hf: number): boolean {
  return hf < 1 - HEALTH_SLACK;
}

/** Scratch of the liquidation stage, reused across steps of a run. */
export interface LiquidationScratch {
  candidates: I32Column;
  /**
   * The candidates come group by group: for each group with candidates this step, the group
   * and the end of its candidates, in pairs.
   */
  groupEnds: I32Column;
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
  const { positionOwner, positionVenue, positionCollateralAsset, positionDebtAsset } = m;
  // Close-outs one at a time (their groups vary), each read from the list itself; the list is
  // compacted in place behind the one being read.
  const forcedList = forced.view();
  let kept = 0;
  for (let k = 0; k < forced.length; k++) {
    const p = forced.get(k);
    if (!((debt[p] as number) > 0)) continue;
    const o = positionOwner[p] as number;
    const d = defaultStep[o] as number;
    const v = positionVenue[p] as number;
    if (d >= 0 && d < t && venueActive[v] && seen[p] !== stamp) {
      const a = positionCollateralAsset[p] as number;
      const b = positionDebtAsset[p] as number;
      liquidateGroup(m, s, t, profitCheck, dS, out, forcedList, k, k + 1, v, a, b, viewPrice(m, s, v, a), viewPrice(m, s, v, b), seen, stamp, null);
    }
    if ((debt[p] as number) > 0) forced.set(kept++, p);
  }
  forced.length = kept;

  const cands = scratch.candidates;
  const groupEnds = scratch.groupEnds;
  cands.clear();
  groupEnds.clear();
  for (let i = 0; i < venues.length; i++) {
    const v = venues[i] as number;
    if (!venueActive[v]) continue;
    for (let k = index.venueGroupStart[v] as number; k < (index.venueGroupStart[v + 1] as number); k++) {
      const g = index.venueGroups[k] as number;
      const ratio = viewPrice(m, s, v, index.groupCollateral[g] as number) / viewPrice(m, s, v, index.groupDebt[g] as number);
      const before = cands.length;
      index.candidates(g, ratio, cands);
      if (cands.length === before) continue;
      groupEnds.push(g);
      groupEnds.push(cands.length);
    }
  }
  // One reservation for the step's candidates (with a journal room, one buffer for the step).
  out.reserve(cands.length);
  const list = cands.view();
  for (let k = 0, from = 0; k < groupEnds.length; k += 2) {
    const g = groupEnds.get(k);
    const end = groupEnds.get(k + 1);
    const v = index.groupVenue[g] as number;
    const a = index.groupCollateral[g] as number;
    const b = index.groupDebt[g] as number;
    liquidateGroup(m, s, t, profitCheck, dS, out, list, from, end, v, a, b, viewPrice(m, s, v, a), viewPrice(m, s, v, b), seen, stamp, index);
    from = end;
  }
}

/**
 * Positions list[from, end) of one group — venue v, collateral asset a, debt asset b, views Vc
 * and Vd — each examined once this step: liquidated when unhealthy (or its owner defaulted
 * earlier). With `index`, what a liquidation leaves with debt goes back to it. One call per
 * group, so that what the group shares is read once, not per position.
 */
function liquidateGroup(
  m: SimModel,
  s: SimState,
  t: number,
  profitCheck: boolean,
  dS: Float64Array,
  out: LiquidationBuffer,
  list: Int32Array,
  from: number,
  end: number,
  v: number,
  a: number,
  b: number,
  Vc: number,
  Vd: number,
  seen: Int32Array,
  stamp: number,
  index: LiquidationIndex | null,
): void {
  const P = s.P;
  const Pa = P[a] as number;
  const Pb = P[b] as number;
  const { collateral, debt, defaultStep, external } = s;
  const { positionOwner, positionThreshold, positionCloseFactor, positionBonus } = m;
  const { position, venue, owner: ownerCol, collateralAsset, debtAsset, collateralBefore, debtBefore, seized: seizedCol, repaid: repaidCol, badDebt, collateralPrice, debtPrice, forced: forcedCol } = out;
  let k = out.length;
  for (let i = from; i < end; i++) {
    const p = list[i] as number;
    if (seen[p] === stamp || !((debt[p] as number) > 0)) continue;
    seen[p] = stamp;
    const d = debt[p] as number;
    const c = collateral[p] as number;
    const owner = positionOwner[p] as number;
    const ownerDefault = defaultStep[owner] as number;
    const forced = ownerDefault >= 0 && ownerDefault < t;
    if (forced || unhealthy((c * Vc * (positionThreshold[p] as number)) / (d * Vd))) {
      const cf = forced ? 1 : (positionCloseFactor[p] as number);
      const bonus = positionBonus[p] as number;
      let repayValue = cf * d * Vd;
      const wanted = (repayValue * (1 + bonus)) / Vc;
      const capped = wanted >= c;
      const seized = capped ? c : wanted;
      if (capped) repayValue = (c * Vc) / (1 + bonus);
      // Break-even passes (≥); the slack only absorbs rounding, which otherwise fails a bonus-0 perp at V = P.
      if (!profitCheck || !(seized * Pa < ((repayValue * Pb) / Vd) * (1 - BREAK_EVEN_SLACK))) {
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
        collateral[p] = collAfter;
        debt[p] = debtAfter;
        dS[a] = (dS[a] as number) + seized;
        dS[b] = (dS[b] as number) - repaid;
        external[v] = (external[v] as number) + repaid * Pb;

        position[k] = p;
        venue[k] = v;
        ownerCol[k] = owner;
        collateralAsset[k] = a;
        debtAsset[k] = b;
        collateralBefore[k] = c;
        debtBefore[k] = d;
        seizedCol[k] = seized;
        repaidCol[k] = repaid;
        badDebt[k] = bad;
        collateralPrice[k] = Pa;
        debtPrice[k] = Pb;
        forcedCol[k] = forced ? 1 : 0;
        k++;
      }
    }
    if (index) {
      const left = debt[p] as number;
      if (left > 0) index.requeue(p, collateral[p] as number, left, positionThreshold[p] as number);
    }
  }
  out.length = k;
}
