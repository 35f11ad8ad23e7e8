import type { LossGraphParts } from './loss-graph';

type Column = Int32Array | Uint8Array | Float64Array;

/**
 * One graph from the head of a run (its first steps, built on the helper thread) and its tail
 * (the steps after them, built on the simulating thread in any order): the head's edges, then
 * the tail's steps in ascending order, each step's edges as they were. Written into the head's
 * buffers where they have the room past its edges (the helper reserves about a whole run's),
 * else into new ones.
 */
export function joinParts(head: LossGraphParts, tail: LossGraphParts): LossGraphParts {
  const nh = head.amount.length;
  const n = nh + tail.amount.length;
  const from = widen(head.from, n, (k) => new Int32Array(k));
  const to = widen(head.to, n, (k) => new Int32Array(k));
  const channel = widen(head.channel, n, (k) => new Uint8Array(k));
  const amount = widen(head.amount, n, (k) => new Float64Array(k));

  // The tail's runs of steps, ascending by step.
  const runs = Array.from(tail.stepOf, (step, r) => ({ step, start: r === 0 ? 0 : (tail.stepEnd[r - 1] as number), end: tail.stepEnd[r] as number }));
  runs.sort((x, y) => x.step - y.step);
  const stepOf = new Int32Array(head.stepOf.length + runs.length);
  const stepEnd = new Int32Array(stepOf.length);
  stepOf.set(head.stepOf);
  stepEnd.set(head.stepEnd);
  const impactAt: number[] = Array.from(head.impactAt);
  const impactValue: number[] = Array.from(head.impactValue);
  let at = nh;
  let r = head.stepOf.length;
  for (const run of runs) {
    from.set(tail.from.subarray(run.start, run.end), at);
    to.set(tail.to.subarray(run.start, run.end), at);
    channel.set(tail.channel.subarray(run.start, run.end), at);
    amount.set(tail.amount.subarray(run.start, run.end), at);
    for (let k = firstAtLeast(tail.impactAt, run.start); k < tail.impactAt.length && (tail.impactAt[k] as number) < run.end; k++) {
      impactAt.push(at + (tail.impactAt[k] as number) - run.start);
      impactValue.push(tail.impactValue[k] as number);
    }
    at += run.end - run.start;
    stepOf[r] = run.step;
    stepEnd[r++] = at;
  }
  return { from, to, channel, amount, stepOf, stepEnd, impactAt: Int32Array.from(impactAt), impactValue: Float64Array.from(impactValue) };
}

/** `col` grown to n values: a longer view of its own buffer when that holds them, else a copy. */
function widen<T extends Column>(col: T, n: number, make: (n: number) => T): T {
  const room = (col.buffer.byteLength - col.byteOffset) / col.BYTES_PER_ELEMENT;
  if (room >= n) return new (col.constructor as new (b: ArrayBufferLike, offset: number, length: number) => T)(col.buffer, col.byteOffset, n);
  const out = make(n);
  out.set(col as never);
  return out;
}

/** The first index of an ascending array whose value is ≥ x. */
function firstAtLeast(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
