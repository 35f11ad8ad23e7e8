import type { Note } from './storyboard';

interface Props {
  notes: Note[];
  current: number | null;
  description: string;
  onMove(by: 1 | -1): boolean;
}

/** The storyboard note of the step, with its place in the story; the scenario's description before the first. */
export function PresentNote({ notes, current, description, onMove }: Props) {
  const note = current === null ? null : notes[current];
  if (notes.length === 0) {
    return description.trim() === '' ? null : (
      <section className="present-note" aria-label="Scenario" data-testid="present-note">
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
      <p className="present-note-text" data-testid="present-note-text">
        {note === null || note === undefined ? description || 'Press → for the first note.' : note.text}
      </p>
    </section>
  );
}
