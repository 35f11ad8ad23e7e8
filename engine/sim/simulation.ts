import { EdgeHints, LossBuilder, lossModel, type LossModel } from '../losses/loss-builder';
import { LossGraph } from '../losses/loss-graph';
import { BandCollector, type JournalSink, type StepJournal } from '../losses/step-journal';
import { Recorder, reserveRows } from '../results/recorder';
import { roomColumns, takeResultRoom, type ResultRoom } from '../results/result-room';
import { clear, type ClearingOutput } from './clearing';
import type { CompiledWorkspace } from './compiled';
import type { SimModel } from './model';
import { averagePrice, marketPrices, minFlow } from './impact';
import { runLiquidations, type LiquidationScratch } from './liquidations';
import { I32Column } from '../util/growable';
import { recordHistory, updateOracles } from './oracles';
import { eventRemains, type Plan } from './plan';
import { initState, type SimState } from './state';
import { FireSaleBuffer, LiquidationBuffer } from './step-buffers';
import { applyBacking, applyEvents, type StepEvents } from './events';
import { recordStep } from './record-step';
import { resultBytes } from '../results/row-counts';
import { startingPoint, type StartingPoint } from './starting-point';
import { debtorsOf, flaggedNodes } from './node-lists';

/** What one step did, for the fixed-point rule and progress. */
export interface StepReport {
  t: number;
  liquidations: number;
  fireSales: number;
  newDefaults: number;
  oracleChanges: number;
  priceMoved: boolean;
}

export interface SimulationOptions {
  /** Record the loss graph of §5 (and so contagion paths). */
  losses: boolean;
  /**
   * Where the step journals go when the loss graph is built elsewhere (another thread): made
   * from the run's LossModel once its starting point is known. Without it, or when it gives
   * null, the graph is built here, step by step, into `loss`.
   */
  journals?: (lm: LossModel) => JournalSink | null;
  /** The most a run's result tables may take (estimated bytes); past it the run stops and says so. */
  maxResultBytes?: number;
}

/** Results one run may keep: a long horizon over many nodes would otherwise take the process's memory. */
export const MAX_RESULT_BYTES = 2 ** 31;

/**
 * One run of MODEL §4 over a compiled workspace: `step()` runs the next step; the run is
 * done after step T−1 or at the fixed point of §4.8. Deterministic: no clock, no randomness.
 */
export class Simulation {
  readonly s: SimState;
  readonly recorder = new Recorder();
  /** The loss graph: built here, or empty until the caller puts the one built elsewhere (`journals`). */
  loss: LossGraph;
  /** True when `loss` is built by this simulation itself (false without losses or when built elsewhere). */
  readonly builtHere: boolean;
  readonly start: StartingPoint;
  readonly warnings: string[] = [];
  done = false;
  private onDone: (() => void) | null = null;
  converged = false;
  /** Why the run stopped early — a number past a double's range, results past MAX_RESULT_BYTES — (also a warning), or null. */
  stoppedBecause: string | null = null;
  stepsRun = 0;
  totalLiquidations = 0;

  private readonly liq: LiquidationBuffer;
  private readonly liqScratch: LiquidationScratch;
  private readonly fire = new FireSaleBuffer();
  private readonly bands: BandCollector | null;
  /** A band collector taken with the scratch and passed on (a run without the loss graph uses none). */
  private readonly spareBands: BandCollector | null;
  private readonly sink: JournalSink | null;
  private readonly dS: Float64Array;
  private readonly S0: Float64Array;
  private readonly x0: Float64Array;
  /** Stage-1 market prices of the step (after its events, before its flows). */
  private readonly P1: Float64Array;
  /** The venues (nodes of kind venue), ascending: the per-step venue loops visit only these. */
  private readonly venues: Int32Array;
  /** The nodes that owe on some obligation, ascending: the only ones that can default. */
  private readonly debtors: Int32Array;
  /** The nodes whose external assets may change at a step (§4.1, §4.3, §4.4), ascending. */
  private externalMay: Int32Array;
  private readonly venueActive: Uint8Array;
  private readonly e: Float64Array;
  private readonly shortNow: Uint8Array;
  /** The debtors' values a journal carries, made on the first journal. */
  private journalNodes: Pick<StepJournal, 'recovery' | 'defaultStep' | 'shortNow' | 'equity'> | null = null;
  private readonly oblValue: Float64Array;
  private readonly Bprev: Float64Array;
  private readonly clearing: ClearingOutput;
  private readonly defaulted: number[] = [];
  private readonly events: StepEvents;
  private quiet = 0;
  /** The first node whose value or equity the last clearing left not finite (−1: none). */
  private notFiniteNode = -1;
  private cappedWarned = false;
  /** The result room this run writes its largest result columns into (result-room.ts), if it took one. */
  private readonly room: ResultRoom | null;

  constructor(
    readonly cw: CompiledWorkspace,
    readonly plan: Plan,
    /** Without the loss graph (and so without contagion paths) a run is faster: sweeps and Monte Carlo. */
    readonly options: SimulationOptions = { losses: true },
  ) {
    const m = cw.model;
    cw.index.reset();
    // Scratch of the workspace's last finished run, if any (given back when this one is done).
    const scratch = takeRunScratch(cw);
    this.s = initState(m, scratch?.finished ?? null);
    if (scratch?.finished) {
      // Its amounts are this run's now: the finished run no longer has them (see SimState).
      scratch.finished.collateral = new Float64Array(0);
      scratch.finished.debt = new Float64Array(0);
    }
    this.debtors = debtorsOfModel(m);
    this.recorder.nodes.bind(m.nodeIds.length, this.s.defaultStep, this.debtors);
    cw.valuation.reset(this.s.collateral, this.s.debt);
    const nA = m.assetIds.length;
    const nN = m.nodeIds.length;
    this.dS = new Float64Array(nA);
    this.S0 = new Float64Array(nA);
    this.x0 = new Float64Array(nA);
    this.P1 = new Float64Array(nA);
    this.venues = flaggedNodes(m.nodeIsVenue);
    this.externalMay = withNodes(this.venues, plan.losses.map((l) => l.node));
    this.venueActive = new Uint8Array(nN);
    this.liq = scratch?.liq ?? new LiquidationBuffer();
    this.liqScratch = seenFor(m.positionIds.length, plan.steps, scratch, scratch?.candidates ?? new I32Column(1024));
    this.e = new Float64Array(nN);
    this.oblValue = new Float64Array(m.obligationAmount.length);
    this.clearing = { owed: new Float64Array(nN), paid: new Float64Array(nN), received: new Float64Array(nN), capped: false };
    this.Bprev = new Float64Array(nA).fill(1);
    const liquidationRows = lastLiquidationRows.get(cw) ?? 0;
    const expectedRows = Math.ceil(liquidationRows * LIQUIDATION_HINT_MARGIN);
    this.room = takeResultRoom(cw, expectedRows, nN * plan.steps);
    if (this.room) this.recorder.useRoom(roomColumns(this.room));
    else if (liquidationRows > 0) reserveRows(this.recorder.liquidations, expectedRows, 1);
    this.events = { exogenous: [], outage: new Uint8Array(nN) };

    this.start = startingPoint(cw, plan, this.s);
    this.shortNow = new Uint8Array(nN);
    this.warnings.push(...this.start.warnings);
    const lm = options.losses ? lossModel(cw, plan, this.start, this.debtors) : null;
    const elsewhere = lm && options.journals ? options.journals(lm) : null;
    this.spareBands = scratch?.bands ?? null;
    this.bands = lm ? (this.spareBands ?? new BandCollector()) : null;
    this.builtHere = lm !== null && elsewhere === null;
    if (lm && !elsewhere) {
      const hints = edgeHintsOf(cw);
      const builder = new LossBuilder(lm, false, hints.expected(lm));
      this.loss = builder.graph;
      this.sink = { step: (j) => builder.step(j) };
      this.onDone = () => {
        hints.built(lm, builder.graph.length);
        builder.graph.built();
      };
    } else {
      this.loss = new LossGraph(nN, nA, plan.eventCount, plan.steps);
      this.sink = elsewhere;
    }
  }

  get t(): number {
    return this.s.t;
  }

  /** Runs the next step; returns what it did. */
  step(): StepReport {
    if (this.done) throw new Error('Simulation.step after the run is done');
    const cw = this.cw;
    const m = cw.model;
    const s = this.s;
    const plan = this.plan;
    const t = s.t + 1;
    s.t = t;

    // 1. Events, after B takes the recovery rates of the last clearing.
    this.Bprev.set(s.B);
    applyBacking(cw, s);
    this.x0.set(s.x);
    applyEvents(plan, s, t, this.events);
    marketPrices(s.F, s.B, s.x, s.S, s.P);
    recordHistory(s, t);
    this.P1.set(s.P);

    // 2. Oracles.
    const oracleChanges = updateOracles(m, plan, s, t, plan.options.tolerance);

    // 3. Liquidations.
    const haltOnDefault = plan.options.halt_venue_on_default;
    const venues = this.venues;
    for (let k = 0; k < venues.length; k++) {
      const v = venues[k] as number;
      const d = s.defaultStep[v] as number;
      const halted = haltOnDefault && d >= 0 && d < t;
      this.venueActive[v] = !halted && !this.events.outage[v] ? 1 : 0;
    }
    this.liq.clear();
    const liquidationRoom = this.sink?.liquidationRoom;
    if (liquidationRoom) this.liq.roomForStep(liquidationRoom.call(this.sink, t));
    this.dS.fill(0);
    runLiquidations(m, s, cw.index, t, this.venues, this.venueActive, plan.options.liquidator_profit_check, this.dS, this.liq, this.liqScratch);

    // 4. Fire sales of nodes that defaulted earlier.
    this.fire.clear();
    if (plan.options.fire_sale_on_default) this.fireSales(t);

    // 5. Prices; fire-sale proceeds at the step's average pool price.
    this.S0.set(s.S);
    let clamped = false;
    for (let a = 1; a < s.S.length; a++) {
      const next = (s.S[a] as number) + (this.dS[a] as number);
      const floor = minFlow(s.x[a] as number);
      s.S[a] = next < floor ? floor : next;
      if (next < floor) clamped = true;
    }
    if (clamped && !this.warnings.some((w) => w.startsWith('net buying'))) {
      this.warnings.push('net buying of an asset hit the pool bound S ≥ −0.99·x; flows beyond it were dropped');
    }
    for (let r = 0; r < this.fire.length; r++) {
      const a = this.fire.asset.get(r);
      const avg = averagePrice((s.F[a] as number) * (s.B[a] as number), s.x[a] as number, this.S0[a] as number, s.S[a] as number);
      const proceeds = this.fire.units.get(r) * avg;
      this.fire.proceeds.push(proceeds);
      const o = this.fire.node.get(r);
      s.external[o] = (s.external[o] as number) + proceeds;
    }
    marketPrices(s.F, s.B, s.x, s.S, s.P);
    const badPrice = this.outOfRangePrice();

    // 6. Clearing.
    const newDefaults = this.clear(t);

    // Losses of this step, then the result rows.
    this.sink?.step(this.journal(t));
    recordStep(this.recorder, m, s, t, this.liq, this.venues, this.venueActive, this.events.outage, plan.options.halt_venue_on_default, plan.steps - t, this.externalMay);

    // 7. Consequences take effect from t + 1: halts and fire sales read defaultStep; close-outs need the index.
    for (const i of newDefaults) cw.index.addOwner(i);
    // A defaulted node fire-sells from the next step on: its external assets may change from then.
    if (newDefaults.length > 0) this.externalMay = withNodes(this.externalMay, newDefaults);

    let priceMoved = false;
    for (let a = 1; a < s.P.length; a++) {
      const prev = s.Pprev[a] as number;
      if (Math.abs((s.P[a] as number) - prev) > plan.options.tolerance * prev) priceMoved = true;
    }
    s.Pprev.set(s.P);

    const report: StepReport = {
      t,
      liquidations: this.liq.length,
      fireSales: this.fire.length,
      newDefaults: newDefaults.length,
      oracleChanges,
      priceMoved,
    };
    this.totalLiquidations += report.liquidations;
    this.stepsRun = t + 1;

    // 8. Fixed point.
    const quiet = !report.liquidations && !report.fireSales && !report.newDefaults && !report.oracleChanges && !priceMoved;
    this.quiet = quiet ? this.quiet + 1 : 0;
    const outOfRange = badPrice ?? this.outOfRangeValue();
    const bytes = outOfRange === null && t < plan.steps - 1 ? this.resultBytes() : 0;
    if (outOfRange !== null) {
      // Numbers past a double's range turn into Infinity and NaN and spread through every later
      // step: the run ends at the first, and says so, rather than report figures that are not numbers.
      this.stop(`the run stopped after step ${t}: ${outOfRange}; the workspace's or the scenario's numbers are beyond the range the engine computes in`);
    } else if (bytes > (this.options.maxResultBytes ?? MAX_RESULT_BYTES)) {
      const gb = (bytes / 2 ** 30).toFixed(1);
      this.stop(`the run stopped after step ${t} of ${plan.steps}: its result tables reached ${gb} GB, the most one run keeps; a scenario with fewer steps (or a smaller workspace) fits`);
    } else if (this.quiet >= cw.quietSteps && !eventRemains(plan, t)) {
      this.done = true;
      this.converged = true;
    } else if (t >= plan.steps - 1) this.done = true;
    if (this.done) {
      lastLiquidationRows.set(cw, this.recorder.liquidations.step.length);
      if (this.room) this.recorder.fitRoom();
      this.onDone?.();
      this.giveBackScratch();
    }
    return report;
  }

  /**
   * A finished run lets the next run on its workspace reuse its liquidation stage's scratch, band
   * collector and position amount arrays (at 1M positions ~31 MB: new memory the system first
   * maps page by page, which costs runs while the engine keeps earlier runs' results, and new
   * memory to collect). The rest of the state stays: it is the run's result.
   */
  private giveBackScratch(): void {
    const liq = this.liq;
    // Rows in a journal sink's memory stay there: the next run writes into the buffer's own arrays.
    liq.roomForStep(null);
    giveRunScratch(this.cw, { seen: this.liqScratch.seen, nextStamp: this.liqScratch.stampBase + this.plan.steps, liq, candidates: this.liqScratch.candidates, bands: this.bands ?? this.spareBands, finished: this.s });
  }

  private stop(why: string): void {
    this.stoppedBecause = why;
    this.warnings.push(why);
    this.done = true;
  }

  /** What the result tables recorded so far take, estimated (the loss graph's edges counted where built here). */
  private resultBytes(): number {
    const r = this.recorder;
    return resultBytes({ prices: r.prices.step.length, venues: r.venues.step.length, nodes: r.nodes.length, liquidations: r.liquidations.step.length, oracles: r.oracles.step.length, losses: this.builtHere ? this.loss.length : 0 });
  }

  /** The first asset whose fundamental or market price is not a finite positive number, named, or null. */
  private outOfRangePrice(): string | null {
    const { F, P } = this.s;
    const ids = this.cw.model.assetIds;
    for (let a = 1; a < P.length; a++) {
      const p = P[a] as number;
      const f = F[a] as number;
      if (!(f > 0 && f < Infinity)) return `the fundamental price of ${ids[a]} (${f}) is not a finite positive number`;
      if (!(p > 0 && p < Infinity)) return `the market price of ${ids[a]} (${p}) is not a finite positive number`;
    }
    return null;
  }

  /** The first node whose external value or equity at this step's clearing is not finite, named, or null. */
  private outOfRangeValue(): string | null {
    const i = this.notFiniteNode;
    return i < 0 ? null : `the value of node ${this.cw.model.nodeIds[i]} (${this.s.value[i]}) is not a finite number`;
  }

  /** The result room a next run on this workspace would take: this run's liquidation rows with a margin, and node rows for every step it may take. */
  nextRoomSize(): { liquidationRows: number; nodeRows: number } {
    return { liquidationRows: Math.ceil(this.recorder.liquidations.step.length * LIQUIDATION_HINT_MARGIN), nodeRows: this.cw.model.nodeIds.length * this.plan.steps };
  }

  /** Runs to the end (tests, CLI); the worker steps instead, to stay responsive. */
  runToEnd(): this {
    while (!this.done) this.step();
    return this;
  }

  get defaultedNodes(): readonly number[] {
    return this.defaulted;
  }

  /** The debtors' recovery, default step, shortness and equity, as a journal carries them (reused each step). */
  private debtorValues(): Pick<StepJournal, 'recovery' | 'defaultStep' | 'shortNow' | 'equity'> {
    const debtors = this.debtors;
    const n = debtors.length;
    const v = (this.journalNodes ??= { recovery: new Float64Array(n), defaultStep: new Int32Array(n), shortNow: new Uint8Array(n), equity: new Float64Array(n) });
    const { recovery, defaultStep, equity } = this.s;
    const shortNow = this.shortNow;
    for (let k = 0; k < n; k++) {
      const i = debtors[k] as number;
      v.recovery[k] = recovery[i] as number;
      v.defaultStep[k] = defaultStep[i] as number;
      v.shortNow[k] = shortNow[i] as number;
      v.equity[k] = equity[i] as number;
    }
    return v;
  }

  /** What the loss graph of step t is built from: views of this step's state, valid while the sink reads them. */
  private journal(t: number): StepJournal {
    const s = this.s;
    const bands = this.bands as BandCollector;
    const liq = this.liq;
    const n = liq.length;
    const fire = this.fire;
    return {
      t,
      P: s.P,
      P0: s.Pprev,
      P1: this.P1,
      fire: { node: fire.node.view(), holdingIndex: fire.holdingIndex.view(), asset: fire.asset.view(), units: fire.units.view(), proceeds: fire.proceeds.view() },
      Z: bands.Z,
      bands: bands.rows(),
      liq: {
        venue: liq.venue.subarray(0, n),
        owner: liq.owner.subarray(0, n),
        collateralAsset: liq.collateralAsset.subarray(0, n),
        debtAsset: liq.debtAsset.subarray(0, n),
        collateralBefore: liq.collateralBefore.subarray(0, n),
        debtBefore: liq.debtBefore.subarray(0, n),
        seized: liq.seized.subarray(0, n),
        repaid: liq.repaid.subarray(0, n),
        badDebt: liq.badDebt.subarray(0, n),
        debtPrice: liq.debtPrice.subarray(0, n),
        forced: liq.forced.subarray(0, n),
      },
      exogenous: this.events.exogenous,
      B: s.B,
      Bprev: this.Bprev,
      x: s.x,
      S: s.S,
      x0: this.x0,
      S0: this.S0,
      dS: this.dS,
      ...this.debtorValues(),
    };
  }

  private fireSales(t: number): void {
    const cw = this.cw;
    const m = cw.model;
    const s = this.s;
    for (const i of this.defaulted) {
      if ((s.defaultStep[i] as number) >= t) continue;
      for (let h = cw.holdingStart[i] as number; h < (cw.holdingStart[i + 1] as number); h++) {
        const a = m.holdingAsset[h] as number;
        const amt = s.holding[h] as number;
        if (a === 0 || !(amt > 0)) continue;
        this.dS[a] = (this.dS[a] as number) + amt;
        s.holding[h] = 0;
        this.fire.node.push(i);
        this.fire.asset.push(a);
        this.fire.holdingIndex.push(h);
        this.fire.units.push(amt);
      }
    }
  }

  /** Stage 6: values every node, clears obligations, marks new defaults. */
  private clear(t: number): number[] {
    const cw = this.cw;
    const m = cw.model;
    const s = this.s;
    const bands = this.bands;
    if (bands) {
      bands.clear();
      const sink = this.sink;
      const room = sink?.exposureRoom;
      if (sink && room) bands.nextRoom = (slots) => room.call(sink, t, slots);
    }
    cw.valuation.value({ P: s.P, P0: s.Pprev, external: s.external, holding: s.holding, collateral: s.collateral, debt: s.debt }, this.e, this.liq, this.bands);
    const { obligationAmount: amount, obligationAsset: asset } = m;
    const { oblValue } = this;
    const P = s.P;
    for (let k = 0; k < oblValue.length; k++) oblValue[k] = (amount[k] as number) * (P[asset[k] as number] as number);
    const out = clear(
      {
        nodes: m.nodeIds.length,
        debtor: m.obligationDebtor,
        creditor: m.obligationCreditor,
        value: this.oblValue,
        external: this.e,
        tolerance: this.plan.options.tolerance,
        maxIterations: this.plan.options.max_iterations_clearing,
      },
      this.clearing,
    );
    if (out.capped && !this.cappedWarned) {
      this.cappedWarned = true;
      this.warnings.push(`clearing stopped at max_iterations_clearing (${this.plan.options.max_iterations_clearing}) before the tolerance at step ${t}`);
    }
    const tol = this.plan.options.tolerance;
    const fresh: number[] = [];
    const { owed: owedOf, paid: paidOf, received } = out;
    const { value, obligationsUsd, paymentsUsd, recovery, defaultStep, equity } = s;
    const e = this.e;
    const shortNow = this.shortNow;
    // Only a node that owes can pay less or default: every other owes 0, pays 0 and recovers 1 at
    // every step, as the state starts.
    const debtors = this.debtors;
    for (let k = 0; k < debtors.length; k++) {
      const i = debtors[k] as number;
      const owed = owedOf[i] as number;
      const paid = paidOf[i] as number;
      obligationsUsd[i] = owed;
      paymentsUsd[i] = paid;
      recovery[i] = owed > 0 ? paid / owed : 1;
      const short = paid < owed - tol * Math.max(1, owed);
      shortNow[i] = short ? 1 : 0;
      if ((defaultStep[i] as number) < 0 && short) {
        defaultStep[i] = t;
        fresh.push(i);
        this.defaulted.push(i);
      }
    }
    let notFinite = -1;
    for (let i = 0; i < m.nodeIds.length; i++) {
      const ei = e[i] as number;
      value[i] = ei;
      const q = (defaultStep[i] as number) >= 0 ? 0 : ei + (received[i] as number) - (paidOf[i] as number);
      equity[i] = q;
      // x − x is 0 for every finite x, NaN for ±∞ and NaN.
      if (ei - ei + (q - q) !== 0 && notFinite < 0) notFinite = i;
    }
    this.notFiniteNode = notFinite;
    return fresh;
  }
}

/** The nodes of `sorted` and of `more`, ascending, each once. */
function withNodes(sorted: Int32Array, more: readonly number[]): Int32Array {
  return Int32Array.from(new Set([...sorted, ...more])).sort();
}

const debtorsByModel = new WeakMap<SimModel, Int32Array>();

/** The model's debtors (debtorsOf), one array per model: a run's loss model shares it with the helper thread without a copy. */
function debtorsOfModel(m: SimModel): Int32Array {
  let d = debtorsByModel.get(m);
  if (!d) {
    d = debtorsOf(m.obligationDebtor, m.nodeIds.length);
    debtorsByModel.set(m, d);
  }
  return d;
}

/**
 * Liquidation rows of the last run finished on each compiled workspace: a run reserves about
 * that many at once, where growing the table as waves come copied its rows (~3–5 ms at 1M).
 */
const lastLiquidationRows = new WeakMap<CompiledWorkspace, number>();
const LIQUIDATION_HINT_MARGIN = 1.05;

/** Edge counts of the graphs built on this thread, per compiled workspace. */
const edgeHints = new WeakMap<CompiledWorkspace, EdgeHints>();

function edgeHintsOf(cw: CompiledWorkspace): EdgeHints {
  let hints = edgeHints.get(cw);
  if (!hints) {
    hints = new EdgeHints();
    edgeHints.set(cw, hints);
  }
  return hints;
}

/** What a run's liquidation stage works in: kept per compiled workspace between runs. */
export interface RunScratch {
  seen: Int32Array;
  /** The stamps the last run wrote in `seen` are below this. */
  nextStamp: number;
  liq: LiquidationBuffer;
  candidates: I32Column;
  /** The band collector of the last run with the loss graph (null until one ran). */
  bands: BandCollector | null;
  /** The finished run's state, whose position amount arrays the next run takes (absent: it makes its own). */
  finished?: SimState;
}

/**
 * The liquidation stage's scratch for a run of `steps` steps: the last run's `seen` array, its
 * stamps left as they are (this run's are above them), cleared only when this run's would pass
 * the largest int32 — a 4 MB fill per run at 1M positions saved.
 */
export function seenFor(positions: number, steps: number, scratch: RunScratch | null, candidates: I32Column): LiquidationScratch {
  const groupEnds = new I32Column(64);
  if (scratch && scratch.nextStamp + steps < MAX_STAMP) return { candidates, groupEnds, seen: scratch.seen, stampBase: scratch.nextStamp };
  return { candidates, groupEnds, seen: scratch ? scratch.seen.fill(-1) : new Int32Array(positions).fill(-1), stampBase: 0 };
}

const MAX_STAMP = 2 ** 31 - 1;

/** At most one finished run's scratch per compiled workspace: a run takes it, or makes its own. */
const runScratch = new WeakMap<CompiledWorkspace, RunScratch>();

function takeRunScratch(cw: CompiledWorkspace): RunScratch | null {
  const s = runScratch.get(cw) ?? null;
  if (s) runScratch.delete(cw);
  return s;
}

function giveRunScratch(cw: CompiledWorkspace, s: RunScratch): void {
  runScratch.set(cw, s);
}
