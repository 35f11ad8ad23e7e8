import { joinParts } from './graph-join';
import { unpackJournal, type PackedJournal } from './journal-pack';
import { LossBuilder, type LossModel } from './loss-builder';
import { LossGraph } from './loss-graph';
import type { StepJournal } from './step-journal';

/** A run's packed journals by step, and the holdings its fire sales sold, step by step. */
export class JournalLog {
  readonly sent: PackedJournal[] = [];
  private readonly sold: number[] = [];
  private readonly soldBefore: number[] = [];

  /** Step j.t's journal, as packed (and sent). */
  add(j: StepJournal, packed: PackedJournal): void {
    this.sent[j.t] = packed;
    this.soldBefore[j.t] = this.sold.length;
    for (const h of j.fire.holdingIndex) this.sold.push(h);
  }

  /** The holdings fire-sold before step t (of the holdings sold up to the last step logged). */
  soldBeforeStep(all: Int32Array, t: number): Int32Array {
    return all.subarray(0, this.soldBefore[t] as number);
  }

  allSold(): Int32Array {
    return Int32Array.from(this.sold);
  }
}

/**
 * Builds a run's steps from the last down while `claim(t)` gives them, each from its journal
 * and those of the two steps before (LossBuilder.resumeAt), into `into` when it fits (emptied
 * first). The edges of the steps built, by step runs in the order built; null when none was
 * claimed. Throws when a journal it needs is not in the log.
 */
export function buildFromTheEnd(lm: LossModel, log: JournalLog, claim: (t: number) => boolean, into: LossGraph | null): { graph: LossGraph; steps: number } | null {
  let builder: LossBuilder | null = null;
  let sold: Int32Array | null = null;
  let steps = 0;
  const open = (t: number): StepJournal => {
    const packed = log.sent[t];
    const j = packed ? unpackJournal(packed) : null;
    if (!j) throw new Error('a journal of the run is gone');
    return j;
  };
  for (let t = log.sent.length - 1; t >= 0; t--) {
    if (!log.sent[t] || !claim(t)) break;
    const j = open(t);
    builder ??= new LossBuilder(lm, false, 0, null, into);
    sold ??= log.allSold();
    builder.resumeAt(t > 0 ? open(t - 1) : null, t > 1 ? open(t - 2) : null, log.soldBeforeStep(sold, t));
    builder.step(j);
    steps++;
  }
  if (!builder) return null;
  builder.graph.built();
  return { graph: builder.graph, steps };
}

/**
 * A logged run's graph built as a run beside the loss-graph helper ends: steps [0, k) in order
 * (the helper's part), the rest from the last down (this thread's), joined.
 */
export function buildInTwoParts(lm: LossModel, log: JournalLog, k: number): LossGraph {
  const head = new LossBuilder(lm);
  for (let t = 0; t < k; t++) {
    const packed = log.sent[t];
    const j = packed ? unpackJournal(packed) : null;
    if (!j) throw new Error('a journal of the run is gone');
    head.step(j);
  }
  const tail = buildFromTheEnd(lm, log, (t) => t >= k, null);
  const parts = tail ? joinParts(head.graph.parts(), tail.graph.parts()) : head.graph.parts();
  return new LossGraph(lm.nodes, lm.assets, lm.plan.eventCount, lm.plan.steps, parts);
}
