import type { CompiledWorkspace } from './compiled';
import type { Plan } from './plan';
import type { SimState } from './state';

/** What stage 1 did at a step: external losses applied (for exogenous edges) and venues in outage. */
export interface StepEvents {
  exogenous: { index: number; node: number; amount: number }[];
  /** 1 for a venue in outage at this step. */
  outage: Uint8Array;
}

/**
 * B is clamped to [0, 1] by MODEL §3; we keep it at least this, so that prices stay positive
 * (a backer with recovery 0 holding all of an asset's backing drives its price to ~0, not 0).
 */
export const MIN_BACKING_FACTOR = 1e-12;

/** B_a = 1 − Σ_backers share·(1 − r_backer), from the recovery rates of the last clearing (MODEL §3). */
export function applyBacking(cw: CompiledWorkspace, s: SimState): void {
  const m = cw.model;
  for (let a = 0; a < s.B.length; a++) {
    let lost = 0;
    for (let k = cw.backingStart[a] as number; k < (cw.backingStart[a + 1] as number); k++) {
      lost += (m.backingShare[k] as number) * (1 - (s.recovery[m.backingBacker[k] as number] as number));
    }
    const b = 1 - lost;
    s.B[a] = b > 1 ? 1 : b < MIN_BACKING_FACTOR ? MIN_BACKING_FACTOR : b;
  }
}

/** MODEL §4.1: the events that start at t, in event order; marks venues in outage at t. */
export function applyEvents(plan: Plan, s: SimState, t: number, out: StepEvents): void {
  for (const e of plan.shocks) if (e.at === t) s.F[e.asset] = (s.F[e.asset] as number) * (1 + e.change);
  for (const e of plan.depths) {
    if (e.at !== t) continue;
    const x = (s.x[e.asset] as number) * e.factor;
    s.x[e.asset] = x;
    // A shallower pool must still hold the net buying already done: S ≥ −0.99·x (MODEL §3).
    if ((s.S[e.asset] as number) < -0.99 * x) s.S[e.asset] = -0.99 * x;
  }
  out.exogenous.length = 0;
  for (const e of plan.losses) {
    if (e.at !== t) continue;
    const before = s.external[e.node] as number;
    const cut = Number.isNaN(e.amount) ? before * e.fraction : e.amount;
    const after = Math.max(0, before - cut);
    s.external[e.node] = after;
    out.exogenous.push({ index: e.index, node: e.node, amount: before - after });
  }
  out.outage.fill(0);
  for (const e of plan.outages) if (e.from <= t && t <= e.to) out.outage[e.venue] = 1;
}
