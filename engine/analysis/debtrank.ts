import type { Scenario, ScenarioEvent } from '../scenario/scenario';
import type { CompiledWorkspace } from '../sim/compiled';
import type { DebtRankResult, UnusedEvent } from './analysis-types';
import { faceValueNetwork, type FaceValueNetwork } from './face-value';

const U = 0;
const D = 1;
const I = 2;

/** An event DebtRank leaves out: its index in the scenario's events, its type and its (first) step. */
export function unusedEvent(e: ScenarioEvent, index: number): UnusedEvent {
  return { event: index, type: e.type, step: 'at' in e ? e.at : e.from };
}

/**
 * Step-0 external losses of a scenario, applied in event order as MODEL §4.1 does (never below 0),
 * USD per node; and the events left out (any other event, or an external loss after step 0).
 */
export function initialLosses(cw: CompiledWorkspace, scenario: Scenario): { loss: Float64Array; unused: UnusedEvent[] } {
  const m = cw.model;
  const ext = Float64Array.from(m.nodeExternal);
  const unused: UnusedEvent[] = [];
  for (const [index, e] of scenario.events.entries()) {
    if (e.type !== 'external_loss' || e.at !== 0) {
      unused.push(unusedEvent(e, index));
      continue;
    }
    const i = m.nodeIds.indexOf(e.node);
    const before = ext[i] as number;
    const cut = e.amount_usd !== undefined ? e.amount_usd : before * (e.fraction as number);
    ext[i] = Math.max(0, before - cut);
  }
  const loss = new Float64Array(ext.length);
  for (let i = 0; i < ext.length; i++) loss[i] = (m.nodeExternal[i] as number) - (ext[i] as number);
  return { loss, unused };
}

/**
 * The relative impact of a debtor's distress on a creditor, one entry per edge of the
 * network: W_dc = min(1, L_dc/E0_c) (DebtRank) or Λ_cd = L_dc/E0_c (linear). A creditor with
 * E0 ≤ 0 has no buffer: any distress of its debtors is total (W = 1, Λ = ∞).
 */
function impacts(net: FaceValueNetwork, capped: boolean): Float64Array {
  return Float64Array.from(net.value, (L, k) => {
    const E = net.equity[net.creditor[k] as number] as number;
    if (!(E > 0)) return L > 0 ? (capped ? 1 : Infinity) : 0;
    return capped ? Math.min(1, L / E) : L / E;
  });
}

/**
 * DebtRank (Battiston et al. 2012) over the obligations network at face value. h_i(1) =
 * min(1, loss_i/E0_i) from the step-0 external losses; nodes with h > 0 start distressed (D).
 * Each round every node takes h_i += Σ over debtors j distressed in the last round of W_ji·h_j
 * (capped at 1); a distressed node then becomes inactive (I) and never propagates again, and a
 * node whose h became positive becomes distressed. Until no node is distressed. Linear DebtRank
 * (Bardoscia et al. 2015): the least fixed point of h = min(1, h(1) + Λh), iterated from h(1).
 * H = Σ h_i·v_i with v_i = E0_i / Σ E0 (nodes with E0 ≤ 0 weigh 0); R = H − Σ h_i(1)·v_i.
 */
export function debtRank(cw: CompiledWorkspace, scenario: Scenario): DebtRankResult {
  const m = cw.model;
  const n = m.nodeIds.length;
  const net = faceValueNetwork(cw);
  const { loss, unused } = initialLosses(cw, scenario);
  const warnings: string[] = [];
  if (unused.length > 0) {
    const list = unused.map((u) => `events[${u.event}] (${u.type} at step ${u.step})`).join(', ');
    warnings.push(`DebtRank uses the scenario's step-0 external_loss events only; ${unused.length} other event(s) were not used: ${list}`);
  }

  let total = 0;
  for (let i = 0; i < n; i++) if ((net.equity[i] as number) > 0) total += net.equity[i] as number;
  const v = Float64Array.from(net.equity, (E) => (E > 0 && total > 0 ? E / total : 0));
  const weak = m.nodeIds.filter((_, i) => !((net.equity[i] as number) > 0));
  if (weak.length) warnings.push(`${weak.length} node(s) have no equity at face value (E0 ≤ 0) and weigh 0 in H: ${weak.slice(0, 10).join(', ')}${weak.length > 10 ? ', …' : ''}`);

  const h1 = Float64Array.from(loss, (l, i) => {
    const E = net.equity[i] as number;
    if (!(l > 0)) return 0;
    return E > 0 ? Math.min(1, l / E) : 1;
  });

  // Edges grouped by debtor (they are sorted by debtor, then creditor).
  const W = impacts(net, true);
  const start = new Int32Array(n + 1);
  for (const d of net.debtor) start[d + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i] as number;

  const h = Float64Array.from(h1);
  const state = Uint8Array.from(h1, (x) => (x > 0 ? D : U));
  let rounds = 0;
  const next = new Float64Array(n);
  for (;;) {
    let distressed = false;
    next.set(h);
    for (let j = 0; j < n; j++) {
      if (state[j] !== D) continue;
      distressed = true;
      for (let k = start[j] as number; k < (start[j + 1] as number); k++) {
        const c = net.creditor[k] as number;
        next[c] = Math.min(1, (next[c] as number) + (W[k] as number) * (h[j] as number));
      }
    }
    if (!distressed) break;
    rounds++;
    for (let i = 0; i < n; i++) {
      if (state[i] === D) state[i] = I;
      else if (state[i] === U && (next[i] as number) > 0) state[i] = D;
    }
    h.set(next);
  }

  const lin = linearDebtRank(net, h1, start);
  let H = 0;
  let H1 = 0;
  let HL = 0;
  for (let i = 0; i < n; i++) {
    H += (h[i] as number) * (v[i] as number);
    H1 += (h1[i] as number) * (v[i] as number);
    HL += (lin.h[i] as number) * (v[i] as number);
  }
  if (!lin.converged) warnings.push(`linear DebtRank did not converge in ${lin.iterations} iterations`);

  const nodes: DebtRankResult['debtrank']['nodes'] = {};
  const linear: DebtRankResult['linear_debtrank']['nodes'] = {};
  const equity: Record<string, number> = {};
  m.nodeIds.forEach((id, i) => {
    nodes[id] = { h: h[i] as number, h_initial: h1[i] as number };
    linear[id] = { h: lin.h[i] as number };
    equity[id] = net.equity[i] as number;
  });
  return {
    debtrank: { H, R: H - H1, nodes },
    linear_debtrank: { H: HL, nodes: linear },
    unused_events: unused,
    info: { equity, rounds, iterations: lin.iterations, converged: lin.converged, warnings },
  };
}

const MAX_ITERATIONS = 100_000;

function linearDebtRank(net: FaceValueNetwork, h1: Float64Array, start: Int32Array): { h: Float64Array; iterations: number; converged: boolean } {
  const n = h1.length;
  const lambda = impacts(net, false);
  let h = Float64Array.from(h1);
  let next = new Float64Array(n);
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    next.set(h1);
    for (let j = 0; j < n; j++) {
      const hj = h[j] as number;
      if (!(hj > 0)) continue;
      for (let k = start[j] as number; k < (start[j + 1] as number); k++) {
        const c = net.creditor[k] as number;
        next[c] = (next[c] as number) + (lambda[k] as number) * hj;
      }
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      const x = Math.min(1, next[i] as number);
      next[i] = x;
      change = Math.max(change, Math.abs(x - (h[i] as number)));
    }
    [h, next] = [next, h];
    if (change <= 1e-14) return { h, iterations: it, converged: true };
  }
  return { h, iterations: MAX_ITERATIONS, converged: false };
}
