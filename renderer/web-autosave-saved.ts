/** The web host's mark of a save (web-host-project.ts): how far a page's work is in a file the user saved, and under which name. */

/**
 * localStorage: this session saved the project as it stood at this autosave seq (`autosaveSeq`),
 * under this name; its autosave parts up to it hold nothing unsaved. Written with the download,
 * synchronously: the clean copy of the saved bytes that replaces them comes a moment later, and a
 * page gone before it must not have its saved work offered back as unsaved, nor the work gathered
 * after it offered under the name it was saved from.
 */
export const SAVED_KEY = 'firebreak.saved.';

export interface SavedMark {
  seq: number;
  /** Absent in the marks of earlier versions (a bare seq). */
  name?: string;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function readSavedMark(storage: Storage | null, session: string): SavedMark | null {
  try {
    const v: unknown = JSON.parse(storage?.getItem(`${SAVED_KEY}${session}`) ?? 'null');
    if (isCount(v)) return { seq: v };
    if (typeof v !== 'object' || v === null) return null;
    const m = v as Record<string, unknown>;
    if (!isCount(m.seq)) return null;
    return typeof m.name === 'string' ? { seq: m.seq, name: m.name } : { seq: m.seq };
  } catch {
    return null;
  }
}

export function writeSavedMark(storage: Storage | null, session: string, mark: SavedMark): void {
  try {
    storage?.setItem(`${SAVED_KEY}${session}`, JSON.stringify(mark));
  } catch {
    // Refused: the clean copy of the saved bytes, a moment later, says it instead.
  }
}

/** The name and seq of the whole part edits were written to go over (AutosaveEdits.whole), as kept with them; null when absent or not one. */
function partOf(edits: { whole?: unknown } | null): { name: string; seq: number } | null {
  const w = edits?.whole;
  if (typeof w !== 'object' || w === null) return null;
  const p = w as Record<string, unknown>;
  return typeof p.name === 'string' && isCount(p.seq) ? { name: p.name, seq: p.seq } : null;
}

/**
 * The name of the latest of: the whole part that is there, the part its edits were written to go
 * over (the clean copy of a file just saved under another name, which may not have landed), and
 * the session's last save. The work comes back under the name it was last saved as.
 */
export function latestName(part: { name: string; seq?: number }, edits: { whole?: unknown } | null, saved: SavedMark | null): string {
  let latest = { name: part.name, seq: part.seq ?? -1 };
  if (saved?.name !== undefined && saved.seq > latest.seq) latest = { name: saved.name, seq: saved.seq };
  const over = partOf(edits);
  if (over !== null && over.seq > latest.seq) latest = over;
  return latest.name;
}
