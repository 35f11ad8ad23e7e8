import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createScenarioSlice, selectActiveEntry, type ScenarioSlice } from '../store/scenario-slice';
import { docFromJson, docToJson } from './draft';
import { addNote, moveNoteBy, nextNoteStep, removeNote, setNoteStep, setNoteText, sortNotes } from './notes-edits';

const doc = docFromJson(
  {
    name: 'Crash',
    steps: 10,
    events: [],
    notes: [
      { step: 0, text: 'ETH gaps down' },
      { step: 3, text: 'Bitnova is back' },
    ],
  },
  'x',
);
const texts = (d: typeof doc) => d.notes.map((n) => `${n.step}:${n.text}`);

describe('note edits', () => {
  it('add, edit, retie, reorder and remove notes, leaving the document alone when nothing changes', () => {
    const added = addNote(doc, nextNoteStep(doc), 'Recovery');
    expect(texts(added)).toEqual(['0:ETH gaps down', '3:Bitnova is back', '4:Recovery']);
    expect(texts(setNoteText(added, 2, 'Prices recover'))).toEqual(['0:ETH gaps down', '3:Bitnova is back', '4:Prices recover']);
    expect(texts(setNoteStep(added, 1, 2))).toEqual(['0:ETH gaps down', '2:Bitnova is back', '4:Recovery']);
    expect(texts(moveNoteBy(added, 2, -1))).toEqual(['0:ETH gaps down', '4:Recovery', '3:Bitnova is back']);
    expect(texts(removeNote(added, 0))).toEqual(['3:Bitnova is back', '4:Recovery']);
    expect(texts(sortNotes(moveNoteBy(added, 2, -2)))).toEqual(['0:ETH gaps down', '3:Bitnova is back', '4:Recovery']);
    expect(setNoteText(doc, 0, 'ETH gaps down')).toBe(doc);
    expect(setNoteStep(doc, 0, 1.5)).toBe(doc);
    expect(moveNoteBy(doc, 0, -1)).toBe(doc);
    expect(removeNote(doc, 7)).toBe(doc);
    expect(sortNotes(doc)).toBe(doc);
  });

  it('give a new note the step after the last, within the horizon', () => {
    expect(nextNoteStep({ ...doc, notes: [] })).toBe(0);
    expect(nextNoteStep(doc)).toBe(4);
    expect(nextNoteStep(addNote(doc, 9))).toBe(9);
  });

  it('travel with the scenario document, and are left out when there are none', () => {
    expect(docToJson(addNote(doc, 5, 'x')).notes).toEqual([
      { step: 0, text: 'ETH gaps down' },
      { step: 3, text: 'Bitnova is back' },
      { step: 5, text: 'x' },
    ]);
    expect('notes' in docToJson({ ...doc, notes: [] })).toBe(false);
  });

  it('are undone like any other edit, and refused in viewer mode', () => {
    const store = create<ScenarioSlice>()(createScenarioSlice);
    store.getState().setScenarios([{ doc, origin: null }]);
    const notes = () => texts(selectActiveEntry(store.getState())?.doc ?? doc);
    store.getState().editScenario((d) => addNote(d, 4, 'Recovery'));
    store.getState().editScenario((d) => removeNote(d, 0));
    expect(notes()).toEqual(['3:Bitnova is back', '4:Recovery']);
    store.getState().undo();
    expect(notes()).toEqual(['0:ETH gaps down', '3:Bitnova is back', '4:Recovery']);

    store.getState().setEditLocked(true);
    store.getState().editScenario((d) => removeNote(d, 0));
    store.getState().undo();
    store.getState().redo();
    const before = store.getState().scenarios;
    store.getState().addScenario(doc);
    store.getState().removeScenario(before[0]?.id ?? '');
    expect(notes()).toEqual(['0:ETH gaps down', '3:Bitnova is back', '4:Recovery']);
    expect(store.getState().scenarios).toBe(before);
    // Opening another project's scenarios is not an edit.
    store.getState().setScenarios([{ doc: { ...doc, notes: [] }, origin: 'board.firebreak' }]);
    expect(notes()).toEqual([]);
    store.getState().setEditLocked(false);
    store.getState().editScenario((d) => addNote(d, 1, 'again'));
    expect(notes()).toEqual(['1:again']);
  });
});
