import { useEffect, useId, useState } from 'react';
import type { ScenarioProblem } from '../../engine/scenario/validate';
import { Icon } from '../components/Icon';
import type { FieldValue, ScenarioDoc } from './draft';
import { addNote, moveNoteBy, nextNoteStep, removeNote, setNoteStep, setNoteText, sortNotes } from './notes-edits';
import './notes.css';

interface Props {
  doc: ScenarioDoc;
  /** The engine's problems with the document (those of `notes[i]` are shown on the note). */
  problems: ScenarioProblem[];
  /** One edit = one undo step; edits of one field with the same `key` in quick succession coalesce. */
  onEdit(update: (d: ScenarioDoc) => ScenarioDoc, key?: string): void;
  /** A note's step field holds text that is not a step (true) or is one again (false): the note keeps its step meanwhile. */
  onStepTyping?(index: number, wrong: boolean): void;
}

const lastStep = (steps: FieldValue): number | null => (typeof steps === 'number' && Number.isInteger(steps) && steps >= 1 ? steps - 1 : null);

/** A note's step as typed: committed when it is a whole number, else shown as wrong here (the note keeps its step). */
function NoteStep({ value, max, onChange, index, onTyping }: { value: number; max: number | null; onChange(step: number): void; index: number; onTyping?(index: number, wrong: boolean): void }) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText((t) => (Number(t) === value && t.trim() !== '' ? t : String(value))), [value]);
  const n = Number(text);
  // Not a step at all: the note keeps its step. A whole step past the horizon is the note's step: marked here, said on the note by the engine's check.
  const notStep = text.trim() === '' || !Number.isInteger(n) || n < 0;
  const past = !notStep && max !== null && n > max;
  const bad = notStep || past;
  useEffect(() => {
    onTyping?.(index, notStep);
    return () => onTyping?.(index, false);
  }, [onTyping, index, notStep]);
  return (
    <div className={`field note-step${bad ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        Step <span className="unit">{max === null ? '' : `0–${max}`}</span>
      </label>
      <input
        id={id}
        inputMode="numeric"
        value={text}
        aria-invalid={bad}
        data-testid={`note-step-${index}`}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isInteger(v) && v >= 0) onChange(v);
        }}
      />
      {notStep ? <p className="field-error">A whole step{max === null ? '' : ` from 0 to ${max}`}; the note stays at step {value} until then.</p> : null}
    </div>
  );
}

/**
 * The storyboard: notes tied to steps, told in this order in presentation mode (→ / ← move note
 * by note and set the timeline to each note's step). Add, edit, retie, reorder, remove; undoable.
 */
export function NotesEditor({ doc, problems, onEdit, onStepTyping }: Props) {
  const max = lastStep(doc.steps);
  const sorted = doc.notes.every((n, i) => i === 0 || (doc.notes[i - 1]?.step ?? 0) <= n.step);
  return (
    <section className="notes-editor" aria-label="Storyboard notes" data-testid="notes-editor">
      <header className="notes-head">
        <h2>Storyboard notes</h2>
        <p className="muted small">Told in this order in presentation mode (F): each note shows at its step.</p>
      </header>
      {doc.notes.length === 0 ? <p className="muted">No notes. Add one to tell the story of a step to a room.</p> : null}
      <ol className="note-list">
        {doc.notes.map((n, i) => {
          const errors = problems.filter((p) => p.index === null && p.field === `notes[${i}]`);
          return (
            <li key={i} className={`note-card${errors.length > 0 ? ' invalid' : ''}`} data-testid={`note-${i}`}>
              <span className="event-index">{i + 1}</span>
              <NoteStep value={n.step} max={max} index={i} onTyping={onStepTyping} onChange={(step) => onEdit((d) => setNoteStep(d, i, step), `note.${i}.step`)} />
              <div className="field note-text">
                <label htmlFor={`note-text-${i}`}>Note</label>
                <textarea id={`note-text-${i}`} rows={2} value={n.text} placeholder="What the room should see at this step" onChange={(e) => onEdit((d) => setNoteText(d, i, e.target.value), `note.${i}.text`)} data-testid={`note-text-${i}`} />
                {errors.map((p, k) => (
                  <p key={k} className="field-error">
                    {p.message}
                  </p>
                ))}
              </div>
              <div className="event-tools">
                <button type="button" className="icon-button" aria-label={`Move note ${i + 1} earlier`} title="Earlier in the story" disabled={i === 0} onClick={() => onEdit((d) => moveNoteBy(d, i, -1))}>
                  <Icon name="up" size={16} />
                </button>
                <button type="button" className="icon-button" aria-label={`Move note ${i + 1} later`} title="Later in the story" disabled={i === doc.notes.length - 1} onClick={() => onEdit((d) => moveNoteBy(d, i, 1))}>
                  <Icon name="down" size={16} />
                </button>
                <button type="button" className="icon-button" aria-label={`Remove note ${i + 1}`} title="Remove" onClick={() => onEdit((d) => removeNote(d, i))} data-testid={`note-remove-${i}`}>
                  <Icon name="trash" size={16} />
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="add-event">
        <button type="button" onClick={() => onEdit((d) => addNote(d, nextNoteStep(d)))} data-testid="note-add">
          <Icon name="plus" size={14} /> Add note
        </button>
        {doc.notes.length > 1 && !sorted ? (
          <button type="button" onClick={() => onEdit(sortNotes)}>
            Sort by step
          </button>
        ) : null}
      </div>
    </section>
  );
}
