import type { ReverseEvaluation } from './analysis-types';

export interface SearchOutcome {
  status: 'found' | 'reached_at_min' | 'not_reached';
  threshold: number | null;
  bracket: [number, number] | null;
  monotone: boolean;
  violations: { from: ReverseEvaluation; to: ReverseEvaluation }[];
  /** Every run made, by magnitude. */
  evaluations: ReverseEvaluation[];
}

/** samples + 1 magnitudes evenly over [min, max], both ends exact. */
export function sampleGrid(min: number, max: number, samples: number): number[] {
  return Array.from({ length: samples + 1 }, (_, i) => (i === samples ? max : min + ((max - min) * i) / samples));
}

/**
 * Pairs of neighbouring runs (by magnitude) where a larger shock gave a smaller KPI (beyond
 * 1e-9 relative) or the target, once reached, was missed again.
 */
export function monotoneViolations(evaluations: readonly ReverseEvaluation[]): { from: ReverseEvaluation; to: ReverseEvaluation }[] {
  const sorted = [...evaluations].sort((a, b) => a.magnitude - b.magnitude);
  const out: { from: ReverseEvaluation; to: ReverseEvaluation }[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as ReverseEvaluation;
    const b = sorted[i] as ReverseEvaluation;
    if (b.value < a.value - 1e-9 * Math.max(1, Math.abs(a.value)) || (a.reached && !b.reached)) out.push({ from: a, to: b });
  }
  return out;
}

/**
 * Reverse stress search, one run per `next()` of the generator (so a caller can yield to
 * events and cancel between runs): runs the grid over [min, max] — which brackets the
 * threshold between the last sample that misses the target and the first that reaches it, and
 * samples the KPI to check it is monotone — then bisects the bracket until its width is at
 * most `tolerance`. The threshold is the bracket's upper end: the smallest magnitude known to
 * reach the target. Runs already made for the grid may be passed in `sampled` (distance to default
 * shares one grid among all nodes).
 */
export function* reverseSearch(
  grid: { min: number; max: number; samples: number; tolerance: number },
  evalAt: (magnitude: number) => ReverseEvaluation,
  sampled: readonly ReverseEvaluation[] | null = null,
): Generator<ReverseEvaluation, SearchOutcome> {
  const evaluations: ReverseEvaluation[] = sampled ? [...sampled] : [];
  if (!sampled) {
    for (const m of sampleGrid(grid.min, grid.max, grid.samples)) {
      const e = evalAt(m);
      evaluations.push(e);
      yield e;
    }
  }
  const samples = [...evaluations].sort((a, b) => a.magnitude - b.magnitude);
  const first = samples.findIndex((e) => e.reached);
  const finish = (status: SearchOutcome['status'], threshold: number | null, bracket: [number, number] | null): SearchOutcome => {
    const violations = monotoneViolations(evaluations);
    return { status, threshold, bracket, monotone: violations.length === 0, violations, evaluations: [...evaluations].sort((a, b) => a.magnitude - b.magnitude) };
  };
  if (first < 0) return finish('not_reached', null, null);
  if (first === 0) return finish('reached_at_min', grid.min, [grid.min, grid.min]);
  let lo = (samples[first - 1] as ReverseEvaluation).magnitude;
  let hi = (samples[first] as ReverseEvaluation).magnitude;
  while (hi - lo > grid.tolerance) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const e = evalAt(mid);
    evaluations.push(e);
    if (e.reached) hi = mid;
    else lo = mid;
    yield e;
  }
  return finish('found', hi, [lo, hi]);
}

/** Drives a search to its end without pausing (tests, in-process use). */
export function runSearch(gen: Generator<ReverseEvaluation, SearchOutcome>): SearchOutcome {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}
