import { F64Column, I32Column, U8Column } from '../util/growable';
import type { RoomColumns } from './result-room';

/** The result tables of MODEL §6 as growing columns; ids are model indices until export. */
export class Recorder {
  readonly prices = {
    step: new I32Column(),
    asset: new I32Column(),
    market_price: new F64Column(),
    fundamental_price: new F64Column(),
    net_flow: new F64Column(),
  };
  /** Extension: what each oracle reported, for market-vs-oracle charts. */
  readonly oracles = {
    step: new I32Column(),
    oracle: new I32Column(),
    asset: new I32Column(),
    reported_price: new F64Column(),
    updated: new U8Column(),
  };
  readonly venues = {
    step: new I32Column(),
    venue: new I32Column(),
    liquidations: new I32Column(),
    repaid_usd: new F64Column(),
    seized_usd: new F64Column(),
    bad_debt_usd: new F64Column(),
    halted: new U8Column(),
    outage: new U8Column(),
  };
  readonly nodes = new NodeRows();
  readonly liquidations = {
    step: new I32Column(),
    position: new I32Column(),
    venue: new I32Column(),
    owner: new I32Column(),
    repaid_usd: new F64Column(),
    seized_units: new F64Column(),
    bad_debt_usd: new F64Column(),
    close_out: new U8Column(),
  };

  private scratch: VenueSums | null = null;

  /** Writes the liquidation rows and the nodes' equity into a result room's columns from now on. */
  useRoom(c: RoomColumns): void {
    const l = this.liquidations;
    const r = c.liquidations;
    l.step.useRoom(r.step);
    l.position.useRoom(r.position);
    l.venue.useRoom(r.venue);
    l.owner.useRoom(r.owner);
    l.repaid_usd.useRoom(r.repaid_usd);
    l.seized_units.useRoom(r.seized_units);
    l.bad_debt_usd.useRoom(r.bad_debt_usd);
    l.close_out.useRoom(r.close_out);
    this.nodes.equity_usd.useRoom(c.equity);
  }

  /** The columns a room was given to, each cut to its rows where it holds less than half of its room (a kept run holds what it wrote). */
  fitRoom(): void {
    for (const col of Object.values(this.liquidations)) col.fit();
    this.nodes.equity_usd.fit();
  }

  /** Per-node sums for one step's venue rows, reused across steps: zero at the venues (only venues are summed into). */
  venueScratch(nodes: number, venues: Int32Array): VenueSums {
    if (!this.scratch || this.scratch.count.length !== nodes) {
      this.scratch = new VenueSums(nodes);
    } else {
      const { count, repaid, seized, bad } = this.scratch;
      for (let k = 0; k < venues.length; k++) {
        const v = venues[k] as number;
        count[v] = 0;
        repaid[v] = 0;
        seized[v] = 0;
        bad[v] = 0;
      }
    }
    return this.scratch;
  }
}

/**
 * A step's sums per venue. A class, not an object literal: literals share hidden classes with any
 * other literal of the same first keys (Node's stream writes build { count: 1, … }), and a
 * number stored there made V8 throw away recordStep's optimised code (--trace-deopt, "code
 * dependencies") in the middle of a session.
 */
export class VenueSums {
  readonly count: Int32Array;
  readonly repaid: Float64Array;
  readonly seized: Float64Array;
  readonly bad: Float64Array;

  constructor(nodes: number) {
    this.count = new Int32Array(nodes);
    this.repaid = new Float64Array(nodes);
    this.seized = new Float64Array(nodes);
    this.bad = new Float64Array(nodes);
  }
}

/** A node column of the run's state (equity, external assets, …), as recordStep hands it over each step. */
export interface NodeStepValues {
  external: Float64Array;
  obligationsUsd: Float64Array;
  paymentsUsd: Float64Array;
  equity: Float64Array;
  recovery: Float64Array;
}

/**
 * The `nodes` table: one row per node per step, steps from 0 in order, nodes in model order. Its
 * step, node and defaulted columns follow from the row's place and the run's default steps (a
 * node stays defaulted from the step it defaults in): they are made on first use instead of
 * written at every step (at 1M positions 20,000 rows a step, ~9 MB a run). Equity is written
 * whole; the other value columns barely move from step to step and are kept as their changes
 * (StepChanges), made whole on first use.
 */
export class NodeRows {
  readonly equity_usd = new F64Column();
  private changes: { external_usd: StepChanges; obligations_usd: StepChanges; payments_usd: StepChanges; recovery_rate: StepChanges } | null = null;
  private count = 0;
  private defaultStep: Int32Array = new Int32Array(0);
  /** The nodes that owe anything (ascending), or null: every node may. */
  private debtors: Int32Array | null = null;
  private made: { rows: number; step: I32Column; node: I32Column; defaulted: U8Column } | null = null;

  /**
   * The run's node count and its default step per node (−1: not defaulted), read when the
   * derived columns are made; and, when known, the nodes that owe anything: every other node's
   * obligations and payments are 0 and its recovery rate 1 at every step (MODEL §4.6), so
   * only these are compared from step to step (111 of 20,000 nodes on the 1M benchmark).
   */
  bind(nodes: number, defaultStep: Int32Array, debtors: Int32Array | null = null): void {
    this.count = nodes;
    this.defaultStep = defaultStep;
    this.debtors = debtors;
    this.changes = { external_usd: new StepChanges(nodes), obligations_usd: new StepChanges(nodes), payments_usd: new StepChanges(nodes), recovery_rate: new StepChanges(nodes) };
  }

  /** Room for the equity column's rows of `rounds` more steps (the other columns grow by what changes). */
  reserve(nodes: number, rounds: number): void {
    reserveRows({ equity_usd: this.equity_usd }, nodes, rounds);
  }

  /**
   * Appends one step's rows: every node's values at the end of the step. `externalMay`
   * (ascending), when given, holds every node whose external assets can have changed since the
   * last step; the others are not compared.
   */
  record(v: NodeStepValues, externalMay: Int32Array | null = null): void {
    const c = this.bound();
    c.external_usd.record(v.external, externalMay);
    c.obligations_usd.record(v.obligationsUsd, this.debtors);
    c.payments_usd.record(v.paymentsUsd, this.debtors);
    c.recovery_rate.record(v.recovery, this.debtors);
    this.equity_usd.append(v.equity);
  }

  /** The value columns, made whole. */
  written(): Record<string, F64Column> {
    return { external_usd: this.external_usd, obligations_usd: this.obligations_usd, payments_usd: this.payments_usd, equity_usd: this.equity_usd, recovery_rate: this.recovery_rate };
  }

  /** Rows so far (without making the derived columns). */
  get length(): number {
    return this.equity_usd.length;
  }

  get external_usd(): F64Column {
    return this.bound().external_usd.column();
  }

  get obligations_usd(): F64Column {
    return this.bound().obligations_usd.column();
  }

  get payments_usd(): F64Column {
    return this.bound().payments_usd.column();
  }

  get recovery_rate(): F64Column {
    return this.bound().recovery_rate.column();
  }

  get step(): I32Column {
    return this.derived().step;
  }

  get node(): I32Column {
    return this.derived().node;
  }

  get defaulted(): U8Column {
    return this.derived().defaulted;
  }

  private bound(): NonNullable<NodeRows['changes']> {
    if (!this.changes) this.bind(this.count, this.defaultStep, this.debtors);
    return this.changes as NonNullable<NodeRows['changes']>;
  }

  private derived(): { step: I32Column; node: I32Column; defaulted: U8Column } {
    const rows = this.equity_usd.length;
    if (this.made && this.made.rows === rows) return this.made;
    const n = this.count;
    const step = new Int32Array(rows);
    const node = new Int32Array(rows);
    const defaulted = new Uint8Array(rows);
    for (let k = 0, t = 0; k < rows; t++) {
      for (let i = 0; i < n && k < rows; i++, k++) {
        step[k] = t;
        node[k] = i;
        const d = this.defaultStep[i] as number;
        defaulted[k] = d >= 0 && d <= t ? 1 : 0;
      }
    }
    this.made = { rows, step: I32Column.adopt(step), node: I32Column.adopt(node), defaulted: U8Column.adopt(defaulted) };
    return this.made;
  }
}

/**
 * A column of one value per node per step, kept as the values that changed since the step
 * before (bit for bit: −0 and 0 differ). On the 1M benchmark,
 * external assets, obligations, payments and recovery rates change in under 0.1% of the rows
 * after the first step: kept whole they were ~26 MB of new memory a run, where this keeps the
 * first step and the changes. `column()` makes the whole column (kept until rows are added).
 */
export class StepChanges {
  /** The bits of the values as of the last step recorded, two 32-bit words a value. */
  private readonly lastWords: Uint32Array;
  private readonly node = new I32Column();
  private readonly value = new F64Column();
  /** The changes of step t end at stepEnd[t]. */
  private readonly stepEnd = new I32Column();
  private made: F64Column | null = null;

  constructor(private readonly nodes: number) {
    this.lastWords = new Uint32Array(2 * nodes);
  }

  /**
   * Appends a step: each node's value (every one at the first step, then those whose bits
   * changed). With `only` (ascending), the nodes outside it are the same as at the last step
   * and are not compared (the first step still takes every node).
   */
  record(values: Float64Array, only: Int32Array | null = null): void {
    const first = this.stepEnd.length === 0;
    // Compared as bits: −0 differs from 0, and a value repeats as it was (NaN included).
    const words = new Uint32Array(values.buffer, values.byteOffset, 2 * this.nodes);
    const lastWords = this.lastWords;
    const n = first || !only ? this.nodes : only.length;
    for (let k = 0; k < n; k++) {
      const i = first || !only ? k : (only[k] as number);
      const lo = words[2 * i] as number;
      const hi = words[2 * i + 1] as number;
      if (!first && lo === lastWords[2 * i] && hi === lastWords[2 * i + 1]) continue;
      lastWords[2 * i] = lo;
      lastWords[2 * i + 1] = hi;
      this.node.push(i);
      this.value.push(values[i] as number);
    }
    this.stepEnd.push(this.node.length);
  }

  /** Rows recorded (nodes × steps). */
  get length(): number {
    return this.stepEnd.length * this.nodes;
  }

  /** The whole column, step after step. */
  column(): F64Column {
    const rows = this.length;
    if (this.made && this.made.length === rows) return this.made;
    const out = new Float64Array(rows);
    const n = this.nodes;
    const node = this.node.view();
    const value = this.value.view();
    for (let t = 0, k = 0; t < this.stepEnd.length; t++) {
      const row = t * n;
      if (t > 0) out.copyWithin(row, row - n, row);
      for (const end = this.stepEnd.get(t); k < end; k++) out[row + (node[k] as number)] = value[k] as number;
    }
    this.made = F64Column.adopt(out);
    return this.made;
  }
}

/** Forecasts at most this many rows of a table at once (room never written costs address space only). */
const FORECAST_ROWS = 1 << 23;

/**
 * Room in every column of a result table for n more rows; when a column must grow, it grows
 * for `rounds` steps of about n rows, so that a run's tables are copied once or twice rather
 * than at every doubling.
 */
export function reserveRows(table: Record<string, F64Column | I32Column | U8Column>, n: number, rounds: number): void {
  if (n === 0) return;
  const forecast = Math.max(1, Math.min(rounds, Math.floor(FORECAST_ROWS / n)));
  for (const col of Object.values(table)) col.room(n, forecast);
}
