import { csr } from '../util/csr';
import { I32Column } from '../util/growable';

/**
 * Eisenberg–Noe clearing (MODEL §4.6): the greatest vector p with p = min(p̄, max(0, e + Πᵀp)),
 * found by the fictitious default algorithm — assume everyone pays, mark those who cannot,
 * solve the linear system of the marked set exactly, repeat until the set stops growing (at
 * most n rounds). The greatest vector is the one where every node that can pay in full does.
 */
export interface ClearingInput {
  nodes: number;
  /**
   * Obligation rows: debtor, creditor, and face value in USD (p̄_ij), any order. The debtor and
   * creditor columns are never changed in place: their rows by creditor and by debtor are made
   * once per pair of columns (a run clears the same table every step with new values).
   */
  debtor: Int32Array;
  creditor: Int32Array;
  value: Float64Array;
  /** External value e_i ≥ 0 per node (USD). */
  external: Float64Array;
  tolerance: number;
  maxIterations: number;
}

export interface ClearingOutput {
  /** p̄_i: total owed by each node (USD). */
  owed: Float64Array;
  /** p_i: what each node pays (USD). */
  paid: Float64Array;
  /** Σ_j Π_ji p_j: what each node receives (USD). */
  received: Float64Array;
  /** True when the iterative fallback stopped at maxIterations before the tolerance. */
  capped: boolean;
}

const DENSE_LIMIT = 400;

export function clear(inp: ClearingInput, out?: ClearingOutput): ClearingOutput {
  const n = inp.nodes;
  const res = out ?? { owed: new Float64Array(n), paid: new Float64Array(n), received: new Float64Array(n), capped: false };
  const { owed, paid, received } = res;
  res.capped = false;
  owed.fill(0);
  received.fill(0);
  const { debtor, creditor, value, external, tolerance } = inp;
  const m = debtor.length;
  // With everyone paying in full each share p_j / p̄_j is exactly 1: the first round's inflows
  // are the face values, summed in the same pass and order as sumInflows() would.
  for (let k = 0; k < m; k++) {
    const d = debtor[k] as number;
    const i = creditor[k] as number;
    const v = value[k] as number;
    owed[d] = (owed[d] as number) + v;
    received[i] = (received[i] as number) + v;
  }
  paid.set(owed);
  if (m === 0) return res;

  const rows = obligationRows(inp);
  const { inD, affected, members, creditors } = scratchOf(res, n);
  members.clear();
  creditors.clear();
  // Only a node that owes can be short: the debtors, ascending, as a pass over every node meets them.
  const debtors = rows.debtors;
  for (let k = 0; k < debtors.length; k++) {
    const i = debtors[k] as number;
    if (short(external, tolerance, owed, received, i)) enter(i, inD, members);
  }
  if (members.length === 0) return res;
  // Only what a member pays changes from round to round: the creditors of members are the only
  // nodes whose inflows move, so only they are summed again and only they can newly default.
  let counted = 0;
  for (;;) {
    const inSet = members.view();
    for (let k = 0; k < inSet.length; k++) paid[inSet[k] as number] = owed[inSet[k] as number] as number;
    if (inSet.length > DENSE_LIMIT || !solveDense(inp, rows, owed, inD, inSet, paid)) {
      res.capped = solveIterative(inp, rows, owed, inSet, paid) || res.capped;
    }
    for (; counted < inSet.length; counted++) creditorsOf(inp, rows, inSet[counted] as number, affected, creditors);
    const toSum = creditors.view().sort();
    for (let k = 0; k < toSum.length; k++) sumInflows(inp, rows, owed, paid, received, toSum[k] as number);
    const before = members.length;
    // In node order, as a full pass would meet them: the order of members is the order of the solve's rows.
    for (let k = 0; k < toSum.length; k++) {
      const i = toSum[k] as number;
      if (!inD[i] && short(external, tolerance, owed, received, i)) enter(i, inD, members);
    }
    if (members.length === before) break;
  }
  // The flags back to 0 for the next call: only these were set.
  const inSet = members.view();
  for (let k = 0; k < inSet.length; k++) inD[inSet[k] as number] = 0;
  const listed = creditors.view();
  for (let k = 0; k < listed.length; k++) affected[listed[k] as number] = 0;
  return res;
}

/**
 * A clearing's scratch, kept with its output (a run clears every step): per-node flags, all 0
 * between calls, and the lists of members and creditors (their memory reused).
 */
interface ClearingScratch {
  inD: Uint8Array;
  affected: Uint8Array;
  members: I32Column;
  creditors: I32Column;
}

const scratch = new WeakMap<ClearingOutput, ClearingScratch>();

function scratchOf(out: ClearingOutput, n: number): ClearingScratch {
  const kept = scratch.get(out);
  if (kept && kept.inD.length === n) return kept;
  const made = { inD: new Uint8Array(n), affected: new Uint8Array(n), members: new I32Column(), creditors: new I32Column() };
  scratch.set(out, made);
  return made;
}

/** True when node i cannot pay in full (MODEL §4.6's test, within the tolerance). */
function short(external: Float64Array, tolerance: number, owed: Float64Array, received: Float64Array, i: number): boolean {
  const pbar = owed[i] as number;
  if (pbar <= 0) return false;
  return (external[i] as number) + (received[i] as number) < pbar - tolerance * Math.max(1, pbar);
}

function enter(i: number, inD: Uint8Array, members: I32Column): void {
  inD[i] = 1;
  members.push(i);
}

/** Obligation rows by creditor and by debtor, ascending within each (made once per obligation table). */
interface ObligationRows {
  /** Rows into creditor i: byCreditor[creditorStart[i] … creditorStart[i+1]). */
  creditorStart: Int32Array;
  byCreditor: Int32Array;
  /** Rows of debtor j: byDebtor[debtorStart[j] … debtorStart[j+1]). */
  debtorStart: Int32Array;
  byDebtor: Int32Array;
  /** The nodes that owe on some row, ascending. */
  debtors: Int32Array;
}

const rowsCache = new WeakMap<Int32Array, { creditor: Int32Array; nodes: number; rows: ObligationRows }>();

/** The rows of an obligation table, kept while its debtor column lives (a run clears the same table every step). */
function obligationRows(inp: ClearingInput): ObligationRows {
  const hit = rowsCache.get(inp.debtor);
  if (hit && hit.creditor === inp.creditor && hit.nodes === inp.nodes) return hit.rows;
  const c = csr(inp.nodes, inp.creditor.length, (k) => inp.creditor[k] as number);
  const d = csr(inp.nodes, inp.debtor.length, (k) => inp.debtor[k] as number);
  const debtors: number[] = [];
  for (let j = 0; j < inp.nodes; j++) if ((d.start[j + 1] as number) > (d.start[j] as number)) debtors.push(j);
  const rows = { creditorStart: c.start, byCreditor: c.items, debtorStart: d.start, byDebtor: d.items, debtors: Int32Array.from(debtors) };
  rowsCache.set(inp.debtor, { creditor: inp.creditor, nodes: inp.nodes, rows });
  return rows;
}

/** Adds the creditors of debtor j not yet listed to `creditors`. */
function creditorsOf(inp: ClearingInput, rows: ObligationRows, j: number, listed: Uint8Array, creditors: I32Column): void {
  for (let r = rows.debtorStart[j] as number; r < (rows.debtorStart[j + 1] as number); r++) {
    const i = inp.creditor[rows.byDebtor[r] as number] as number;
    if (listed[i]) continue;
    listed[i] = 1;
    creditors.push(i);
  }
}

/**
 * received_i = Σ over obligations j→i of p̄_ji · p_j / p̄_j, for one creditor: its rows in
 * table order, so the sum is the one a pass over the whole table makes.
 */
function sumInflows(inp: ClearingInput, rows: ObligationRows, owed: Float64Array, paid: Float64Array, received: Float64Array, i: number): void {
  let sum = 0;
  for (let r = rows.creditorStart[i] as number; r < (rows.creditorStart[i + 1] as number); r++) {
    const k = rows.byCreditor[r] as number;
    const j = inp.debtor[k] as number;
    const pbar = owed[j] as number;
    const share = pbar > 0 ? (paid[j] as number) / pbar : 0;
    sum += (inp.value[k] as number) * share;
  }
  received[i] = sum;
}

/**
 * For the defaulting set D: p_i = e_i + Σ_{j∈D} Π_ji p_j + Σ_{j∉D} p̄_ji, i ∈ D, solved by
 * Gaussian elimination with partial pivoting. Returns false on a (near-)singular system.
 */
function solveDense(inp: ClearingInput, rows: ObligationRows, owed: Float64Array, inD: Uint8Array, members: Int32Array, paid: Float64Array): boolean {
  const k = members.length;
  const pos = new Map<number, number>();
  members.forEach((i, r) => pos.set(i, r));
  const A = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    A[r * k + r] = 1;
    rhs[r] = inp.external[members[r] as number] as number;
  }
  // Each member's incoming rows in table order: every entry sums as a pass over the table would.
  for (let r = 0; r < k; r++) {
    const i = members[r] as number;
    for (let at = rows.creditorStart[i] as number; at < (rows.creditorStart[i + 1] as number); at++) {
      const e = rows.byCreditor[at] as number;
      const j = inp.debtor[e] as number;
      const v = inp.value[e] as number;
      if (inD[j]) {
        const c = pos.get(j) as number;
        A[r * k + c] = (A[r * k + c] as number) - v / (owed[j] as number);
      } else rhs[r] = (rhs[r] as number) + v;
    }
  }
  for (let col = 0; col < k; col++) {
    let piv = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(A[r * k + col] as number) > Math.abs(A[piv * k + col] as number)) piv = r;
    if (Math.abs(A[piv * k + col] as number) < 1e-12) return false;
    if (piv !== col) {
      for (let c = 0; c < k; c++) {
        const tmp = A[col * k + c] as number;
        A[col * k + c] = A[piv * k + c] as number;
        A[piv * k + c] = tmp;
      }
      const tmp = rhs[col] as number;
      rhs[col] = rhs[piv] as number;
      rhs[piv] = tmp;
    }
    const d = A[col * k + col] as number;
    for (let r = col + 1; r < k; r++) {
      const f = (A[r * k + col] as number) / d;
      if (f === 0) continue;
      for (let c = col; c < k; c++) A[r * k + c] = (A[r * k + c] as number) - f * (A[col * k + c] as number);
      rhs[r] = (rhs[r] as number) - f * (rhs[col] as number);
    }
  }
  for (let r = k - 1; r >= 0; r--) {
    let sum = rhs[r] as number;
    for (let c = r + 1; c < k; c++) sum -= (A[r * k + c] as number) * (rhs[c] as number);
    rhs[r] = sum / (A[r * k + r] as number);
  }
  for (let r = 0; r < k; r++) {
    const i = members[r] as number;
    const v = rhs[r] as number;
    paid[i] = Math.min(owed[i] as number, Math.max(0, v));
  }
  return true;
}

/**
 * Gauss–Seidel from above on the defaulting set: the map is monotone, so starting at p̄ it
 * descends to the greatest fixed point. Returns true when it stopped at the iteration cap.
 */
function solveIterative(inp: ClearingInput, rows: ObligationRows, owed: Float64Array, members: Int32Array, paid: Float64Array): boolean {
  for (let it = 0; it < inp.maxIterations; it++) {
    let delta = 0;
    for (const i of members) {
      let v = inp.external[i] as number;
      for (let k = rows.creditorStart[i] as number; k < (rows.creditorStart[i + 1] as number); k++) {
        const e = rows.byCreditor[k] as number;
        const j = inp.debtor[e] as number;
        v += ((inp.value[e] as number) * (paid[j] as number)) / (owed[j] as number);
      }
      const next = Math.min(owed[i] as number, Math.max(0, v));
      delta = Math.max(delta, Math.abs(next - (paid[i] as number)) / Math.max(1, owed[i] as number));
      paid[i] = next;
    }
    if (delta <= inp.tolerance * 1e-3) return false;
  }
  return true;
}
