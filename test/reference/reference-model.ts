/**
 * A deliberately naive reference implementation of MODEL.md §3–§4 and the summary numbers of
 * §6 (not the loss graph or the contagion paths), written from MODEL.md and the engine's fixed
 * interpretations (/tmp/interp.md) only — never from engine/sim/*. Plain objects keyed by id,
 * a loop over every position every step, and Eisenberg–Noe clearing by plain monotone
 * iteration from p̄. Slow on purpose: it exists to be obviously right, not fast.
 */
import type { Scenario, ScenarioEvent } from '../../engine/scenario/scenario';
import type { Rows } from '../helpers/workspace';

type Row = Readonly<Record<string, string | number | undefined>>;

export const USD = 'USD';
/** interp 5: B is floored at this value so prices stay positive. */
const MIN_B = 1e-12;
/** Relative change below which the plain clearing iteration stops. */
const CLEARING_STOP = 1e-14;
const CLEARING_MAX_ITERATIONS = 50_000_000;
/** Relative slack of the liquidator profit check (see stage 3). */
const PROFIT_SLACK = 1e-12;

// ---------------------------------------------------------------------------------------------
// Reading row objects (the same shape `workspaceFromRows` takes; numbers may be strings).

function has(r: Row, k: string): boolean {
  const v = r[k];
  return v !== undefined && v !== '';
}
function text(r: Row, k: string, dflt?: string): string {
  if (!has(r, k)) {
    if (dflt === undefined) throw new Error(`reference: missing column ${k}`);
    return dflt;
  }
  return String(r[k]);
}
function num(r: Row, k: string, dflt?: number): number {
  if (!has(r, k)) {
    if (dflt === undefined) throw new Error(`reference: missing column ${k}`);
    return dflt;
  }
  return Number(r[k]);
}

export interface RefPosition {
  id: string;
  owner: string;
  venue: string;
  collAsset: string;
  coll: number;
  debtAsset: string;
  debt: number;
  lt: number;
  bonus: number;
  cf: number;
}

export interface RefModel {
  /** Non-USD assets in row order. */
  assets: string[];
  price: Record<string, number>;
  /** Initial pool reserve x = depth_usd / price (units), or null: no price impact. */
  reserve: Record<string, number | null>;
  nodes: string[];
  isVenue: Record<string, boolean>;
  external: Record<string, number>;
  oracles: { id: string; asset: string; delay: number; deviation: number; heartbeat: number }[];
  /** feed[venue][asset] = oracle id. */
  feed: Record<string, Record<string, string>>;
  positions: RefPosition[];
  holdings: { owner: string; asset: string; amount: number }[];
  obligations: { debtor: string; creditor: string; amount: number; asset: string }[];
  backing: { asset: string; backer: string; share: number }[];
}

export function readModel(rows: Rows): RefModel {
  const m: RefModel = {
    assets: [],
    price: { [USD]: 1 },
    reserve: { [USD]: null },
    nodes: [],
    isVenue: {},
    external: {},
    oracles: [],
    feed: {},
    positions: [],
    holdings: [],
    obligations: [],
    backing: [],
  };
  for (const r of rows.assets ?? []) {
    const id = text(r, 'id');
    if (id === USD) continue; // listed USD: price 1, no pool (interp 15)
    const price = num(r, 'price');
    m.assets.push(id);
    m.price[id] = price;
    m.reserve[id] = has(r, 'depth_usd') ? num(r, 'depth_usd') / price : null;
  }
  for (const r of rows.nodes ?? []) {
    const id = text(r, 'id');
    m.nodes.push(id);
    m.isVenue[id] = text(r, 'kind') === 'venue';
    m.external[id] = num(r, 'external_assets_usd', 0);
  }
  for (const r of rows.oracles ?? []) {
    m.oracles.push({
      id: text(r, 'id'),
      asset: text(r, 'asset'),
      delay: num(r, 'delay_steps', 0),
      deviation: num(r, 'deviation', 0),
      heartbeat: num(r, 'heartbeat_steps', 1),
    });
  }
  for (const r of rows.feeds ?? []) {
    const v = text(r, 'venue');
    (m.feed[v] ??= {})[text(r, 'asset')] = text(r, 'oracle');
  }
  for (const r of rows.positions ?? []) {
    m.positions.push({
      id: text(r, 'id'),
      owner: text(r, 'owner'),
      venue: text(r, 'venue'),
      collAsset: text(r, 'collateral_asset'),
      coll: num(r, 'collateral_amount'),
      debtAsset: text(r, 'debt_asset'),
      debt: num(r, 'debt_amount'),
      lt: num(r, 'liquidation_threshold'),
      bonus: num(r, 'liquidation_bonus', 0.05),
      cf: num(r, 'close_factor', 0.5),
    });
  }
  // MODEL §1: perps become positions.
  for (const r of rows.perps ?? []) {
    const asset = text(r, 'asset');
    const size = num(r, 'size');
    const notional = size * num(r, 'entry_price');
    const margin = num(r, 'margin_usd');
    const mm = num(r, 'maintenance_margin');
    const base = { id: text(r, 'id'), owner: text(r, 'owner'), venue: text(r, 'venue'), bonus: 0, cf: 1 };
    if (text(r, 'side') === 'long') {
      m.positions.push({ ...base, collAsset: asset, coll: size, debtAsset: USD, debt: Math.max(0, notional - margin), lt: 1 - mm });
    } else {
      m.positions.push({ ...base, collAsset: USD, coll: notional + margin, debtAsset: asset, debt: size, lt: 1 / (1 + mm) });
    }
  }
  for (const r of rows.holdings ?? []) {
    m.holdings.push({ owner: text(r, 'owner'), asset: text(r, 'asset'), amount: num(r, 'amount') });
  }
  for (const r of rows.obligations ?? []) {
    m.obligations.push({ debtor: text(r, 'debtor'), creditor: text(r, 'creditor'), amount: num(r, 'amount'), asset: text(r, 'asset', USD) });
  }
  for (const r of rows.backing ?? []) {
    m.backing.push({ asset: text(r, 'asset'), backer: text(r, 'backer'), share: num(r, 'share') });
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Eisenberg–Noe clearing by plain iteration from p̄ (monotone decreasing to the greatest vector).

export interface NaiveClearing {
  /** p̄_i */
  owed: number[];
  /** p_i */
  paid: number[];
  /** Σ_j Π_ji p_j */
  received: number[];
  iterations: number;
}

export function naiveClear(n: number, obligations: { debtor: number; creditor: number; value: number }[], external: readonly number[]): NaiveClearing {
  const owed = new Array<number>(n).fill(0);
  for (const o of obligations) owed[o.debtor] = (owed[o.debtor] as number) + o.value;
  const m = obligations.length;
  const from = Int32Array.from(obligations, (o) => o.debtor);
  const to = Int32Array.from(obligations, (o) => o.creditor);
  const share = Float64Array.from(obligations, (o) => o.value / (owed[o.debtor] as number)); // Π_ij
  let paid = Float64Array.from(owed);
  let next = new Float64Array(n);
  const rec = new Float64Array(n);
  const receive = (p: Float64Array): void => {
    rec.fill(0);
    for (let k = 0; k < m; k++) rec[to[k] as number] = (rec[to[k] as number] as number) + (share[k] as number) * (p[from[k] as number] as number);
  };
  let iterations = 0;
  let lastChange = Infinity;
  for (;;) {
    iterations++;
    if (iterations > CLEARING_MAX_ITERATIONS) throw new Error('reference clearing did not converge');
    receive(paid);
    // relative to the payment itself (not p̄, which may dwarf it), floored at 1e-9 USD
    let change = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.min(owed[i] as number, Math.max(0, (external[i] as number) + (rec[i] as number)));
      next[i] = v;
      change = Math.max(change, Math.abs(v - (paid[i] as number)) / Math.max(v, 1e-9));
    }
    [paid, next] = [next, paid];
    if (change === 0) break;
    // The iteration is monotone and (eventually) geometric with ratio ρ: the distance left to
    // the limit is about change·ρ/(1 − ρ), which can dwarf `change` when ρ is near 1.
    const rho = change / lastChange;
    lastChange = change;
    if (change < CLEARING_STOP && rho < 1 && (change * rho) / (1 - rho) < CLEARING_STOP) break;
  }
  receive(paid);
  return { owed, paid: Array.from(paid), received: Array.from(rec), iterations };
}

// ---------------------------------------------------------------------------------------------
// The run.

export interface RefNode {
  equity_start_usd: number;
  equity_end_usd: number;
  obligations_usd: number;
  payments_usd: number;
  recovery_rate: number;
  defaulted: boolean;
  default_step: number | null;
}

export interface RefVenue {
  liquidated_usd: number;
  bad_debt_usd: number;
  halted_step: number | null;
}

export interface RefLiquidation {
  step: number;
  position: string;
  venue: string;
  repaid_units: number;
  repaid_usd: number;
  seized_units: number;
  bad_debt_units: number;
  bad_debt_usd: number;
}

export interface RefResult {
  steps_run: number;
  converged: boolean;
  total_liquidated_usd: number;
  total_bad_debt_usd: number;
  total_loss_usd: number;
  direct_loss_usd: number;
  amplification: number | null;
  final_prices: Record<string, number>;
  nodes: Record<string, RefNode>;
  venues: Record<string, RefVenue>;
  /** End-of-step market prices (stage 5) of every non-USD asset, one record per step run. */
  prices: Record<string, number>[];
  /** Market prices after the step's events, before its flows (stage 1), per step run. */
  stage1Prices: Record<string, number>[];
  liquidations: RefLiquidation[];
  /** Depth changes that left net buying below −0.99·x, re-clamped (see stage 1). */
  depthClamps: { step: number; asset: string }[];
  /** Fixed-point flags of every step run. */
  stepFlags: StepFlags[];
  /** k of §4.8. */
  quietSteps: number;
  /** Reported price of every oracle after stage 2, per step run. */
  oracleReports: Record<string, number>[];
  /** Collateral and debt of every position at the end. */
  finalPositions: Record<string, { collateral: number; debt: number }>;
  /** Nodes in default at the start clearing (warning, equity_start 0). */
  startWarnings: string[];
}

function isRanged(e: ScenarioEvent): e is Extract<ScenarioEvent, { from: number }> {
  return 'from' in e;
}
function activeAt(e: ScenarioEvent, t: number): boolean {
  return isRanged(e) ? e.from <= t && t <= e.to : e.at === t;
}
/** interp 4: an event remains after t if its `at` > t, or (ranged) its `to` ≥ t. */
function remainsAfter(e: ScenarioEvent, t: number): boolean {
  return isRanged(e) ? e.to >= t : e.at > t;
}

export interface ReferenceOptions {
  /** Relative slack of the liquidator profit check; 0 = the literal float comparison. */
  profitSlack?: number;
  /** Run exactly this many steps (≤ scenario steps), ignoring the fixed-point rule; `converged` is then false. */
  forceSteps?: number;
  /** Called with the state of the run before any event, then once per step run (read-only copies). */
  trace?: (t: StepTrace) => void;
}

/** What a step did, for the loss-graph reference (test/reference/loss-reference.ts). Plain copies. */
export interface StepTrace {
  /** −1: the clearing before any event (only `P5`, `positionsEnd`, `holdingsEnd`, `externalEnd`, `clearing` are set). */
  step: number;
  /** Backing factor of every non-USD asset in force this step. */
  B: Record<string, number>;
  /** Stage-1 prices (after events) and stage-5 prices (after flows). */
  P1: Record<string, number>;
  P5: Record<string, number>;
  /** Each event applied at this step, in list order: its index, type, asset or node, and for external losses the USD taken. */
  events: { index: number; type: string; asset?: string; node?: string; taken?: number; factor?: number }[];
  externalStart: Record<string, number>;
  externalEnd: Record<string, number>;
  positionsStart: RefPosition[];
  positionsEnd: RefPosition[];
  holdingsStart: { owner: string; asset: string; amount: number }[];
  holdingsEnd: { owner: string; asset: string; amount: number }[];
  /** Liquidations of this step: position id, close-out or not, units seized and repaid. */
  liquidated: { id: string; closeOut: boolean; seized: number; repaidUnits: number; badUnits: number }[];
  /** Fire sales of this step and the average price each got. */
  sales: { owner: string; asset: string; units: number; avg: number }[];
  /** Net flow S of every pool asset before and after this step's flows. */
  S0: Record<string, number>;
  S1: Record<string, number>;
  /** Stage-5 clearing: per node (row order of `nodes`) value e, owed p̄, paid p, received Σ Π_ji p_j. */
  clearing: { value: number[]; owed: number[]; paid: number[]; received: number[] };
  /** Obligations in row order, valued at stage-5 prices. */
  obligationValues: number[];
  /** Default step of every node after this step's clearing (−1: not in default). */
  defaultStep: Record<string, number>;
}

/**
 * How a step stands with respect to the fixed-point rule (§4.8, interp 4). `quiet` is the rule
 * as written. A report changes when it moves by more than the tolerance; a step whose only
 * activity is a report moving by about that much is ill-conditioned: another correct float
 * evaluation may see it the other way. `canBeQuiet`/`canBeNoisy` say so.
 */
export interface StepFlags {
  quiet: boolean;
  canBeQuiet: boolean;
  canBeNoisy: boolean;
  /** An event remains after this step (interp 4). */
  eventRemains: boolean;
}

/** Relative size of an oracle move that float noise can explain. */
export const ORACLE_NOISE = 1e-12;

export function referenceRun(rows: Rows, sc: Scenario, ropt: ReferenceOptions = {}): RefResult {
  const profitSlack = ropt.profitSlack ?? PROFIT_SLACK;
  const m = readModel(rows);
  const opt = sc.options;
  const tol = opt.tolerance;
  const allAssets = [USD, ...m.assets];
  const nodeIndex: Record<string, number> = {};
  m.nodes.forEach((id, i) => (nodeIndex[id] = i));

  // --- state (MODEL §3)
  const F: Record<string, number> = {};
  const x: Record<string, number | null> = {};
  const S: Record<string, number> = {};
  const B: Record<string, number> = {};
  for (const a of allAssets) {
    F[a] = m.price[a] as number;
    x[a] = m.reserve[a] ?? null;
    S[a] = 0;
    B[a] = 1;
  }
  const ext: Record<string, number> = { ...m.external };
  const positions = m.positions.map((p) => ({ ...p }));
  const holdings = m.holdings.map((h) => ({ ...h }));
  const defaultStep: Record<string, number> = {};
  const recovery: Record<string, number> = {};
  for (const id of m.nodes) {
    defaultStep[id] = -1;
    recovery[id] = 1;
  }

  const marketPrice = (a: string): number => {
    if (a === USD) return 1;
    const fb = (F[a] as number) * (B[a] as number);
    const xa = x[a];
    if (xa === null || xa === undefined) return fb;
    const ratio = xa / (xa + (S[a] as number));
    return fb * ratio * ratio;
  };
  const allPrices = (): Record<string, number> => {
    const out: Record<string, number> = { [USD]: 1 };
    for (const a of m.assets) out[a] = marketPrice(a);
    return out;
  };

  // --- clearing of a state, used before any event and at stage 6
  interface Cleared {
    value: number[];
    owed: number[];
    paid: number[];
    received: number[];
  }
  const clearAt = (P: Record<string, number>, external: Record<string, number>, pos: readonly RefPosition[], hold: typeof holdings): Cleared => {
    const value = m.nodes.map((id) => external[id] as number);
    const add = (node: string, v: number): void => {
      const i = nodeIndex[node] as number;
      value[i] = (value[i] as number) + v;
    };
    for (const h of hold) add(h.owner, h.amount * (P[h.asset] as number));
    for (const p of pos) {
      const c = p.coll * (P[p.collAsset] as number);
      const d = p.debt * (P[p.debtAsset] as number);
      add(p.owner, Math.max(0, c - d));
      add(p.venue, Math.min(c, d));
    }
    const obl = m.obligations.map((o) => ({
      debtor: nodeIndex[o.debtor] as number,
      creditor: nodeIndex[o.creditor] as number,
      value: o.amount * (P[o.asset] as number),
    }));
    const c = naiveClear(m.nodes.length, obl, value);
    return { value, owed: c.owed, paid: c.paid, received: c.received };
  };
  const inDefault = (owed: number, paid: number): boolean => paid < owed - tol * Math.max(1, owed);

  // --- equity before any event (§6, interp 11)
  const startWarnings: string[] = [];
  const equityStart: Record<string, number> = {};
  {
    const P0 = allPrices();
    const c = clearAt(P0, ext, positions, holdings);
    ropt.trace?.({
      step: -1,
      B: { ...B },
      P1: P0,
      P5: P0,
      events: [],
      externalStart: { ...ext },
      externalEnd: { ...ext },
      positionsStart: positions.map((p) => ({ ...p })),
      positionsEnd: positions.map((p) => ({ ...p })),
      holdingsStart: holdings.map((h) => ({ ...h })),
      holdingsEnd: holdings.map((h) => ({ ...h })),
      liquidated: [],
      sales: [],
      S0: { ...S },
      S1: { ...S },
      clearing: { value: [...c.value], owed: [...c.owed], paid: [...c.paid], received: [...c.received] },
      obligationValues: m.obligations.map((o) => o.amount * (P0[o.asset] as number)),
      defaultStep: Object.fromEntries(m.nodes.map((id) => [id, -1])),
    });
    m.nodes.forEach((id, i) => {
      if (inDefault(c.owed[i] as number, c.paid[i] as number)) {
        startWarnings.push(id);
        equityStart[id] = 0;
      } else equityStart[id] = (c.value[i] as number) + (c.received[i] as number) - (c.paid[i] as number);
    });
  }

  // --- oracles
  const R: Record<string, number> = {};
  const lastUpdate: Record<string, number> = {};
  for (const o of m.oracles) {
    R[o.id] = m.price[o.asset] as number;
    lastUpdate[o.id] = -1;
  }
  const k = 1 + m.oracles.reduce((mx, o) => Math.max(mx, o.delay + o.heartbeat), 0);

  const stage1Prices: Record<string, number>[] = [];
  const endPrices: Record<string, number>[] = [];
  const liquidations: RefLiquidation[] = [];
  const oracleReports: Record<string, number>[] = [];
  const stepFlags: StepFlags[] = [];
  const depthClamps: { step: number; asset: string }[] = [];
  const horizon = ropt.forceSteps ?? sc.steps;
  const venueLiquidated: Record<string, number> = {};
  const venueBad: Record<string, number> = {};
  for (const id of m.nodes) {
    venueLiquidated[id] = 0;
    venueBad[id] = 0;
  }
  let lastClear: Cleared | null = null;
  let prevEnd = allPrices();
  let quietRun = 0;
  let converged = false;
  let stepsRun = 0;

  for (let t = 0; t < horizon; t++) {
    stepsRun = t + 1;
    // B from the recovery rates of the previous clearing (interp 5)
    for (const a of m.assets) {
      let b = 1;
      for (const bk of m.backing) if (bk.asset === a) b -= bk.share * (1 - (recovery[bk.backer] as number));
      B[a] = Math.min(1, Math.max(MIN_B, b));
    }

    const externalStart = { ...ext };
    const positionsStart = ropt.trace ? positions.map((p) => ({ ...p })) : [];
    const holdingsStart = ropt.trace ? holdings.map((h) => ({ ...h })) : [];
    const traceEvents: StepTrace['events'] = [];
    const traceLiquidated: StepTrace['liquidated'] = [];
    const traceSales: StepTrace['sales'] = [];
    // 1. events, in list order
    sc.events.forEach((e, index) => {
      if (isRanged(e) || e.at !== t) return;
      if (e.type === 'price_shock') traceEvents.push({ index, type: e.type, asset: e.asset, factor: 1 + e.change });
      if (e.type === 'depth_change') traceEvents.push({ index, type: e.type, asset: e.asset, factor: e.factor });
      switch (e.type) {
        case 'price_shock':
          F[e.asset] = (F[e.asset] as number) * (1 + e.change);
          break;
        case 'depth_change': {
          const xa = x[e.asset];
          if (xa !== null && xa !== undefined) {
            x[e.asset] = xa * e.factor;
            // MODEL §3 "S ≥ −0.99·x" read as an invariant of the state (ambiguous; see report)
            if ((S[e.asset] as number) < -0.99 * xa * e.factor) {
              S[e.asset] = -0.99 * xa * e.factor;
              depthClamps.push({ step: t, asset: e.asset });
            }
          }
          break;
        }
        case 'external_loss': {
          const cur = ext[e.node] as number;
          ext[e.node] = e.amount_usd !== undefined ? Math.max(0, cur - e.amount_usd) : Math.max(0, cur - (e.fraction ?? 0) * cur);
          traceEvents.push({ index, type: e.type, node: e.node, taken: cur - (ext[e.node] as number) });
          break;
        }
      }
    });
    const P1 = allPrices();
    stage1Prices.push(P1);

    // 2. oracles (interp 1–3)
    let oracleChanged = false;
    let oracleNoiseOnly = true; // every report moved by ≤ noise (or not at all)
    let oracleNoiseCouldMove = false; // some report could move by noise although it did not
    for (const o of m.oracles) {
      const hist = stage1Prices[Math.max(0, t - o.delay)] as Record<string, number>;
      const candidate = hist[o.asset] as number;
      const before = R[o.id] as number;
      let override: Extract<ScenarioEvent, { type: 'oracle_override' }> | null = null;
      let frozen = false;
      for (const e of sc.events) {
        if (e.type === 'oracle_override' && e.oracle === o.id && activeAt(e, t)) override = e;
        if (e.type === 'oracle_freeze' && e.oracle === o.id && activeAt(e, t)) frozen = true;
      }
      const near = (a: number, b: number): boolean => Math.abs(a - b) <= ORACLE_NOISE * Math.abs(b);
      if (override) {
        R[o.id] = override.price !== undefined ? override.price : candidate * (1 + (override.change ?? 0));
        lastUpdate[o.id] = t;
        if (override.price === undefined && near(R[o.id] as number, before)) oracleNoiseCouldMove = true;
      } else if (!frozen) {
        const heartbeatDue = t - (lastUpdate[o.id] as number) >= o.heartbeat;
        if (Math.abs(candidate - before) / before > o.deviation || heartbeatDue) {
          R[o.id] = candidate;
          lastUpdate[o.id] = t;
        }
        if (near(candidate, before) && (heartbeatDue || o.deviation <= ORACLE_NOISE)) oracleNoiseCouldMove = true;
      }
      // MODEL §4.8 as the engine reads it: a report changed when it moved by more than the tolerance.
      if (Math.abs((R[o.id] as number) - before) > sc.options.tolerance * before) {
        oracleChanged = true;
        if (!near(R[o.id] as number, before)) oracleNoiseOnly = false;
      }
    }
    oracleReports.push({ ...R });

    // 3. liquidations
    const defaultedBefore = (id: string): boolean => (defaultStep[id] as number) >= 0 && (defaultStep[id] as number) < t;
    const venueActive = (v: string): boolean => {
      for (const e of sc.events) if (e.type === 'venue_outage' && e.venue === v && activeAt(e, t)) return false;
      return !(opt.halt_venue_on_default && defaultedBefore(v));
    };
    const view = (v: string, a: string): number => {
      const o = m.feed[v]?.[a];
      return o !== undefined ? (R[o] as number) : (P1[a] as number);
    };
    const flow: Record<string, number> = {};
    for (const a of allAssets) flow[a] = 0;
    let liquidationCount = 0;
    for (const p of positions) {
      if (!(p.debt > 0)) continue;
      if (!venueActive(p.venue)) continue;
      const vc = view(p.venue, p.collAsset);
      const vd = view(p.venue, p.debtAsset);
      const closeOut = defaultedBefore(p.owner);
      const hf = (p.coll * vc * p.lt) / (p.debt * vd);
      if (!(hf < 1 - 1e-12 || closeOut)) continue;
      const cf = closeOut ? 1 : p.cf;
      let repayValue = cf * p.debt * vd;
      let seized = (repayValue * (1 + p.bonus)) / vc;
      let capped = false;
      if (seized >= p.coll) {
        seized = p.coll;
        repayValue = (p.coll * vc) / (1 + p.bonus);
        capped = true;
      }
      // The check is ≥: at equality (bonus 0 and V = P, e.g. every perp at a venue reading the
      // market price) the liquidator breaks even and liquidates. Evaluated with a 1e-12 relative
      // slack so that the equality case does not hinge on the last bit of a division.
      if (opt.liquidator_profit_check) {
        const gets = seized * (P1[p.collAsset] as number);
        const pays = (repayValue * (P1[p.debtAsset] as number)) / vd;
        if (!(gets >= pays * (1 - profitSlack))) continue;
      }
      const repaidUnits = cf === 1 && !capped ? p.debt : Math.min(p.debt, repayValue / vd);
      p.coll = capped ? 0 : p.coll - seized;
      p.debt = cf === 1 && !capped ? 0 : Math.max(0, p.debt - repaidUnits);
      let badUnits = 0;
      if (p.coll === 0 && p.debt > 0) {
        badUnits = p.debt;
        p.debt = 0;
      }
      const pd = P1[p.debtAsset] as number;
      flow[p.collAsset] = (flow[p.collAsset] as number) + seized;
      flow[p.debtAsset] = (flow[p.debtAsset] as number) - repaidUnits;
      ext[p.venue] = (ext[p.venue] as number) + repaidUnits * pd;
      venueLiquidated[p.venue] = (venueLiquidated[p.venue] as number) + repaidUnits * pd;
      venueBad[p.venue] = (venueBad[p.venue] as number) + badUnits * pd;
      liquidations.push({
        step: t,
        position: p.id,
        venue: p.venue,
        repaid_units: repaidUnits,
        repaid_usd: repaidUnits * pd,
        seized_units: seized,
        bad_debt_units: badUnits,
        bad_debt_usd: badUnits * pd,
      });
      liquidationCount++;
      traceLiquidated.push({ id: p.id, closeOut, seized, repaidUnits, badUnits });
    }

    // 4. fire sales of holdings of nodes defaulted in an earlier step
    const sales: { owner: string; asset: string; units: number }[] = [];
    if (opt.fire_sale_on_default) {
      for (const h of holdings) {
        if (h.asset === USD || !(h.amount > 0) || !defaultedBefore(h.owner)) continue;
        sales.push({ owner: h.owner, asset: h.asset, units: h.amount });
        flow[h.asset] = (flow[h.asset] as number) + h.amount;
        h.amount = 0;
      }
    }
    // apply the step's flows; S ≥ −0.99·x
    const S0: Record<string, number> = { ...S };
    for (const a of m.assets) {
      const xa = x[a];
      if (xa === null || xa === undefined) continue;
      S[a] = Math.max((S[a] as number) + (flow[a] as number), -0.99 * xa);
    }
    for (const s of sales) {
      const xa = x[s.asset];
      const fb = (F[s.asset] as number) * (B[s.asset] as number);
      const avg = xa === null || xa === undefined ? fb : (fb * xa * xa) / ((xa + (S0[s.asset] as number)) * (xa + (S[s.asset] as number)));
      ext[s.owner] = (ext[s.owner] as number) + s.units * avg;
      traceSales.push({ ...s, avg });
    }

    // 5. prices
    const Pend = allPrices();
    endPrices.push(Pend);

    // 6. clearing
    const c = clearAt(Pend, ext, positions, holdings);
    lastClear = c;
    let newDefaults = 0;
    m.nodes.forEach((id, i) => {
      const owed = c.owed[i] as number;
      const paid = c.paid[i] as number;
      recovery[id] = owed > 0 ? paid / owed : 1;
      if (inDefault(owed, paid) && defaultStep[id] === -1) {
        defaultStep[id] = t;
        newDefaults++;
      }
    });

    ropt.trace?.({
      step: t,
      B: { ...B },
      P1,
      P5: Pend,
      events: traceEvents,
      externalStart,
      externalEnd: { ...ext },
      positionsStart,
      positionsEnd: positions.map((p) => ({ ...p })),
      holdingsStart,
      holdingsEnd: holdings.map((h) => ({ ...h })),
      liquidated: traceLiquidated,
      sales: traceSales,
      S0,
      S1: { ...S },
      clearing: { value: [...c.value], owed: [...c.owed], paid: [...c.paid], received: [...c.received] },
      obligationValues: m.obligations.map((o) => o.amount * (Pend[o.asset] as number)),
      defaultStep: { ...defaultStep },
    });

    // 8. fixed point (interp 4)
    let moved = false;
    for (const a of m.assets) {
      const prev = prevEnd[a] as number;
      if (Math.abs((Pend[a] as number) - prev) > tol * prev) moved = true;
    }
    prevEnd = Pend;
    const otherQuiet = liquidationCount === 0 && sales.length === 0 && newDefaults === 0 && !moved;
    const quiet = otherQuiet && !oracleChanged;
    const eventRemains = sc.events.some((e) => remainsAfter(e, t));
    stepFlags.push({ quiet, canBeQuiet: quiet || (otherQuiet && oracleNoiseOnly), canBeNoisy: !quiet || oracleNoiseCouldMove, eventRemains });
    quietRun = quiet ? quietRun + 1 : 0;
    if (ropt.forceSteps === undefined && quietRun >= k && !eventRemains) {
      converged = true;
      break;
    }
  }

  // --- summary (§6)
  const last = lastClear as Cleared;
  const nodes: Record<string, RefNode> = {};
  const venues: Record<string, RefVenue> = {};
  let totalLoss = 0;
  m.nodes.forEach((id, i) => {
    const owed = last.owed[i] as number;
    const paid = last.paid[i] as number;
    const ds = defaultStep[id] as number;
    const equityEnd = ds >= 0 ? 0 : (last.value[i] as number) + (last.received[i] as number) - paid;
    nodes[id] = {
      equity_start_usd: equityStart[id] as number,
      equity_end_usd: equityEnd,
      obligations_usd: owed,
      payments_usd: paid,
      recovery_rate: owed > 0 ? paid / owed : 1,
      defaulted: ds >= 0,
      default_step: ds >= 0 ? ds : null,
    };
    totalLoss += Math.max(0, (equityStart[id] as number) - equityEnd);
    if (m.isVenue[id]) {
      venues[id] = {
        liquidated_usd: venueLiquidated[id] as number,
        bad_debt_usd: venueBad[id] as number,
        halted_step: opt.halt_venue_on_default && ds >= 0 && ds + 1 <= stepsRun - 1 ? ds + 1 : null,
      };
    }
  });

  // direct (first-round) loss, interp 12
  const Fd: Record<string, number> = { ...m.price };
  const extD: Record<string, number> = { ...m.external };
  const ordered = sc.events.map((e, i) => ({ e, i })).filter(({ e }) => !isRanged(e));
  ordered.sort((a, b) => (a.e as { at: number }).at - (b.e as { at: number }).at || a.i - b.i);
  for (const { e } of ordered) {
    if (e.type === 'price_shock') Fd[e.asset] = (Fd[e.asset] as number) * (1 + e.change);
    if (e.type === 'external_loss') {
      const cur = extD[e.node] as number;
      extD[e.node] = e.amount_usd !== undefined ? Math.max(0, cur - e.amount_usd) : Math.max(0, cur - (e.fraction ?? 0) * cur);
    }
  }
  let directLoss = 0;
  {
    const value: Record<string, number> = { ...extD };
    for (const h of m.holdings) value[h.owner] = (value[h.owner] as number) + h.amount * (Fd[h.asset] as number);
    for (const p of m.positions) {
      const c = p.coll * (Fd[p.collAsset] as number);
      const d = p.debt * (Fd[p.debtAsset] as number);
      value[p.owner] = (value[p.owner] as number) + Math.max(0, c - d);
      value[p.venue] = (value[p.venue] as number) + Math.min(c, d);
    }
    for (const o of m.obligations) {
      const v = o.amount * (Fd[o.asset] as number);
      value[o.creditor] = (value[o.creditor] as number) + v;
      value[o.debtor] = (value[o.debtor] as number) - v;
    }
    for (const id of m.nodes) directLoss += Math.max(0, (equityStart[id] as number) - Math.max(0, value[id] as number));
  }

  const finalPrices: Record<string, number> = {};
  const lastPrices = endPrices[endPrices.length - 1] as Record<string, number>;
  for (const a of m.assets) finalPrices[a] = lastPrices[a] as number;
  const strip = (r: Record<string, number>): Record<string, number> => {
    const o: Record<string, number> = {};
    for (const a of m.assets) o[a] = r[a] as number;
    return o;
  };
  const finalPositions: Record<string, { collateral: number; debt: number }> = {};
  for (const p of positions) finalPositions[p.id] = { collateral: p.coll, debt: p.debt };

  let totalLiq = 0;
  let totalBad = 0;
  for (const l of liquidations) {
    totalLiq += l.repaid_usd;
    totalBad += l.bad_debt_usd;
  }
  return {
    steps_run: stepsRun,
    converged,
    total_liquidated_usd: totalLiq,
    total_bad_debt_usd: totalBad,
    total_loss_usd: totalLoss,
    direct_loss_usd: directLoss,
    amplification: directLoss === 0 ? null : totalLoss / directLoss,
    final_prices: finalPrices,
    nodes,
    venues,
    prices: endPrices.map(strip),
    stage1Prices: stage1Prices.map(strip),
    liquidations,
    oracleReports,
    stepFlags,
    depthClamps,
    quietSteps: k,
    finalPositions,
    startWarnings,
  };
}
