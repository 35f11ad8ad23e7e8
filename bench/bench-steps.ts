import { performance } from 'node:perf_hooks';
import type { Simulation } from '../engine/sim/simulation';

/** A run's time per step as fixed + per-liquidation cost: least squares over its steps. */
export interface StepFit {
  /** ms every step costs whatever it liquidates. */
  fixedMs: number;
  /** µs per liquidation on top. */
  perLiquidationUs: number;
  /** Share of the steps' variance the fit explains. */
  r2: number;
  steps: number;
}

/** Runs `sim` to its end a step at a time and fits ms = fixed + per · liquidations over its steps. */
export function fitSteps(sim: Simulation): StepFit {
  const xs: number[] = [];
  const ys: number[] = [];
  let before = sim.totalLiquidations;
  while (!sim.done) {
    const t = performance.now();
    sim.step();
    ys.push(performance.now() - t);
    xs.push(sim.totalLiquidations - before);
    before = sim.totalLiquidations;
  }
  return leastSquares(xs, ys);
}

export function leastSquares(xs: readonly number[], ys: readonly number[]): StepFit {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { fixedMs: my - slope * mx, perLiquidationUs: slope * 1000, r2: sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : 0, steps: n };
}
