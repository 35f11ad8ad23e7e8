import type { Note } from './storyboard';

interface Props {
  notes: Note[];
  current: number | null;
  description: string;
  /** The quick shock the run shown was made with, in words, or null: the notes tell the scenario as saved. */
  variant?: string | null;
  onMove(by: 1 | -1): boolean;
}

/** The storyboard note of the step, with its place in the story; the scenario's description before the first. */
export function PresentNote({ notes, current, description, variant = null, onMove }: Props) {
  const note = current === null ? null : notes[current];
  const caveat =
    variant === null || (notes.length === 0 && description.trim() === '') ? null : (
      <p className="present-variant" data-testid="present-variant">
        Shown: a variant, {variant}. The {notes.length > 0 ? 'notes tell' : 'description tells'} the scenario as saved; its figures may differ.
      </p>
    );
  if (notes.length === 0) {
    return description.trim() === '' ? null : (
      <section className="present-note" aria-label="Scenario" data-testid="present-note">
        {caveat}
        <p className="present-note-text">{description}</p>
      </section>
    );
  }
  return (
    <section className="present-note" aria-label="Storyboard note" aria-live="polite" data-testid="present-note">
      <header className="present-note-head">
        <span data-testid="present-note-count">{note === null || note === undefined ? `Storyboard · ${notes.length} notes` : `Note ${(current ?? 0) + 1} of ${notes.length} · step ${note.step}`}</span>
        <span className="present-note-nav">
          <button type="button" onClick={() => onMove(-1)} disabled={current === null} aria-label="Previous note" data-testid="present-prev">
            ←
          </button>
          <button type="button" onClick={() => onMove(1)} disabled={current !== null && current >= notes.length - 1} aria-label="Next note" data-testid="present-next">
            →
          </button>
        </span>
      </header>
      {caveat}
      <p className="present-note-text" data-testid="present-note-text">
        {note === null || note === undefined ? description || 'Press → for the first note.' : note.text}
      </p>
    </section>
  );
}
