import { generateWorkspaceFiles } from './generate/workspace';
import { packJournal, unpackJournal } from './losses/journal-pack';
import { EDGE_HINT_MARGIN, LossBuilder, type LossModel } from './losses/loss-builder';
import { CH_BAD_DEBT, CH_COUNTERPARTY, CH_LIQUIDATION, CH_TRIGGER, edgeRoom, LossGraph, type EdgeRoom } from './losses/loss-graph';
import type { JournalSink } from './losses/step-journal';
import { JournalLog, buildInTwoParts } from './losses/tail-build';
import { openWorkspace } from './open-workspace';
import { summarize } from './results/summary';
import { validateScenario } from './scenario/validate';
import { compileModel } from './sim/compile';
import { prepare } from './sim/compiled';
import { compilePlan } from './sim/plan';
import { MovedList } from './sim/moved-list';
import { Simulation } from './sim/simulation';
import { importWorkspace } from './workspace/import';

/** Positions of the generated workspace a warm-up runs: big enough for every stage, done in ~0.3 s. */
export const WARM_UP_POSITIONS = 1500;
/** Runs of it, each once without and once with the loss graph (as a preview and its completion). */
export const WARM_UP_ROUNDS = 8;
/**
 * Then one round on a larger one, whose runs take the paths a small one never reaches (sorted
 * bags past their merge size, long radix runs, the moved positions' crossings): without it, V8
 * drops the optimised code of those functions in the first run on a large workspace
 * ("insufficient type feedback", --trace-deopt). Measured 2026-11-30 on the 1M benchmark, in a
 * worker after its warm-up: the first run 586–648 ms (the next ones 345–399), 433–455 with this
 * round; the first preview 395–420, 335. The warm-up's work grows from ~210 to ~550 ms (8,000
 * positions: first run 535 ms; 40,000: 463 ms for ~640 ms of work).
 */
export const WARM_UP_LARGE_POSITIONS = 20_000;

/**
 * Runs the engine's own code on small generated workspaces — import, open, runs without and
 * with the loss graph, summaries — so that the JIT has optimised it before the user's first
 * import and run. V8 optimises a function only after it has run for a while (and throws the
 * code away when a case it had not seen turns up), so the first run in a fresh worker is far
 * slower than the next: measured on the 1M benchmark, about 1,000–1,100 ms against 600–700.
 * `pause` is awaited between small pieces of work: the caller lets the worker's own requests
 * go first there. Returns the simulation steps run and the time spent working (`now`, ms; the
 * waits in `pause` excluded).
 */
export async function warmUp(pause: () => Promise<void>, now: () => number = () => 0): Promise<{ steps: number; ms: number }> {
  let ms = 0;
  let from = now();
  const slice = async (): Promise<void> => {
    ms += now() - from;
    await pause();
    from = now();
  };
  const steps = await warmUpWork(slice);
  ms += now() - from;
  return { steps, ms };
}

async function warmUpWork(pause: () => Promise<void>): Promise<number> {
  // First: TurboFan builds a caller's feedback in with it when it optimises it (the exposure
  // index's putBack takes in the list's add), and code for a branch without feedback yet throws
  // the caller's optimised code away when first taken, however much feedback came later.
  warmUpMovedList();
  // The engine builds a run's last steps' edges itself (and whole graphs without a helper).
  for (const vertices of WARM_UP_WIDE_VERTICES) {
    await pause();
    warmUpWideKeys(vertices);
  }
  let steps = await warmOn(WARM_UP_POSITIONS, WARM_UP_ROUNDS, pause);
  steps += await warmOn(WARM_UP_LARGE_POSITIONS, 1, pause);
  return steps;
}

/** Imports, opens and runs a generated workspace of `positions`, `rounds` times without and with the loss graph. */
async function warmOn(positions: number, rounds: number, pause: () => Promise<void>): Promise<number> {
  await pause();
  const { files, scenario } = generateWorkspaceFiles({ positions, seed: 1 });
  await pause();
  const imported = importWorkspace(files);
  if (!imported.ok) throw new Error(`the warm-up workspace did not import (${imported.error.errors} errors)`);
  await pause();
  const ow = await openWorkspace(imported.value);
  await pause();
  const valid = validateScenario(scenario, ow.ids);
  if (!valid.ok) throw new Error('the warm-up scenario is not valid');
  let steps = 0;
  for (let round = 0; round < rounds; round++) {
    for (const losses of [false, true]) {
      // The later rounds' graphs as a run beside the loss-graph helper ends: in two parts.
      const log = losses && round >= rounds / 2 ? new JournalLog() : null;
      let lm: LossModel | null = null;
      const sim = new Simulation(ow.cw, compilePlan(valid.value, ow.cw.model), { losses, ...(log ? { journals: (m: LossModel) => ((lm = m), packingSink(m, log)) } : {}) });
      while (!sim.done) {
        sim.step();
        steps++;
        await pause();
      }
      if (log && lm) {
        // So that the first real run's tail meets code V8 optimised on unpacked journals, not only on the simulation's own.
        sim.loss = buildInTwoParts(lm, log, Math.floor(log.sent.length / 2));
        await pause();
      }
      summarize(sim);
      await pause();
    }
  }
  return steps;
}

/** A journal sink as the helper's client is (exposures and liquidation rows written once into their room, journals packed), logging instead of sending. */
function packingSink(lm: LossModel, log: JournalLog): JournalSink {
  let room: Float64Array | null = null;
  let liqMemory: ArrayBuffer | null = null;
  return {
    exposureRoom: (_t, slots) => (room = new Float64Array(slots)),
    liquidationRoom: () => (bytes) => (liqMemory = new ArrayBuffer(bytes)),
    step: (j) => {
      log.add(j, packJournal(j, (bytes) => new ArrayBuffer(bytes), lm.assetSlotStart, j.Z === room, liqMemory !== null && j.liq.owner.buffer === liqMemory));
      room = null;
      liqMemory = null;
    },
  };
}


/**
 * The loss-graph helper's warm-up: a run of the small generated workspace whose journals go
 * through the same packing and building as a real run's (engine/losses/loss-thread.ts), its
 * LossModel and packed journals structured-cloned as messages are (a cloned object's hidden
 * class is not a literal's: code optimised on literals was thrown away in the first real run,
 * "wrong map" in --trace-deopt), after graphs with as many vertices as a large workspace has.
 */
export function warmUpLossBuilder(rounds = 4): void {
  // First, as in warmUpWork: the edge code inlined into the builder's steps then knows wide keys.
  for (const vertices of WARM_UP_WIDE_VERTICES) warmUpWideKeys(vertices);
  builderRounds(WARM_UP_POSITIONS, rounds);
  // A larger run's paths (its step journals' lengths) the small one never takes.
  builderRounds(LOSS_HELPER_LARGE_POSITIONS, 1);
}

/** `rounds` runs of a generated workspace of `positions` whose graphs are built as the helper builds a run's. */
function builderRounds(positions: number, rounds: number): void {
  const { files, scenario } = generateWorkspaceFiles({ positions, seed: 1 });
  const imported = importWorkspace(files);
  if (!imported.ok) throw new Error('the warm-up workspace did not import');
  const cw = prepare(compileModel(imported.value));
  const m = cw.model;
  const ids = { assets: new Set(m.assetIds), nodes: new Set(m.nodeIds), venues: new Set(m.nodeIds.filter((_, i) => m.nodeIsVenue[i] === 1)), oracles: new Set(m.oracleIds) };
  const valid = validateScenario(scenario, ids);
  if (!valid.ok) throw new Error('the warm-up scenario is not valid');
  // The next round's edge hint and room, as the helper makes them after a run (every other round without, as a first run).
  let expected = 0;
  let room: EdgeRoom | null = null;
  for (let round = 0; round < rounds; round++) {
    const made: { builder: LossBuilder | null } = { builder: null };
    new Simulation(cw, compilePlan(valid.value, m), {
      losses: true,
      journals: (lm) => {
        const builder = new LossBuilder(asMessage(lm), true, expected, room);
        made.builder = builder;
        return {
          step: (j) => {
            const back = unpackJournal(asMessage(packJournal(j)));
            if (back) builder.step(back);
          },
        };
      },
    }).runToEnd();
    // Then as the helper ends a run: the graph's columns taken, its scratch kept for the next.
    // Without this the first real run's end changed the graph's fields (--trace-generalization),
    // and V8 threw away the builder's optimised code ("code dependencies") for the second run.
    const graph = made.builder?.graph;
    if (!graph) continue;
    const edges = graph.parts().amount.length;
    graph.built();
    expected = round % 2 === 0 ? edges : 0;
    room = round % 2 === 0 ? edgeRoom(edges * EDGE_HINT_MARGIN) : null;
  }
}

/**
 * Positions of the helper's larger warm-up round. Measured 2026-12-02 on the 1M benchmark (engine
 * worker after its warm-up, first run right after the import, three runs each): without it the
 * helper threw away its liquidations, flowsByAsset and attributeStep in the first run
 * (--trace-deopt) and the run took 247–280 ms; with 8,000 positions one deoptimisation was left,
 * 207–247 ms; with 20,000 none, 204–210 ms. Its cost: the helper's warm-up ~210 → ~480 ms (8,000:
 * ~380), and the worker's holding RSS ~325 → ~360 MB (8,000: ~340), under the 400 MB target.
 */
export const LOSS_HELPER_LARGE_POSITIONS = WARM_UP_LARGE_POSITIONS;

/** A structured clone, as a message would arrive (the value itself where the host cannot clone it). */
function asMessage<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/**
 * Vertices of the graphs warmUpWideKeys builds. An edge's key (channel, from, to) needs more
 * than 31 bits past ~17,500 vertices and more than 32 past ~24,800: the accumulator sorts the
 * two cases apart, and both are met.
 */
export const WARM_UP_WIDE_VERTICES = [20_000, 40_000];

/**
 * A few steps of edges on a graph of `vertices`: the keys of a large workspace's edges do not
 * fit a small integer, and code optimised only on small ones is thrown away at the first wide
 * key ("overflow", "lost precision" in --trace-deopt).
 */
function warmUpWideKeys(vertices: number): void {
  const nodes = vertices - 8;
  const g = new LossGraph(nodes, 6, 2, 4, 'shared');
  const scale = new Float64Array(nodes).fill(1);
  const drop = new Uint8Array(nodes);
  for (let t = 0; t < 4; t++) {
    for (let k = 0; k < 4096; k++) {
      const a = nodes - 1 - ((k * 7919) % nodes);
      const b = (k * 104_729) % nodes;
      g.addEdge(a, b, CH_LIQUIDATION, 1 + k);
      g.addEdge(b, a, k % 2 ? CH_BAD_DEBT : CH_COUNTERPARTY, 0.5 + k);
      g.addMarket(k % 6, b, 2 + k);
      g.addEdge(g.assetVertex(k % 6), a, CH_TRIGGER, 3 + k);
    }
    g.flush(t, scale, drop, 1e-9);
  }
}

/**
 * A moved list through many compactions, releases and queries: the warm-up's workspaces move
 * too few positions of one asset pair to compact a list (over 1,024 stale entries), so a large
 * run's first compaction met code V8 had no feedback for and threw away five times
 * (--trace-deopt, "insufficient type feedback").
 */
export function warmUpMovedList(items = 4096, rounds = 24): void {
  const keyOf = new Float64Array(items);
  const inList = new Uint8Array(items);
  const list = new MovedList(keyOf);
  let hits: Int32Array = new Int32Array(64);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < items; i++) {
      const left = keyOf[i] as number;
      keyOf[i] = ((i * 7919 + round * 104_729) % items) / items;
      // Every seventh item (by round) leaves the list, as a position repaid in full does.
      const stays = (i + round) % 7 !== 0;
      list.settle(i, left, inList[i] === 1, stays);
      inList[i] = stays ? 1 : 0;
    }
    for (let k = 0; k < 8; k++) {
      const lo = ((round + k) % 10) / 10;
      hits = list.range(lo, lo + 0.05, hits).out;
    }
  }
}
