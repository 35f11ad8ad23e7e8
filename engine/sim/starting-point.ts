import { clear } from './clearing';
import type { CompiledWorkspace } from './compiled';
import type { Plan } from './plan';
import type { ScenarioOptions } from '../scenario/scenario';
import { marketPrices } from './impact';
import type { SimState } from './state';

/** The run's reference points of MODEL §6. */
export interface StartingPoint {
  /** Equity per node from the clearing before any event (USD; 0 for a node in default there). */
  equity: Float64Array;
  /** Unpaid value per obligation row at that clearing (USD). */
  unpaid: Float64Array;
  /** Equity after every event applied to F, x and external assets alone, all obligations paid, clipped at 0. */
  directEquity: Float64Array;
  /** 1 for a node paying less than it owes at that clearing. */
  short: Uint8Array;
  warnings: string[];
}

/** The clearing before any event: the same for every run on a workspace with the same options. */
interface Before {
  equity: Float64Array;
  unpaid: Float64Array;
  short: Uint8Array;
  warnings: string[];
}

/** By workspace, then by the clearing's options: read only, shared by the runs' starting points. */
const beforeAnyEvent = new WeakMap<CompiledWorkspace, Map<string, Before>>();

/** The clearing's options a run's starting point depends on. */
type ClearingOptions = Pick<ScenarioOptions, 'tolerance' | 'max_iterations_clearing'>;

/** The state a clearing before any event reads. */
type InitialValues = Pick<SimState, 'P' | 'external' | 'holding' | 'collateral' | 'debt'>;

function optionsKey(options: ClearingOptions): string {
  return `${options.tolerance}:${options.max_iterations_clearing}`;
}

function beforeFor(cw: CompiledWorkspace, options: ClearingOptions, s: InitialValues): Before {
  const key = optionsKey(options);
  let byOptions = beforeAnyEvent.get(cw);
  if (!byOptions) beforeAnyEvent.set(cw, (byOptions = new Map()));
  let before = byOptions.get(key);
  if (!before) byOptions.set(key, (before = clearingBeforeAnyEvent(cw, options, s)));
  return before;
}

/**
 * Makes the clearing before any event for these options ahead of the first run (at 1M positions
 * ~30 ms of a first run's time otherwise). Only on a workspace no run has used yet: it values the
 * positions through the workspace's exposure index, which must still be at the initial amounts.
 */
export function prepareStartingPoint(cw: CompiledWorkspace, options: ClearingOptions): void {
  const m = cw.model;
  const P = new Float64Array(m.assetIds.length);
  marketPrices(m.assetPrice, new Float64Array(P.length).fill(1), m.assetReserve, new Float64Array(P.length), P);
  beforeFor(cw, options, { P, external: m.nodeExternal, holding: m.holdingAmount, collateral: m.positionCollateral, debt: m.positionDebt });
}

/** True once the clearing before any event for these options is made on the workspace. */
export function startingPointPrepared(cw: CompiledWorkspace, options: ClearingOptions): boolean {
  return beforeAnyEvent.get(cw)?.has(optionsKey(options)) === true;
}

/** The starting point of a run whose state `s` is still the initial one (initState). */
export function startingPoint(cw: CompiledWorkspace, plan: Plan, s: SimState): StartingPoint {
  const m = cw.model;
  const nN = m.nodeIds.length;
  const before = beforeFor(cw, plan.options, s);
  const e = new Float64Array(nN);

  // First-round loss: events on F, x and external assets only.
  const F = Float64Array.from(s.F);
  for (const sh of plan.shocks) F[sh.asset] = (F[sh.asset] as number) * (1 + sh.change);
  const ext = Float64Array.from(s.external);
  const losses = [...plan.losses].sort((a, b) => a.at - b.at || a.index - b.index);
  for (const l of losses) {
    const had = ext[l.node] as number;
    ext[l.node] = Math.max(0, had - (Number.isNaN(l.amount) ? had * l.fraction : l.amount));
  }
  cw.valuation.peek({ P: F, P0: F, external: ext, holding: s.holding, collateral: s.collateral, debt: s.debt }, s.P, e);
  const dValue = oblValues(cw, F);
  // Summed as the clearing sums (claims and debts apart, in row order, then e + in − out), so
  // that with no event it equals equity_start to the last bit.
  const claims = new Float64Array(nN);
  const debts = new Float64Array(nN);
  for (let k = 0; k < dValue.length; k++) {
    const d = m.obligationDebtor[k] as number;
    const c = m.obligationCreditor[k] as number;
    debts[d] = (debts[d] as number) + (dValue[k] as number);
    claims[c] = (claims[c] as number) + (dValue[k] as number);
  }
  const directEquity = new Float64Array(nN);
  for (let i = 0; i < nN; i++) directEquity[i] = (e[i] as number) + (claims[i] as number) - (debts[i] as number);
  for (let i = 0; i < nN; i++) if ((directEquity[i] as number) < 0) directEquity[i] = 0;
  return { equity: before.equity, unpaid: before.unpaid, directEquity, short: before.short, warnings: [...before.warnings] };
}

function clearingBeforeAnyEvent(cw: CompiledWorkspace, options: ClearingOptions, s: InitialValues): Before {
  const m = cw.model;
  const nN = m.nodeIds.length;
  const warnings: string[] = [];
  const e = new Float64Array(nN);
  cw.valuation.value({ P: s.P, P0: s.P, external: s.external, holding: s.holding, collateral: s.collateral, debt: s.debt }, e, null, null);
  const value = oblValues(cw, s.P);
  const out = clear({
    nodes: nN,
    debtor: m.obligationDebtor,
    creditor: m.obligationCreditor,
    value,
    external: e,
    tolerance: options.tolerance,
    maxIterations: options.max_iterations_clearing,
  });
  const tol = options.tolerance;
  const equity = new Float64Array(nN);
  const short = new Uint8Array(nN);
  for (let i = 0; i < nN; i++) {
    const owed = out.owed[i] as number;
    const paid = out.paid[i] as number;
    if (paid < owed - tol * Math.max(1, owed)) {
      short[i] = 1;
      warnings.push(`${m.nodeIds[i]} is insolvent before any shock: it can pay ${fmt(paid)} of the ${fmt(owed)} USD it owes`);
      equity[i] = 0;
    } else equity[i] = (e[i] as number) + (out.received[i] as number) - paid;
  }
  const unpaid = new Float64Array(value.length);
  for (let k = 0; k < value.length; k++) {
    const d = m.obligationDebtor[k] as number;
    const owed = out.owed[d] as number;
    unpaid[k] = (value[k] as number) * (owed > 0 ? 1 - (out.paid[d] as number) / owed : 0);
  }
  return { equity, unpaid, short, warnings };
}

function oblValues(cw: CompiledWorkspace, P: Float64Array): Float64Array {
  const m = cw.model;
  const v = new Float64Array(m.obligationAmount.length);
  for (let k = 0; k < v.length; k++) v[k] = (m.obligationAmount[k] as number) * (P[m.obligationAsset[k] as number] as number);
  return v;
}

function fmt(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
