import type { Plan } from '../sim/plan';
import { HelperSlot, type HelperPort, type HelperThread } from '../util/helper-slot';
import { sharedCopy } from '../util/shared-copy';
import { joinParts } from './graph-join';
import { EDGE_HINT_MARGIN, EdgeHints, LossBuilder, type LossModel } from './loss-builder';
import { RoomPaging } from '../results/result-room';
import { JournalLog, buildFromTheEnd } from './tail-build';
import { LossGraph, RoomPager, edgeRoom, partsFit, type EdgeRoom, type LossGraphParts } from './loss-graph';
import { JournalPool, LIQUIDATION_FIELDS, journalFits, packJournal, progressWord, unpackJournal, type PackedJournal } from './journal-pack';
import type { JournalSink } from './step-journal';

/**
 * The loss graph built on a helper thread while the simulation runs its next steps: the engine
 * sends the run's LossModel, then each step's journal (packed into one shared buffer), then asks
 * for the graph. Both threads build with the same LossBuilder, so the graph is the one a run on
 * one thread has.
 *
 * When the simulation is done before the helper, this thread builds the run's last steps too,
 * from the end down, while the helper goes on from the start: each step is claimed once, in a
 * shared word per step (`claims`), by whichever thread comes to it first, and the graph is the
 * helper's steps followed by this thread's (graph-join.ts) — the same bits either way, as a
 * LossBuilder builds any step from the journals before it (resumeAt).
 *
 * Messages to the helper: begin {run, lm, progress, claims, expected} · step {run, journal} ·
 * end {run} · sized {run, edges} (the whole graph's, its tail included) · drop {run} · page
 * {run, buffer} (a result room to page in while idle); from it:
 * ready · stepped {run, t} (each step, built or claimed here) · graph {run, parts} (its columns
 * in shared memory) · failed {run}. It also stores progressWord(run, steps built) in
 * `progress` (shared) after each step it builds.
 */

/** A step's claim: nobody yet, the helper, the simulating thread. */
const UNCLAIMED = 0;
const CLAIMED_BY_HELPER = 1;
const CLAIMED_HERE = 2;

/** How a helper is served: what its host gives it beyond the port. */
export interface LossGraphServing {
  /** Runs first (the JIT then has the builder optimised before the first real run). */
  warmUp?: () => void;
  /** Columns for a graph of about `edges` edges, their pages not yet written (spareRoom). */
  makeRoom?: (edges: number) => EdgeRoom | null;
  /**
   * Calls `fn` once the messages that have come in are handled, as soon as the host can: the
   * next slice of idle paging. setTimeout(0), the default, waits ≥ 1 ms in Node (≥ 4 ms nested
   * in browsers): a 1M run's rooms (~85 MB, ~40 slices) then took ~100 ms to page, longer than the
   * answer the next run in a row waits for, whose graph was then built into pages never written.
   */
  later?: (fn: () => void) => void;
}

/**
 * The helper's side: one run at a time; a begin replaces any run not ended. The warm-up runs
 * first, then it says it is ready.
 */
export function serveLossGraphs(port: HelperPort, serving: LossGraphServing = {}): void {
  const { warmUp = () => undefined, makeRoom = spareRoom, later = (fn: () => void) => void setTimeout(fn, 0) } = serving;
  let run = -1;
  let builder: LossBuilder | null = null;
  let slots = 0;
  let progress: Int32Array | null = null;
  let claims: Int32Array | null = null;
  /** A step of this run was claimed by the simulating thread: so are all after it. */
  let stopped = false;
  let expected = 0;
  // The next graph's columns, made while idle after a run: its pages are then written once
  // before the next run rather than during it — a slice at a time, between messages, so that a
  // run begun meanwhile is not kept waiting (the rest of its pages then fault as it writes them).
  let spare: EdgeRoom | null = null;
  let pager: RoomPager | null = null;
  // Result rooms of the simulating thread's next runs (engine/results/result-room.ts), paged in
  // before the graph's room (a run writes into its result room from its start), never during a run.
  const resultRooms: RoomPaging[] = [];
  let sliceDue = false;
  const pageIn = (): void => {
    sliceDue = false;
    const room = builder ? undefined : resultRooms[0];
    if (room) {
      if (room.write(PAGE_IN_SLICE_BYTES)) resultRooms.shift();
      nextSlice();
      return;
    }
    if (pager && !pager.write(PAGE_IN_SLICE_BYTES)) nextSlice();
    else pager = null;
  };
  const nextSlice = (): void => {
    if (sliceDue) return;
    sliceDue = true;
    later(pageIn);
  };
  const makeSpare = (edges: number): void => {
    spare = makeRoom(edges);
    pager = spare ? new RoomPager(spare) : null;
    if (pager) nextSlice();
  };
  port.onMessage((data) => {
    const msg = narrowToHelper(data);
    if (!msg) {
      // A step of this run that cannot be read: the graph would miss it.
      const m = record(data);
      if (m?.kind === 'step' && m.run === run && builder) {
        builder = null;
        port.post({ kind: 'failed', run }, []);
      }
      return;
    }
    if (msg.kind === 'begin') {
      pager = null;
      run = msg.run;
      expected = msg.expected;
      builder = new LossBuilder(msg.lm, true, expected, spare);
      spare = null;
      slots = msg.lm.slotNode.length;
      progress = msg.progress;
      claims = msg.claims;
      stopped = false;
      return;
    }
    if (msg.kind === 'page') {
      // The latest rooms only: an older one the engine has since replaced is no one's.
      if (resultRooms.length >= MAX_RESULT_ROOMS) resultRooms.shift();
      resultRooms.push(new RoomPaging(msg.buffer));
      if (!builder) nextSlice();
      return;
    }
    if (msg.kind === 'sized') {
      // Its graph sent, this run's tail built elsewhere: the next run needs room for the whole graph.
      const need = Math.max(msg.edges, expected) * EDGE_HINT_MARGIN;
      if (msg.run === run && !builder && need > (spare?.amount.length ?? 0)) makeSpare(need);
      return;
    }
    if (msg.run !== run || !builder) return;
    if (msg.kind === 'drop') {
      builder = null;
      return;
    }
    let edges = 0;
    try {
      if (msg.kind === 'step') {
        const t = msg.journal.t;
        if (stopped || (claims && t < claims.length && Atomics.compareExchange(claims, t, UNCLAIMED, CLAIMED_BY_HELPER) !== UNCLAIMED)) {
          stopped = true;
          port.post({ kind: 'stepped', run, t }, []);
          return;
        }
        const j = unpackJournal(msg.journal);
        const lm = builder.lm;
        if (!j || !journalFits(j, lm.debtors.length, lm.assets, lm.holdingOwner.length, slots)) throw new Error('a journal that does not fit its run');
        builder.step(j);
        if (progress) Atomics.store(progress, 0, progressWord(run, j.t + 1));
        port.post({ kind: 'stepped', run, t: j.t }, []);
        return;
      }
      const parts = builder.graph.parts();
      edges = parts.amount.length;
      builder.graph.built();
      builder = null;
      // Shared memory goes over as it is; were a column in a plain buffer, it is transferred, not copied (~100 MB).
      port.post({ kind: 'graph', run, parts }, partBuffers(parts));
    } catch {
      builder = null;
      port.post({ kind: 'failed', run }, []);
      return;
    }
    // The next run's room, made now that this one is done: for the edges built here, unless the
    // simulating thread built the last steps (its client then says how many edges the whole graph has).
    if (!stopped) makeSpare(Math.max(edges, expected) * EDGE_HINT_MARGIN);
    if (resultRooms.length > 0) nextSlice();
  });
  try {
    warmUp();
  } catch {
    // Only speed is lost: the first run's graph is built by code not yet optimised.
  }
  port.post({ kind: 'ready' }, []);
}

/** Room paged in per slice of the helper's idle time (~1–2 ms of page faults here). */
const PAGE_IN_SLICE_BYTES = 2 << 20;

/** Result rooms waiting to be paged in at most (the engine keeps one per workspace). */
const MAX_RESULT_ROOMS = 2;

/** Columns for a graph of about `edges` edges made now (their pages written later), or null where that fails (the run then takes new memory). */
function spareRoom(edges: number): EdgeRoom | null {
  try {
    return edges > 0 && typeof SharedArrayBuffer === 'function' ? edgeRoom(edges, false) : null;
  } catch {
    return null;
  }
}

/** The engine's handle on the helper: a sink per run, and the run's graph at its end. */
export interface LossThreads {
  /** Starts the helper (it warms up while idle), if it is not running. */
  warm(): void;
  /** Starts the helper if need be; true once it has said it is ready, false when none can run. */
  whenReady(): Promise<boolean>;
  /** A sink sending this run's journals to the helper, or null when no helper can run, it has not said it is ready, or there is no shared memory. */
  begin(lm: LossModel): JournalSink | null;
  /**
   * The graph of the run begun last; null when the helper failed (build it again on this
   * thread). The steps the helper has not come to are built here meanwhile, from the last down.
   */
  finish(): Promise<LossGraph | null>;
  /** How many steps of the last graph finished were built on this thread. */
  readonly tailSteps: number;
  /** Forgets the run begun last (cancelled). */
  drop(): void;
  /** Has the helper write each page of a result room while it is idle (engine/results/result-room.ts); nothing without a ready helper. */
  pageRoom(buffer: SharedArrayBuffer): void;
  release(): void;
}

/**
 * A helper that says nothing for this long while the engine waits for a graph is taken for
 * dead (it acknowledges every step): the run is then made again on the engine's thread, and
 * no helper is started again. Without it, a helper lost without an error event would hold the
 * engine's queue of runs for good.
 */
export const STALL_MS = 15_000;

/** The host's clock (ms) for the stall watchdog, and the stall time. */
export interface LossThreadOptions {
  now: () => number;
  stallMs?: number;
}

export function lossThreadClient(start: () => HelperThread | null, { now, stallMs = STALL_MS }: LossThreadOptions): LossThreads {
  let run = 0;
  const pool = new JournalPool();
  const hints = new EdgeHints();
  let lm: LossModel | null = null;
  let claims: Int32Array | null = null;
  let log = new JournalLog();
  let tailSteps = 0;
  /** The graph the tail is built in, kept from run to run: its edges are copied into the helper's columns. */
  let tailGraph: LossGraph | null = null;
  let waiting: ((g: LossGraph | null) => void) | null = null;
  /** The thread that has said it is ready (warmed up): journals go to no other. */
  let readyThread: HelperThread | null = null;
  let readyWaiters: ((ready: boolean) => void)[] = [];
  const tellWaiters = (ready: boolean): void => {
    const w = readyWaiters;
    readyWaiters = [];
    for (const f of w) f(ready);
  };
  let heard = 0;
  let watchdog: ReturnType<typeof setInterval> | null = null;
  const answer = (g: LossGraph | null): void => {
    const w = waiting;
    waiting = null;
    if (watchdog !== null) clearInterval(watchdog);
    watchdog = null;
    w?.(g);
  };
  const stop = (): void => {
    slot.stop();
    answer(null);
    tellWaiters(false);
  };
  const slot = new HelperSlot(
    start,
    (data) => {
      heard = now();
      const msg = narrowFromHelper(data);
      if (msg?.kind === 'ready') {
        readyThread = slot.thread;
        tellWaiters(true);
      }
      if (!msg || msg.kind === 'ready' || msg.run !== run) return;
      if (msg.kind === 'stepped') {
        pool.built(msg.t);
        return;
      }
      answer(msg.kind === 'graph' && lm ? new LossGraph(lm.nodes, lm.assets, lm.plan.eventCount, lm.plan.steps, msg.parts) : null);
    },
    stop,
  );
  const open = (): HelperThread | null => slot.open();

  /**
   * Builds the steps the helper has not claimed, from the last down, each from its journal and
   * those of the two steps before (the pool keeps those two past the helper's progress).
   */
  const buildTail = (model: LossModel): LossGraphParts | null => {
    const c = claims;
    if (!c) return null;
    const built = buildFromTheEnd(model, log, (t) => Atomics.compareExchange(c, t, UNCLAIMED, CLAIMED_HERE) === UNCLAIMED, tailGraph);
    if (!built) return null;
    tailGraph = built.graph;
    tailSteps = built.steps;
    return tailGraph.parts();
  };

  return {
    warm: () => void open(),
    whenReady() {
      const t = open();
      if (!t) return Promise.resolve(false);
      if (t === readyThread) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => readyWaiters.push(resolve));
    },
    begin(model) {
      // Without shared memory each journal would be copied by its message on this thread, which
      // costs it more than the helper saves (measured: runs slower than building the graph here).
      if (typeof SharedArrayBuffer !== 'function') return null;
      const t = open();
      // A helper still warming up would build nothing until its warm-up is done (~0.5 s), which
      // a run begun meanwhile would wait for: that run's graph is built on this thread instead
      // (measured 2026-12-01: the CLI's demo run 550 ms, nearly all of it that wait).
      if (!t || t !== readyThread) return null;
      answer(null);
      run++;
      pool.begin(run);
      lm = model;
      claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, model.plan.steps)));
      log = new JournalLog();
      const id = run;
      try {
        t.post({ kind: 'begin', run: id, lm: sharedLossModel(model), progress: pool.progress, claims, expected: hints.expected(model) }, []);
      } catch {
        return null;
      }
      let exposures: Float64Array | null = null;
      let liqMemory: ArrayBuffer | SharedArrayBuffer | null = null;
      return {
        exposureRoom: (step, slots) => {
          exposures = new Float64Array(pool.room(step)(slots * 8), 0, slots);
          return exposures;
        },
        liquidationRoom: (step) => {
          const room = pool.room(step);
          return (bytes) => (liqMemory = room(bytes));
        },
        step: (j) => {
          if (slot.thread !== t || id !== run) return;
          try {
            const packed = packJournal(j, pool.room(j.t), model.assetSlotStart, j.Z === exposures, liqMemory !== null && j.liq.owner.buffer === liqMemory);
            exposures = null;
            liqMemory = null;
            log.add(j, packed);
            t.post({ kind: 'step', run: id, journal: packed }, []);
          } catch {
            slot.failed = true;
            stop();
          }
        },
      };
    },
    finish() {
      const t = slot.thread;
      const model = lm;
      tailSteps = 0;
      if (!t || slot.failed || !model) return Promise.resolve(null);
      const id = run;
      const head = new Promise<LossGraph | null>((resolve) => {
        answer(null);
        waiting = resolve;
        heard = now();
        watchdog = setInterval(() => {
          if (now() - heard < stallMs) return;
          slot.failed = true;
          stop();
        }, Math.min(1000, stallMs));
        t.post({ kind: 'end', run }, []);
      });
      let tail: LossGraphParts | null = null;
      let tailFailed = false;
      try {
        tail = buildTail(model);
      } catch {
        // Steps claimed here may be missing from both parts: no graph (the caller makes the run again on this thread).
        tailFailed = true;
        tailSteps = 0;
      }
      // The time spent here is not the helper's silence.
      heard = now();
      return head.then((g) => {
        pool.releaseAll();
        log = new JournalLog();
        if (!g || tailFailed) return null;
        const whole = tail ? new LossGraph(model.nodes, model.assets, model.plan.eventCount, model.plan.steps, joinParts(g.parts(), tail)) : g;
        hints.built(model, whole.length);
        // The helper waits for this to make its room for the next run (the edges it built are not all).
        if (tail && slot.thread === t) t.post({ kind: 'sized', run: id, edges: whole.length }, []);
        return whole;
      });
    },
    get tailSteps() {
      return tailSteps;
    },
    drop() {
      slot.thread?.post({ kind: 'drop', run }, []);
      answer(null);
    },
    pageRoom(buffer) {
      const t = slot.thread;
      if (!t || t !== readyThread) return;
      try {
        t.post({ kind: 'page', run, buffer }, []);
      } catch {
        // The room is then never marked paged, and no run takes it.
      }
    },
    release: stop,
  };
}

function partBuffers(p: LossGraphParts): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of [p.from, p.to, p.channel, p.amount, p.stepOf, p.stepEnd, p.impactAt, p.impactValue]) if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  return out;
}

type ToHelper =
  | { kind: 'begin'; run: number; lm: LossModel; progress: Int32Array | null; claims: Int32Array | null; expected: number }
  | { kind: 'step'; run: number; journal: PackedJournal }
  | { kind: 'end' | 'drop'; run: number }
  | { kind: 'sized'; run: number; edges: number }
  | { kind: 'page'; run: number; buffer: SharedArrayBuffer };
type FromHelper =
  | { kind: 'ready' }
  | { kind: 'stepped'; run: number; t: number }
  | { kind: 'graph'; run: number; parts: LossGraphParts }
  | { kind: 'failed'; run: number };

type Kind = 'f64' | 'i32' | 'u8';
const CTOR = { f64: Float64Array, i32: Int32Array, u8: Uint8Array } as const;

function record(x: unknown): Record<string, unknown> | null {
  return typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : null;
}

/** True when every field named in `spec` is a typed array of its kind. */
function typedFields(x: Record<string, unknown> | null, spec: Record<string, Kind>): boolean {
  if (!x) return false;
  for (const [k, kind] of Object.entries(spec)) if (!(x[k] instanceof CTOR[kind])) return false;
  return true;
}

const LM_ARRAYS: Record<string, Kind> = {
  slotNode: 'i32',
  assetSlotStart: 'i32',
  holdingOwner: 'i32',
  holdingAsset: 'i32',
  holdingAmount: 'f64',
  obligationDebtor: 'i32',
  obligationCreditor: 'i32',
  obligationAsset: 'i32',
  obligationAmount: 'f64',
  backingStart: 'i32',
  backingBacker: 'i32',
  backingShare: 'f64',
  feedOracle: 'i32',
  debtors: 'i32',
  startEquity: 'f64',
  startUnpaid: 'f64',
  startShort: 'u8',
};
/**
 * The run's LossModel with its arrays in shared memory (each copied once per workspace, or per
 * starting point): the begin message of every run then shares them rather than copying ~3 MB
 * at 1M positions on the simulating thread, and reading them again on the helper, at each run.
 */
function sharedLossModel(lm: LossModel): LossModel {
  const out: Record<string, unknown> = { ...lm };
  for (const k of Object.keys(LM_ARRAYS)) out[k] = sharedCopy(out[k] as Int32Array | Float64Array | Uint8Array);
  return out as unknown as LossModel;
}

const PARTS: Record<string, Kind> = { from: 'i32', to: 'i32', channel: 'u8', amount: 'f64', stepOf: 'i32', stepEnd: 'i32', impactAt: 'i32', impactValue: 'f64' };

function numbers(x: Record<string, unknown> | null, keys: string[]): boolean {
  return x !== null && keys.every((k) => typeof x[k] === 'number');
}

function narrowPlan(x: unknown): Plan | null {
  const p = record(x);
  const options = record(p?.options);
  if (!p || !numbers(p, ['steps', 'eventCount']) || !numbers(options, ['tolerance'])) return null;
  const list = (k: string, keys: string[]): boolean => Array.isArray(p[k]) && (p[k] as unknown[]).every((e) => numbers(record(e), keys));
  if (!list('shocks', ['index', 'asset', 'change', 'at']) || !list('depths', ['index', 'asset', 'factor', 'at'])) return null;
  if (!list('overrides', ['index', 'oracle', 'from', 'to'])) return null;
  return p as unknown as Plan;
}

/** True when every value is in [0, n), each larger than the one before. */
function ascendingBelow(a: Int32Array, n: number): boolean {
  let last = -1;
  for (const v of a) {
    if (!(v > last && v < n)) return false;
    last = v;
  }
  return true;
}

/** `x` when it is an Int32Array of at least `min` values in shared memory, else null. */
function sharedInts(x: unknown, min: number): Int32Array | null {
  return x instanceof Int32Array && x.length >= min && typeof SharedArrayBuffer === 'function' && x.buffer instanceof SharedArrayBuffer ? x : null;
}

function narrowToHelper(data: unknown): ToHelper | null {
  const m = record(data);
  if (!m || typeof m.run !== 'number') return null;
  if (m.kind === 'end' || m.kind === 'drop') return { kind: m.kind, run: m.run };
  if (m.kind === 'page') return typeof SharedArrayBuffer === 'function' && m.buffer instanceof SharedArrayBuffer && m.buffer.byteLength >= 8 ? { kind: 'page', run: m.run, buffer: m.buffer } : null;
  if (m.kind === 'sized') return typeof m.edges === 'number' && m.edges >= 0 ? { kind: 'sized', run: m.run, edges: m.edges } : null;
  if (m.kind === 'begin') {
    const lm = record(m.lm);
    if (!lm || !numbers(lm, ['nodes', 'assets']) || !typedFields(lm, LM_ARRAYS) || !narrowPlan(lm.plan)) return null;
    if (!ascendingBelow(lm.debtors as Int32Array, lm.nodes as number)) return null;
    const progress = sharedInts(m.progress, 1);
    const claims = sharedInts(m.claims, 0);
    const expected = typeof m.expected === 'number' && m.expected >= 0 ? m.expected : 0;
    return { kind: 'begin', run: m.run, lm: lm as unknown as LossModel, progress, claims, expected };
  }
  if (m.kind === 'step') {
    const j = record(m.journal);
    const buffer = j?.buffer;
    const shared = typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;
    if (!j || typeof j.t !== 'number' || !(buffer instanceof ArrayBuffer || shared) || !Array.isArray(j.lengths) || !Array.isArray(j.exogenous)) return null;
    if (j.exposures !== undefined && !(j.exposures instanceof Float64Array)) return null;
    if (j.liq !== undefined && !typedFields(record(j.liq), LIQUIDATION_FIELDS)) return null;
    if (!(j.lengths as unknown[]).every((n) => typeof n === 'number')) return null;
    if (!(j.exogenous as unknown[]).every((e) => numbers(record(e), ['index', 'node', 'amount']))) return null;
    return { kind: 'step', run: m.run, journal: j as unknown as PackedJournal };
  }
  return null;
}

function narrowFromHelper(data: unknown): FromHelper | null {
  const m = record(data);
  if (!m) return null;
  if (m.kind === 'ready') return { kind: 'ready' };
  if (typeof m.run !== 'number') return null;
  if (m.kind === 'failed') return { kind: 'failed', run: m.run };
  if (m.kind === 'stepped' && typeof m.t === 'number') return { kind: 'stepped', run: m.run, t: m.t };
  if (m.kind === 'graph' && typedFields(record(m.parts), PARTS) && partsFit(m.parts as LossGraphParts)) return { kind: 'graph', run: m.run, parts: m.parts as LossGraphParts };
  return null;
}
