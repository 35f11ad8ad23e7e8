import { performance } from 'node:perf_hooks';
import type { SimModel } from '../engine/sim/model';
import type { Simulation } from '../engine/sim/simulation';
import { F64Column, I32Column, U8Column } from '../engine/util/growable';

/** Bytes per position that a liquidation step reads: five float64 columns (collateral, debt, lt, bonus, close factor) and four int32 (owner, venue, collateral and debt asset). */
export const BYTES_PER_POSITION = 5 * 8 + 4 * 4;

export interface Baseline {
  ms: number;
  /** GB/s for the stream, positions/ms for the pass. */
  rate: number;
  check: number;
}

function best(reps: number, f: () => number): { ms: number; check: number } {
  let ms = Infinity;
  let check = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    check = f();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, check };
}

/** The memory floor: one pass over as many float64 as the position columns of a step, with four accumulators. */
export function streamFloor(positions: number, reps = 7): Baseline {
  const n = Math.ceil((positions * BYTES_PER_POSITION) / 8);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = (i & 1023) * 0.5;
  const r = best(reps, () => {
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    const m = n - (n % 4);
    for (let i = 0; i < m; i += 4) {
      a += data[i] as number;
      b += data[i + 1] as number;
      c += data[i + 2] as number;
      d += data[i + 3] as number;
    }
    for (let i = m; i < n; i++) a += data[i] as number;
    return a + b + c + d;
  });
  return { ms: r.ms, rate: (n * 8) / 1e6 / r.ms, check: r.check };
}

/**
 * A naive full liquidation pass: health of every position at shocked prices, and for the
 * unhealthy ones the seizure arithmetic of MODEL §4.3 with per-asset flow sums. No index, no
 * oracle, no recording: what a step would cost if it touched every position once.
 */
export function naivePass(m: SimModel, shock: number, reps = 7): Baseline {
  const nA = m.assetIds.length;
  const P = Float64Array.from(m.assetPrice, (p, a) => (a === 0 ? p : p * (1 + shock)));
  const dS = new Float64Array(nA);
  const coll = m.positionCollateral;
  const debt = m.positionDebt;
  const ca = m.positionCollateralAsset;
  const da = m.positionDebtAsset;
  const lt = m.positionThreshold;
  const bonus = m.positionBonus;
  const cf = m.positionCloseFactor;
  const n = coll.length;
  const r = best(reps, () => {
    dS.fill(0);
    let liquidated = 0;
    for (let i = 0; i < n; i++) {
      const d = debt[i] as number;
      if (!(d > 0)) continue;
      const c = coll[i] as number;
      const a = ca[i] as number;
      const b = da[i] as number;
      const pc = P[a] as number;
      const pd = P[b] as number;
      if (c * pc * (lt[i] as number) >= d * pd) continue;
      let repay = (cf[i] as number) * d * pd;
      let seized = (repay * (1 + (bonus[i] as number))) / pc;
      if (seized >= c) {
        seized = c;
        repay = (c * pc) / (1 + (bonus[i] as number));
      }
      dS[a] = (dS[a] as number) + seized;
      dS[b] = (dS[b] as number) - repay / pd;
      liquidated++;
    }
    return liquidated;
  });
  return { ms: r.ms, rate: n / r.ms, check: r.check };
}

/** Rows and column widths of a run's outputs: per column its row count and bytes per value. */
export type OutputShape = { rows: number; bytes: 1 | 4 | 8 }[];

/** The shape of everything a full run records: its result tables and its loss graph. */
export function outputShape(sim: Simulation): OutputShape {
  const shape: OutputShape = [];
  const nodes = sim.recorder.nodes;
  // The nodes table's step, node and defaulted columns are made on first use; they are outputs all the same.
  const nodeColumns = { ...nodes.written(), step: nodes.step, node: nodes.node, defaulted: nodes.defaulted };
  const tables: Record<string, unknown>[] = [sim.recorder.prices, sim.recorder.oracles, sim.recorder.venues, nodeColumns, sim.recorder.liquidations];
  const loss = sim.loss;
  tables.push({ step: loss.step, from: loss.from, to: loss.to, channel: loss.channel, amount: loss.amount, impact: loss.impact });
  for (const t of tables) {
    for (const col of Object.values(t)) {
      if (col instanceof F64Column) shape.push({ rows: col.length, bytes: 8 });
      else if (col instanceof I32Column) shape.push({ rows: col.length, bytes: 4 });
      else if (col instanceof U8Column) shape.push({ rows: col.length, bytes: 1 });
    }
  }
  return shape;
}

/**
 * The output floor: writing as many values as a run recorded (every result row and loss edge,
 * column by column into new typed arrays), with nothing computed. No run of that scenario can
 * be faster than this.
 */
export function outputFloor(shape: OutputShape, reps = 5): Baseline & { values: number } {
  let values = 0;
  for (const c of shape) values += c.rows;
  const r = best(reps, () => {
    let check = 0;
    for (const c of shape) {
      const n = c.rows;
      if (c.bytes === 8) {
        const a = new Float64Array(n);
        for (let i = 0; i < n; i++) a[i] = i * 0.5;
        check += a[n >> 1] ?? 0;
      } else if (c.bytes === 4) {
        const a = new Int32Array(n);
        for (let i = 0; i < n; i++) a[i] = i;
        check += a[n >> 1] ?? 0;
      } else {
        const a = new Uint8Array(n);
        for (let i = 0; i < n; i++) a[i] = i & 1;
        check += a[n >> 1] ?? 0;
      }
    }
    return check;
  });
  return { ms: r.ms, rate: values / r.ms, check: r.check, values };
}

/** ns per dependent random load within a working set, by its size in bytes. */
export interface LoadLatency {
  bytes: number;
  ns: number;
}

/**
 * The machine's memory latency: a chain of loads, each index read from the one before, through
 * one random cycle over an Int32Array of each size (best of `reps`). The engine's steps and the
 * loss graph read node, slot and position arrays by index, so where a run lands against the
 * sequential baselines above depends on it: two VMs of this project measured the same sequential
 * floor and ~2× apart on runs.
 */
export function loadLatency(sizes: readonly number[] = [1 << 20, 4 << 20, 64 << 20], loads = 2_000_000, reps = 3): LoadLatency[] {
  return sizes.map((bytes) => {
    const n = bytes >> 2;
    const next = randomCycle(n);
    let ms = Infinity;
    let p = 0;
    for (let k = 0; k < n && k < loads; k++) p = next[p] as number;
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      for (let k = 0; k < loads; k++) p = next[p] as number;
      ms = Math.min(ms, performance.now() - t0);
    }
    if (p < 0) throw new Error('unreachable: indices are never negative');
    return { bytes, ns: (ms * 1e6) / loads };
  });
}

/** next[i] over one cycle through all n places in a seeded random order. */
export function randomCycle(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let seed = 0x9e3779b9;
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[order[i] as number] = order[(i + 1) % n] as number;
  return next;
}
