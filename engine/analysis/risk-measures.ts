import type { Distribution } from './analysis-types';

/**
 * Value at risk at level α of an empirical loss distribution, as risk desks publish it: the
 * smallest outcome x with P(X ≤ x) ≥ α, i.e. the ⌈αN⌉-th smallest of N outcomes.
 */
export function valueAtRisk(sortedAsc: Float64Array, alpha: number): number {
  const n = sortedAsc.length;
  return sortedAsc[rank(n, alpha) - 1] as number;
}

/**
 * Expected shortfall at level α: the mean of the worst (1 − α) share of outcomes, the outcome at
 * the VaR weighted by the part of it inside the tail (Acerbi & Tasche 2002):
 * ES = [Σ_{i > k} x_(i) + (k − αN)·x_(k)] / (N(1 − α)), k = ⌈αN⌉. ES ≥ VaR.
 */
export function expectedShortfall(sortedAsc: Float64Array, alpha: number): number {
  const n = sortedAsc.length;
  const k = rank(n, alpha);
  let tail = 0;
  for (let i = k; i < n; i++) tail += sortedAsc[i] as number;
  tail += Math.max(0, k - alpha * n) * (sortedAsc[k - 1] as number);
  return tail / (n - alpha * n);
}

/** ⌈αN⌉ in 1..N, forgiving the rounding of α·N (0.95 × 1000 must be 950, not 951). */
function rank(n: number, alpha: number): number {
  const k = Math.ceil(alpha * n - 1e-9 * n);
  return Math.min(n, Math.max(1, k));
}

/** Quantile q of sorted outcomes by the same rule as VaR (the ⌈qN⌉-th smallest). */
export function quantile(sortedAsc: Float64Array, q: number): number {
  return valueAtRisk(sortedAsc, q);
}

/** Counts of outcomes in `bins` equal bins from min to max (the last bin closed). */
export function histogram(sortedAsc: Float64Array, bins: number): { edges: number[]; counts: number[] } {
  const n = sortedAsc.length;
  const lo = sortedAsc[0] as number;
  const hi = sortedAsc[n - 1] as number;
  if (!(hi > lo)) return { edges: [lo, hi], counts: [n] };
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + width * i));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor(((sortedAsc[i] as number) - lo) / width));
    counts[b] = (counts[b] as number) + 1;
  }
  return { edges, counts };
}

/** The summary of N ≥ 1 outcomes (in draw order; the sums run in that order, so they do not depend on how the draws were split). */
export function distributionOf(values: Float64Array, bins = 40): Distribution {
  const n = values.length;
  let sum = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i] as number;
    if ((values[i] as number) > 0) positive++;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  const sorted = Float64Array.from(values).sort();
  return {
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    var95: valueAtRisk(sorted, 0.95),
    var99: valueAtRisk(sorted, 0.99),
    es95: expectedShortfall(sorted, 0.95),
    es99: expectedShortfall(sorted, 0.99),
    probability_positive: positive / n,
    histogram: histogram(sorted, bins),
  };
}
