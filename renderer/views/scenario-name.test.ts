import { describe, expect, it } from 'vitest';
import { notesPast, scenarioNameNote } from './ScenarioView';

describe('scenarioNameNote', () => {
  const all = [
    { id: 'a', doc: { name: 'Flash crash' } },
    { id: 'b', doc: { name: 'Lender default' } },
  ];
  it('asks for a name where there is none, and says when another scenario has it', () => {
    expect(scenarioNameNote('   ', 'a', all)).toMatch(/^Give it a name/);
    expect(scenarioNameNote('Lender default ', 'a', all)).toMatch(/^Another scenario has this name/);
    expect(scenarioNameNote('Flash crash', 'a', all)).toBeNull();
    expect(scenarioNameNote('Flash crash 2', 'a', all)).toBeNull();
  });
});

describe('notesPast', () => {
  const doc = (steps: unknown, notes: number[]) => ({ name: 'x', description: '', steps, events: [], options: {}, notes: notes.map((step) => ({ step, text: 't' })) }) as Parameters<typeof notesPast>[0];
  it('says at the Steps field which note the horizon leaves behind', () => {
    expect(notesPast(doc(10, [2, 45]))).toBe('note 2 is at step 45; the last step is 9');
    expect(notesPast(doc(10, [12, 45]))).toBe('note 1 is at step 12 (and 1 more after step 9); the last step is 9');
    expect(notesPast(doc(50, [2, 45]))).toBeNull();
    expect(notesPast(doc('x', [45]))).toBeNull();
  });
});
