import { describe, expect, it } from 'vitest';
import type { RunSteps } from '../../engine/view/compare-types';
import { figuresAt, moveNote, noteAt, shownNote } from './storyboard';

const notes = [
  { step: 0, text: 'ETH gaps down' },
  { step: 2, text: 'The feed catches up' },
  { step: 2, text: 'Pools sell ETH' },
  { step: 3, text: 'Bitnova is back' },
];

describe('the storyboard', () => {
  it('shows the note that applies at a step, or the one chosen at that step', () => {
    expect(noteAt(notes, 0)).toBe(0);
    expect(noteAt(notes, 1)).toBe(0);
    // Two notes at step 2: the first written.
    expect(noteAt(notes, 2)).toBe(1);
    expect(noteAt(notes, 40)).toBe(3);
    expect(noteAt(notes.slice(1), 0)).toBeNull();
    // The second note of step 2, when chosen, stays shown.
    expect(shownNote(notes, 2, 2)).toBe(2);
    // Scrubbed away from the chosen note's step: the note of the new step.
    expect(shownNote(notes, 1, 3)).toBe(3);
  });

  it('tells notes in the order written, even when a later note looks back to an earlier step', () => {
    const flashback = [
      { step: 5, text: 'The lender defaults' },
      { step: 2, text: 'Remember: its oracle was stale at step 2' },
    ];
    expect(moveNote(flashback, 0, 1)).toBe(1);
    expect(noteAt(flashback, 3)).toBe(1);
    expect(noteAt(flashback, 6)).toBe(0);
  });

  it('moves note by note, back to before the first, and not past the last', () => {
    expect(moveNote(notes, null, 1)).toBe(0);
    expect(moveNote(notes, 1, 1)).toBe(2);
    expect(moveNote(notes, 3, 1)).toBeUndefined();
    expect(moveNote(notes, 2, -1)).toBe(1);
    expect(moveNote(notes, 0, -1)).toBeNull();
    expect(moveNote(notes, null, -1)).toBeUndefined();
    expect(moveNote([], null, 1)).toBeUndefined();
  });
});

describe('figuresAt', () => {
  const run: RunSteps = {
    runId: 'run-1',
    stepsRun: 4,
    liquidatedUsd: [100, 50, 0, 25],
    liquidations: [2, 1, 0, 1],
    badDebtUsd: [0, 10, 5, 0],
    defaults: [0, 1, 0, 2],
    lossUsd: [40, 90, 90, 300],
  };

  it('sums the run to date: 100 + 50 repaid and 0 + 10 bad debt by step 1, one default, loss 90', () => {
    expect(figuresAt(run, 1)).toEqual({ step: 1, liquidatedUsd: 150, badDebtUsd: 10, defaults: 1, lossUsd: 90, newDefaults: 1 });
  });

  it('clamps the step to the run: the last step holds the totals', () => {
    expect(figuresAt(run, 99)).toEqual({ step: 3, liquidatedUsd: 175, badDebtUsd: 15, defaults: 3, lossUsd: 300, newDefaults: 2 });
    expect(figuresAt(run, -1).step).toBe(0);
  });
});
