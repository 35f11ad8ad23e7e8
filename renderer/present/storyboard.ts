import type { RunSteps } from '../../engine/view/compare-types';

/** A storyboard note of a scenario (MODEL §2 `notes`): text tied to a step. */
export interface Note {
  step: number;
  text: string;
}

/**
 * The note that applies at `step`: the one tied to the latest step not after it (of notes tied to
 * the same step, the first written); null before the first. Notes are told in the order written.
 */
export function noteAt(notes: readonly Note[], step: number): number | null {
  let found: number | null = null;
  notes.forEach((n, i) => {
    if (n.step <= step && (found === null || n.step > (notes[found] as Note).step)) found = i;
  });
  return found;
}

/** The note shown: the one chosen if it is tied to the step shown, else the one that applies there. */
export function shownNote(notes: readonly Note[], chosen: number | null, step: number): number | null {
  if (chosen !== null && notes[chosen] !== undefined && notes[chosen].step === step) return chosen;
  return noteAt(notes, step);
}

/** Next (+1) or previous (−1) note from the one shown; null = before the first; undefined = no move. */
export function moveNote(notes: readonly Note[], shown: number | null, by: 1 | -1): number | null | undefined {
  if (by === 1) {
    const next = shown === null ? 0 : shown + 1;
    return next < notes.length ? next : undefined;
  }
  if (shown === null) return undefined;
  return shown === 0 ? null : shown - 1;
}

/** Key figures as of a step (MODEL §6 summed to date): debt repaid, bad debt, nodes in default, and the loss so far. */
export interface StepFigures {
  step: number;
  liquidatedUsd: number;
  badDebtUsd: number;
  defaults: number;
  lossUsd: number;
  /** Nodes that defaulted in this very step. */
  newDefaults: number;
}

export function figuresAt(s: RunSteps, step: number): StepFigures {
  const last = Math.min(Math.max(0, step), s.stepsRun - 1);
  let liquidatedUsd = 0;
  let badDebtUsd = 0;
  let defaults = 0;
  for (let t = 0; t <= last; t++) {
    liquidatedUsd += s.liquidatedUsd[t] ?? 0;
    badDebtUsd += s.badDebtUsd[t] ?? 0;
    defaults += s.defaults[t] ?? 0;
  }
  return { step: last, liquidatedUsd, badDebtUsd, defaults, lossUsd: s.lossUsd[last] ?? 0, newDefaults: s.defaults[last] ?? 0 };
}
