import type { ScenarioDoc } from './draft';

/** Pure edits of a scenario's storyboard notes (MODEL §2 `notes`); the store keeps each as one undo step. */

type Note = ScenarioDoc['notes'][number];

const replace = (doc: ScenarioDoc, notes: Note[]): ScenarioDoc => ({ ...doc, notes });

/** A new note after the others, tied to `step`. */
export function addNote(doc: ScenarioDoc, step: number, text = ''): ScenarioDoc {
  return replace(doc, [...doc.notes, { step, text }]);
}

export function setNoteText(doc: ScenarioDoc, i: number, text: string): ScenarioDoc {
  const n = doc.notes[i];
  return !n || n.text === text ? doc : replace(doc, doc.notes.map((x, k) => (k === i ? { ...x, text } : x)));
}

/** Ties a note to another step (a whole step number; the engine checks it is within the horizon). */
export function setNoteStep(doc: ScenarioDoc, i: number, step: number): ScenarioDoc {
  const n = doc.notes[i];
  return !n || n.step === step || !Number.isInteger(step) ? doc : replace(doc, doc.notes.map((x, k) => (k === i ? { ...x, step } : x)));
}

export function removeNote(doc: ScenarioDoc, i: number): ScenarioDoc {
  return i < 0 || i >= doc.notes.length ? doc : replace(doc, doc.notes.filter((_, k) => k !== i));
}

/** Moves a note earlier (−1) or later (+1) in the story; presentation mode tells them in this order. */
export function moveNoteBy(doc: ScenarioDoc, i: number, by: number): ScenarioDoc {
  const j = i + by;
  if (i < 0 || i >= doc.notes.length || j < 0 || j >= doc.notes.length) return doc;
  const notes = doc.notes.slice();
  const [n] = notes.splice(i, 1);
  notes.splice(j, 0, n as Note);
  return replace(doc, notes);
}

/** Puts the notes in step order (notes of one step keep their order). */
export function sortNotes(doc: ScenarioDoc): ScenarioDoc {
  const sorted = doc.notes
    .map((n, i) => ({ n, i }))
    .sort((a, b) => a.n.step - b.n.step || a.i - b.i)
    .map(({ n }) => n);
  return sorted.every((n, i) => n === doc.notes[i]) ? doc : replace(doc, sorted);
}

/** The step a new note gets: one after the last note's, within the horizon; 0 for the first. */
export function nextNoteStep(doc: ScenarioDoc): number {
  const last = doc.notes[doc.notes.length - 1];
  const horizon = typeof doc.steps === 'number' && Number.isInteger(doc.steps) && doc.steps >= 1 ? doc.steps : Infinity;
  return last === undefined ? 0 : Math.min(last.step + 1, horizon - 1);
}
