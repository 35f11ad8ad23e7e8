import type { SimModel } from './model';
import type { Plan } from './plan';
import type { SimState } from './state';

/** Records this step's stage-1 prices in the oracle history ring. */
export function recordHistory(s: SimState, t: number): void {
  const nA = s.P.length;
  s.hist.set(s.P, (t % s.ring) * nA);
}

/**
 * MODEL §4.2 at step t: each oracle's candidate is the stage-1 market price of step
 * max(0, t − delay); frozen oracles keep R; overridden ones report the override (an override
 * wins over a freeze at the same step); otherwise R moves to the candidate when it deviates by
 * more than `deviation` or the heartbeat has elapsed. Returns how many reports changed value
 * by more than `tolerance` (relative), the same test §4.8 applies to prices.
 */
export function updateOracles(m: SimModel, plan: Plan, s: SimState, t: number, tolerance: number): number {
  const nA = s.P.length;
  let changed = 0;
  for (let o = 0; o < m.oracleIds.length; o++) {
    const a = m.oracleAsset[o] as number;
    const from = Math.max(0, t - (m.oracleDelay[o] as number));
    const candidate = s.hist[(from % s.ring) * nA + a] as number;
    const before = s.R[o] as number;
    let next = before;

    const override = activeOverride(plan, o, t);
    if (override) {
      next = Number.isNaN(override.price) ? candidate * (1 + override.change) : override.price;
      s.lastUpdate[o] = t;
    } else if (!isFrozen(plan, o, t)) {
      const moved = Math.abs(candidate - before) / before > (m.oracleDeviation[o] as number);
      if (moved || t - (s.lastUpdate[o] as number) >= (m.oracleHeartbeat[o] as number)) {
        next = candidate;
        s.lastUpdate[o] = t;
      }
    }
    if (next !== before) {
      s.R[o] = next;
      if (Math.abs(next - before) > tolerance * before) changed++;
    }
  }
  return changed;
}

/** The override acting on oracle o at step t (the last listed), or null. */
export function activeOverride(plan: Plan, o: number, t: number): Plan['overrides'][number] | null {
  let found: Plan['overrides'][number] | null = null;
  for (const e of plan.overrides) if (e.oracle === o && e.from <= t && t <= e.to) found = e;
  return found;
}

function isFrozen(plan: Plan, o: number, t: number): boolean {
  for (const e of plan.freezes) if (e.oracle === o && e.from <= t && t <= e.to) return true;
  return false;
}

/** The price venue v sees for asset a (MODEL §3): its feed's report, else the market price (USD's too: an oracle may misreport it). */
export function viewPrice(m: SimModel, s: SimState, v: number, a: number): number {
  const o = m.feedOracle[v * s.P.length + a] as number;
  return o >= 0 ? (s.R[o] as number) : (s.P[a] as number);
}
