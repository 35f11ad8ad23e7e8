import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { generateWorkspaceFiles } from '../engine/generate/workspace';
import { journalFits, packJournal, progressWord, unpackJournal } from '../engine/losses/journal-pack';
import { LossBuilder, type LossModel } from '../engine/losses/loss-builder';
import { edgeRoom, type EdgeRoom, type LossGraph } from '../engine/losses/loss-graph';
import { lossThreadClient, serveLossGraphs, type LossThreads } from '../engine/losses/loss-thread';
import { JournalLog, buildInTwoParts } from '../engine/losses/tail-build';
import type { StepJournal } from '../engine/losses/step-journal';
import { openWorkspace, type OpenWorkspace } from '../engine/open-workspace';
import { validateScenario } from '../engine/scenario/validate';
import { compilePlan, type Plan } from '../engine/sim/plan';
import { Simulation } from '../engine/sim/simulation';
import type { HelperThread } from '../engine/util/helper-slot';
import { importWorkspace } from '../engine/workspace/import';
import { demoScenario, demoWorkspace } from './helpers/project-fixture';

// The loss graph built from step journals elsewhere (packed, on another thread) must be the
// graph the simulation builds step by step: same edges, same order, same bits.

const SCENARIOS = ['flash-crash.json', 'lender-default.json', 'liquidity-drain.json', 'oracle-attack.json', 'stablecoin-depeg.json'];

function columns(g: LossGraph): unknown[] {
  return [g.step.view(), g.from.view(), g.to.view(), g.channel.view(), g.amount.view(), g.impact.view()].map((c) => Array.from(c));
}

function plan(ow: OpenWorkspace, scenario: unknown): Plan {
  const v = validateScenario(scenario, ow.ids);
  if (!v.ok) throw new Error('invalid scenario');
  return compilePlan(v.value, ow.cw.model);
}

async function generated(positions: number): Promise<{ ow: OpenWorkspace; scenario: unknown }> {
  const { files, scenario } = generateWorkspaceFiles({ positions, seed: 7 });
  const imported = importWorkspace(files);
  if (!imported.ok) throw new Error('the generated workspace does not import');
  return { ow: await openWorkspace(imported.value), scenario };
}

/**
 * Rooms whose bytes are all 0xff (NaN as float64), as a reused buffer holds another step's
 * data: what a journal packed with only its moved exposures leaves alone must never be read.
 */
const dirtyRoom = (bytes: number): ArrayBuffer => new Uint8Array(bytes).fill(0xff).buffer;

/**
 * A run whose journals are packed, unpacked and built by a builder of their own; 'moved' packs
 * them with only the moved assets' exposures, into dirty rooms; 'apart' as the helper's client
 * does: the exposures copied once and the liquidation rows written once, into dirty rooms the
 * sink gives them, and sent as they are.
 */
function viaPackedJournals(ow: OpenWorkspace, p: Plan, exposures: 'all' | 'moved' | 'apart' = 'all'): { sim: Simulation; built: LossBuilder } {
  let built: LossBuilder | null = null;
  const sim = new Simulation(ow.cw, p, {
    losses: true,
    journals: (lm) => {
      const b = new LossBuilder(lm, true);
      built = b;
      let room: Float64Array | null = null;
      let liqMemory: ArrayBufferLike | null = null;
      return {
        ...(exposures === 'apart'
          ? {
              exposureRoom: (_t: number, slots: number) => (room = new Float64Array(dirtyRoom(slots * 8))),
              liquidationRoom: () => (bytes: number) => (liqMemory = dirtyRoom(bytes)),
            }
          : {}),
        step: (j) => {
          if (exposures === 'apart' && j.Z !== room) throw new Error('the exposures were not copied into their room');
          const rowsApart = exposures === 'apart' && j.liq.owner.length > 0;
          if (rowsApart && Object.values(j.liq).some((c) => c.buffer !== liqMemory)) throw new Error('the liquidation rows were not written into their room');
          const packed = exposures === 'all' ? packJournal(j) : packJournal(j, dirtyRoom, lm.assetSlotStart, exposures === 'apart', rowsApart);
          if (exposures === 'apart' && (packed.exposures !== room || packed.lengths[3] !== 0)) throw new Error('the exposures were packed again');
          if (rowsApart && (packed.liq?.owner !== j.liq.owner || packed.lengths.slice(-11).some((n) => n !== 0))) throw new Error('the liquidation rows were packed again');
          liqMemory = null;
          const back = unpackJournal(packed);
          if (!back) throw new Error('a journal did not unpack');
          b.step(back);
        },
      };
    },
  }).runToEnd();
  if (!built) throw new Error('no builder');
  return { sim, built };
}

/** Both ends of a helper in this process, over a real MessageChannel (structured clone, shared memory). */
function channelThread(failAfterSteps = Infinity, makeRoom?: (edges: number) => EdgeRoom | null): { start: () => HelperThread; fail: () => void } {
  let failure: (() => void) | null = null;
  return {
    start: () => {
      const { port1, port2 } = new MessageChannel();
      let steps = 0;
      const port = {
        post: (msg: unknown, transfer: ArrayBuffer[]) => port2.postMessage(msg, transfer),
        onMessage: (cb: (data: unknown) => void) =>
          port2.on('message', (m: { kind?: string }) => {
            if (m.kind === 'step' && ++steps > failAfterSteps) {
              failure?.();
              return;
            }
            cb(m);
          }),
      };
      serveLossGraphs(port, { makeRoom });
      return {
        post: (msg, transfer) => port1.postMessage(msg, transfer),
        onMessage: (cb) => port1.on('message', cb),
        onFailure: (cb) => {
          failure = cb;
        },
        terminate: () => {
          port1.close();
          port2.close();
        },
      };
    },
    fail: () => failure?.(),
  };
}

/** A client whose helpers come from `start`, and how many it has started. */
function countingThreads(start: () => HelperThread = () => channelThread().start()): { threads: LossThreads; starts: () => number } {
  let n = 0;
  const threads = lossThreadClient(
    () => {
      n++;
      return start();
    },
    { now: Date.now },
  );
  return { threads, starts: () => n };
}

async function viaThread(threads: LossThreads, ow: OpenWorkspace, p: Plan): Promise<{ sim: Simulation; graph: LossGraph | null }> {
  await threads.whenReady();
  const sim = new Simulation(ow.cw, p, { losses: true, journals: (lm) => threads.begin(lm) }).runToEnd();
  expect(sim.builtHere).toBe(false);
  expect(sim.loss.length).toBe(0);
  return { sim, graph: await threads.finish() };
}

describe('loss graphs built from step journals', () => {
  it('equal the graph built in the step, bit for bit, on every demo scenario', async () => {
    const ow = await demoWorkspace();
    for (const file of SCENARIOS) {
      const p = plan(ow, demoScenario(file));
      const here = new Simulation(ow.cw, p).runToEnd();
      expect(here.builtHere).toBe(true);
      expect(here.loss.length).toBeGreaterThan(0);
      for (const exposures of ['all', 'moved', 'apart'] as const) {
        const { sim, built } = viaPackedJournals(ow, p, exposures);
        expect(sim.builtHere, file).toBe(false);
        expect(columns(built.graph), `${file} ${exposures}`).toEqual(columns(here.loss));
      }
    }
  });

  it('equal it on a generated workspace with thousands of liquidations', async () => {
    const { ow, scenario } = await generated(4000);
    const p = plan(ow, scenario);
    const here = new Simulation(ow.cw, p).runToEnd();
    expect(here.totalLiquidations).toBeGreaterThan(500);
    for (const exposures of ['all', 'moved', 'apart'] as const) {
      const { built } = viaPackedJournals(ow, p, exposures);
      expect(columns(built.graph), exposures).toEqual(columns(here.loss));
    }
  });

  it('refuse a packed journal whose lengths do not fit its buffer, and a journal of another run’s sizes', async () => {
    const ow = await demoWorkspace();
    const p = plan(ow, demoScenario());
    let first: StepJournal | null = null;
    new Simulation(ow.cw, p, {
      losses: true,
      journals: () => ({
        step: (j) => {
          first ??= unpackJournal(packJournal(j));
        },
      }),
    }).runToEnd();
    const j = first as StepJournal | null;
    if (!j) throw new Error('no journal');
    const m = ow.cw.model;
    const slots = ow.cw.valuation.index.slotNode.length;
    // The node columns hold the debtors' values only.
    const debtors = lmOf(ow, p).debtors.length;
    expect(debtors).toBeGreaterThan(0);
    expect(debtors).toBeLessThan(m.nodeIds.length);
    expect(j.recovery.length).toBe(debtors);
    expect(journalFits(j, debtors, m.assetIds.length, m.holdingOwner.length, slots)).toBe(true);
    expect(journalFits(j, debtors + 1, m.assetIds.length, m.holdingOwner.length, slots)).toBe(false);
    expect(journalFits(j, m.nodeIds.length, m.assetIds.length, m.holdingOwner.length, slots)).toBe(false);
    expect(journalFits({ ...j, liq: { ...j.liq, seized: new Float64Array(j.liq.seized.length + 1) } }, debtors, m.assetIds.length, m.holdingOwner.length, slots)).toBe(false);
    // A fire sale names the holding it sold, which must be one of the run's.
    const sold = (h: number): StepJournal => ({ ...j, fire: { node: Int32Array.of(0), holdingIndex: Int32Array.of(h), asset: Int32Array.of(1), units: Float64Array.of(1), proceeds: Float64Array.of(1) } });
    expect(journalFits(sold(m.holdingOwner.length - 1), debtors, m.assetIds.length, m.holdingOwner.length, slots)).toBe(true);
    expect(journalFits(sold(m.holdingOwner.length), debtors, m.assetIds.length, m.holdingOwner.length, slots)).toBe(false);
    expect(journalFits(sold(-1), debtors, m.assetIds.length, m.holdingOwner.length, slots)).toBe(false);

    const packed = packJournal(j);
    expect(unpackJournal({ ...packed, lengths: packed.lengths.slice(1) })).toBeNull();
    expect(unpackJournal({ ...packed, lengths: packed.lengths.map((n, i) => (i === 3 ? n + 1000 : n)) })).toBeNull();
    expect(unpackJournal({ ...packed, lengths: packed.lengths.map((n, i) => (i === 0 ? -1 : n)) })).toBeNull();
  });
});

/** A run's journals as the helper's client packs them (moved exposures only, into dirty rooms), logged, and its loss model. */
function packedRun(ow: OpenWorkspace, p: Plan): { lm: LossModel; log: JournalLog } {
  let model: LossModel | null = null;
  const log = new JournalLog();
  new Simulation(ow.cw, p, {
    losses: true,
    journals: (lm) => {
      model = lm;
      return { step: (j) => log.add(j, packJournal(j, dirtyRoom, lm.assetSlotStart)) };
    },
  }).runToEnd();
  if (!model) throw new Error('no loss model');
  return { lm: model, log };
}

describe('a run’s loss graph built in two parts (the head in order, the tail from the last step down)', () => {
  it('equals the graph built in the step, bit for bit, wherever the run is split, on every demo scenario', async () => {
    const ow = await demoWorkspace();
    for (const file of SCENARIOS) {
      const p = plan(ow, demoScenario(file));
      const here = columns(new Simulation(ow.cw, p).runToEnd().loss);
      const { lm, log } = packedRun(ow, p);
      const steps = log.sent.length;
      expect(steps, file).toBeGreaterThan(3);
      for (const k of new Set([0, 1, 2, 3, Math.floor(steps / 2), steps - 1, steps])) {
        expect(columns(buildInTwoParts(lm, log, k)), `${file} split at ${k}`).toEqual(here);
      }
    }
  });

  it('equals it on a generated workspace with defaults, fire sales and thousands of liquidations', async () => {
    const { ow, scenario } = await generated(4000);
    const p = plan(ow, scenario);
    const sim = new Simulation(ow.cw, p).runToEnd();
    expect(sim.defaultedNodes.length).toBeGreaterThan(0);
    const here = columns(sim.loss);
    const { lm, log } = packedRun(ow, p);
    expect(log.allSold().length).toBeGreaterThan(0);
    for (const k of [1, 2, 5, Math.floor(log.sent.length / 2)]) expect(columns(buildInTwoParts(lm, log, k)), `split at ${k}`).toEqual(here);
  });
});

describe('the loss-graph helper', () => {
  it('builds each run’s graph from the journals it is sent, equal to the graph built in the step', async () => {
    const ow = await demoWorkspace();
    const helper = channelThread();
    const threads = lossThreadClient(helper.start, { now: Date.now });
    for (const file of ['flash-crash.json', 'oracle-attack.json']) {
      const p = plan(ow, demoScenario(file));
      const here = new Simulation(ow.cw, p).runToEnd();
      const { graph } = await viaThread(threads, ow, p);
      if (!graph) throw new Error(`no graph for ${file}`);
      expect(columns(graph), file).toEqual(columns(here.loss));
    }
    threads.release();
  });

  it('builds here the steps the helper has not come to when the run ends, and the graph is the same', async () => {
    const demo = await demoWorkspace();
    const gen = await generated(4000);
    const runs = [...SCENARIOS.map((file) => ({ ow: demo, scenario: demoScenario(file), file })), { ...gen, file: 'generated' }];
    const threads = lossThreadClient(channelThread().start, { now: Date.now });
    expect(await threads.whenReady()).toBe(true);
    for (const { ow, scenario, file } of runs) {
      const p = plan(ow, scenario);
      const here = columns(new Simulation(ow.cw, p).runToEnd().loss);
      // Runs in a row, the helper let to build the first k steps while the run goes on: the
      // journals it is done with are written again by later steps, all but the two the tail
      // starts from.
      for (const k of [0, 1, 2, 3, 4, 6, 9]) {
        const sim = new Simulation(ow.cw, p, { losses: true, journals: (lm) => threads.begin(lm) });
        for (let t = 0; t < k && !sim.done; t++) {
          sim.step();
          await new Promise((r) => setTimeout(r, 2));
        }
        sim.runToEnd();
        const graph = await threads.finish();
        if (!graph) throw new Error('no graph');
        expect(threads.tailSteps, `${file}: helper let to build ${k}`).toBe(Math.max(0, sim.stepsRun - k));
        expect(columns(graph), `${file}: helper let to build ${k}`).toEqual(here);
      }
    }
    threads.release();
  });

  it('answers null when building the tail here fails (its steps are in neither part), and the next run is whole again', async () => {
    const ow = await demoWorkspace();
    const p = plan(ow, demoScenario('lender-default.json'));
    const here = columns(new Simulation(ow.cw, p).runToEnd().loss);
    const threads = lossThreadClient(channelThread().start, { now: Date.now });
    const broken = vi.spyOn(LossBuilder.prototype, 'resumeAt').mockImplementation(() => {
      throw new Error('broken');
    });
    try {
      expect((await viaThread(threads, ow, p)).graph).toBeNull();
    } finally {
      broken.mockRestore();
    }
    const { graph } = await viaThread(threads, ow, p);
    if (!graph) throw new Error('no graph after the failed tail');
    expect(threads.tailSteps).toBeGreaterThan(0);
    expect(columns(graph)).toEqual(here);
    threads.release();
  });

  it('reserves for a run about the edges of the last run on the workspace, on the helper and on this thread', async () => {
    const ow = await demoWorkspace();
    const threads = lossThreadClient(channelThread().start, { now: Date.now });
    const p = plan(ow, demoScenario('flash-crash.json'));
    const capacity = (g: LossGraph) => g.amount.view().buffer.byteLength / 8;
    const first = (await viaThread(threads, ow, p)).graph;
    const second = (await viaThread(threads, ow, p)).graph;
    if (!first || !second) throw new Error('no graph');
    expect(columns(second)).toEqual(columns(first));
    expect(first.length).toBeGreaterThan(200);
    expect(capacity(second)).toBe(Math.ceil(first.length * 1.05));
    threads.release();
    new Simulation(ow.cw, p).runToEnd();
    const again = new Simulation(ow.cw, p).runToEnd().loss;
    expect(capacity(again)).toBe(Math.ceil(first.length * 1.05));
  });

  it('makes its room for the next run’s graph for the whole graph when this thread built the tail', async () => {
    const ow = await demoWorkspace();
    const p = plan(ow, demoScenario('flash-crash.json'));
    const rooms: number[] = [];
    const threads = lossThreadClient(channelThread(Infinity, (edges) => (rooms.push(edges), edgeRoom(edges))).start, { now: Date.now });
    expect(await threads.whenReady()).toBe(true);
    // The helper gets no turn before the run ends: every step is built here.
    const sim = new Simulation(ow.cw, p, { losses: true, journals: (lm) => threads.begin(lm) }).runToEnd();
    const graph = await threads.finish();
    if (!graph) throw new Error('no graph');
    expect(threads.tailSteps).toBe(sim.stepsRun);
    await new Promise((r) => setTimeout(r, 20));
    // Made once, for the whole graph (not first for the helper's part, none of it here).
    expect(rooms).toEqual([graph.length * 1.05]);
    // The next run's graph is built into that room.
    const next = (await viaThread(threads, ow, p)).graph;
    if (!next) throw new Error('no graph');
    expect(next.amount.view().buffer.byteLength / 8).toBe(Math.ceil(graph.length * 1.05));
    threads.release();
  });

  it('stores how many steps of its run it has built in the shared progress word, as it builds them', async () => {
    const ow = await demoWorkspace();
    const { port1, port2 } = new MessageChannel();
    serveLossGraphs({ post: (msg, transfer) => port2.postMessage(msg, transfer), onMessage: (cb) => port2.on('message', cb) });
    const progress = new Int32Array(new SharedArrayBuffer(4));
    let next: (() => void) | null = null;
    port1.on('message', (m: { kind?: string }) => {
      if (m.kind === 'stepped') next?.();
    });
    const run = 5;
    const sim = new Simulation(ow.cw, plan(ow, demoScenario('flash-crash.json')), {
      losses: true,
      journals: (lm) => {
        port1.postMessage({ kind: 'begin', run, lm, progress });
        return { step: (j) => port1.postMessage({ kind: 'step', run, journal: packJournal(j) }) };
      },
    });
    const seen: number[] = [];
    for (let k = 0; k < 3; k++) {
      const built = new Promise<void>((done) => (next = done));
      sim.step();
      await built;
      seen.push(Atomics.load(progress, 0));
    }
    expect(seen).toEqual([1, 2, 3].map((steps) => progressWord(run, steps)));
    port1.close();
    port2.close();
  });

  it('takes no run whose debtors are not ascending node indices (the journals’ node columns are in their order)', async () => {
    const ow = await demoWorkspace();
    const { port1, port2 } = new MessageChannel();
    serveLossGraphs({ post: (msg, transfer) => port2.postMessage(msg, transfer), onMessage: (cb) => port2.on('message', cb) });
    const lm = lmOf(ow, plan(ow, demoScenario('lender-default.json')));
    expect(lm.debtors.length).toBeGreaterThan(1);
    const graphs: number[] = [];
    const second = new Promise<void>((done) =>
      port1.on('message', (m: { kind?: string; run?: number }) => {
        if (m.kind !== 'graph' && m.kind !== 'failed') return;
        graphs.push(m.run ?? -1);
        if (m.run === 3) done();
      }),
    );
    port1.postMessage({ kind: 'begin', run: 1, lm: { ...lm, debtors: lm.debtors.slice().reverse() }, progress: null });
    port1.postMessage({ kind: 'end', run: 1 });
    port1.postMessage({ kind: 'begin', run: 2, lm: { ...lm, debtors: Int32Array.of(lm.nodes) }, progress: null });
    port1.postMessage({ kind: 'end', run: 2 });
    port1.postMessage({ kind: 'begin', run: 3, lm, progress: null });
    port1.postMessage({ kind: 'end', run: 3 });
    await second;
    expect(graphs).toEqual([3]);
    port1.close();
    port2.close();
  });

  it('fails a run sent a step it cannot read (liquidation rows apart that are not the columns of a journal)', async () => {
    const ow = await demoWorkspace();
    const p = plan(ow, demoScenario('flash-crash.json'));
    const journals: ReturnType<typeof packJournal>[] = [];
    let lm: LossModel | null = null;
    new Simulation(ow.cw, p, {
      losses: true,
      journals: (m) => {
        lm = m;
        return { step: (j) => journals.push(packJournal(j, undefined, undefined, false, true)) };
      },
    }).runToEnd();
    const first = journals[0];
    if (!lm || !first?.liq) throw new Error('no journal');
    const { port1, port2 } = new MessageChannel();
    serveLossGraphs({ post: (msg, transfer) => port2.postMessage(msg, transfer), onMessage: (cb) => port2.on('message', cb) });
    const answers: string[] = [];
    const done = new Promise<void>((resolve) =>
      port1.on('message', (m: { kind?: string; run?: number }) => {
        if (m.kind === 'stepped' || m.kind === 'graph' || m.kind === 'failed') answers.push(`${m.kind} ${m.run}`);
        if (m.kind === 'graph' || m.kind === 'failed') resolve();
      }),
    );
    port1.postMessage({ kind: 'begin', run: 1, lm, progress: null });
    port1.postMessage({ kind: 'step', run: 1, journal: { ...first, liq: { ...first.liq, seized: Array.from(first.liq.seized) } } });
    port1.postMessage({ kind: 'end', run: 1 });
    await done;
    expect(answers).toEqual(['failed 1']);
    port1.close();
    port2.close();
  });

  it('forgets a dropped run: the next run’s graph is its own', async () => {
    const ow = await demoWorkspace();
    const threads = lossThreadClient(channelThread().start, { now: Date.now });
    expect(await threads.whenReady()).toBe(true);
    const attack = plan(ow, demoScenario('oracle-attack.json'));
    const sim = new Simulation(ow.cw, plan(ow, demoScenario('lender-default.json')), { losses: true, journals: (lm) => threads.begin(lm) });
    sim.step();
    sim.step();
    threads.drop();
    const here = new Simulation(ow.cw, attack).runToEnd();
    const { graph } = await viaThread(threads, ow, attack);
    if (!graph) throw new Error('no graph');
    expect(columns(graph)).toEqual(columns(here.loss));
    threads.release();
  });

  it('builds here a run begun before the helper has said it is ready (warming up), and uses the helper once it has', async () => {
    const ow = await demoWorkspace();
    const p = plan(ow, demoScenario('flash-crash.json'));
    const here = columns(new Simulation(ow.cw, p).runToEnd().loss);
    const { threads, starts } = countingThreads();
    threads.warm();
    const early = new Simulation(ow.cw, p, { losses: true, journals: (lm) => threads.begin(lm) }).runToEnd();
    expect(early.builtHere).toBe(true);
    expect(columns(early.loss)).toEqual(here);
    expect(await threads.whenReady()).toBe(true);
    const { graph } = await viaThread(threads, ow, p);
    if (!graph) throw new Error('no graph from the helper');
    expect(columns(graph)).toEqual(here);
    expect(starts()).toBe(1);
    threads.release();
    expect(await lossThreadClient(() => null, { now: Date.now }).whenReady()).toBe(false);
  });

  it('answers null when the helper fails mid-run, and starts none again', async () => {
    const ow = await demoWorkspace();
    const helper = channelThread(3);
    const { threads, starts } = countingThreads(helper.start);
    const p = plan(ow, demoScenario());
    const { graph } = await viaThread(threads, ow, p);
    expect(graph).toBeNull();
    expect(threads.begin(lmOf(ow, p))).toBeNull();
    expect(starts()).toBe(1);
  });

  it('takes a helper that falls silent for dead: null after the stall time, and none started again', async () => {
    const ow = await demoWorkspace();
    let starts = 0;
    const silent = (): HelperThread => {
      starts++;
      // A thread that says it is ready, then takes every message and never answers (lost without an error event).
      return { post: () => undefined, onMessage: (cb) => void setTimeout(() => cb({ kind: 'ready' }), 0), onFailure: () => undefined, terminate: () => undefined };
    };
    const threads = lossThreadClient(silent, { now: Date.now, stallMs: 50 });
    const p = plan(ow, demoScenario());
    const t0 = Date.now();
    const { graph } = await viaThread(threads, ow, p);
    expect(graph).toBeNull();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(threads.begin(lmOf(ow, p))).toBeNull();
    expect(starts).toBe(1);
  });

  it('waits for a helper that is slow but alive: every step it builds counts as a sign of life', async () => {
    const ow = await demoWorkspace();
    const { start } = channelThread();
    // Messages reach the helper one every 40 ms: the graph comes well after the stall time, yet the helper keeps talking.
    const slow = (): HelperThread => {
      const t = start();
      let at = Date.now();
      return {
        ...t,
        post: (msg, transfer) => {
          at = Math.max(at, Date.now()) + 40;
          setTimeout(() => t.post(msg, transfer), at - Date.now());
        },
      };
    };
    const threads = lossThreadClient(slow, { now: Date.now, stallMs: 100 });
    const p = plan(ow, demoScenario('lender-default.json'));
    const here = new Simulation(ow.cw, p).runToEnd();
    const t0 = Date.now();
    const { graph } = await viaThread(threads, ow, p);
    if (!graph) throw new Error('the slow helper was taken for dead');
    expect(Date.now() - t0).toBeGreaterThan(300);
    expect(columns(graph)).toEqual(columns(here.loss));
    threads.release();
  });

  it('is not used without shared memory (copying each journal would cost the engine more than it saves)', async () => {
    const ow = await demoWorkspace();
    const { threads, starts } = countingThreads();
    const p = plan(ow, demoScenario());
    const g = globalThis as { SharedArrayBuffer?: unknown };
    const shared = g.SharedArrayBuffer;
    delete g.SharedArrayBuffer;
    try {
      const sim = new Simulation(ow.cw, p, { losses: true, journals: (lm) => threads.begin(lm) }).runToEnd();
      expect(sim.builtHere).toBe(true);
      expect(columns(sim.loss)).toEqual(columns(new Simulation(ow.cw, p).runToEnd().loss));
    } finally {
      g.SharedArrayBuffer = shared;
    }
    expect(starts()).toBe(0);
  });

  it('is not used where no helper can start: the graph is built in the step', async () => {
    const ow = await demoWorkspace();
    const threads = lossThreadClient(() => null, { now: Date.now });
    const p = plan(ow, demoScenario());
    const sim = new Simulation(ow.cw, p, { losses: true, journals: (lm) => threads.begin(lm) }).runToEnd();
    expect(sim.builtHere).toBe(true);
    expect(columns(sim.loss)).toEqual(columns(new Simulation(ow.cw, p).runToEnd().loss));
  });
});

function lmOf(ow: OpenWorkspace, p: Plan): Parameters<LossThreads['begin']>[0] {
  let got: Parameters<LossThreads['begin']>[0] | null = null;
  new Simulation(ow.cw, p, {
    losses: true,
    journals: (lm) => {
      got = lm;
      return null;
    },
  });
  if (!got) throw new Error('no loss model');
  return got;
}
