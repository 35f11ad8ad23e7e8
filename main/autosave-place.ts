import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { writeFileAtomic } from './files';

/** Where a session's autosaved work belongs: the name it is offered under, and the file Save goes back to (null: none). */
export interface Place {
  name: string;
  path: string | null;
}

/** A place as of a moment of its session (an autosave `seq`): the whole part edits were written to go over (AutosaveEdits.whole). */
export type PlaceAt = Place & { seq: number };

/**
 * `autosave/<id>.saved`: the session's work up to `seq` is in a file the user saved
 * (AutosaveStore.markSaved), at `path` (absent in the marks of earlier versions).
 */
export interface SavedMark {
  seq: number;
  path?: string;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The place edits name, as main keeps it beside them; null when absent (edits of earlier versions) or not one. */
export function narrowPlace(value: unknown): PlaceAt | null {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Record<string, unknown>;
  return typeof p.name === 'string' && (p.path === null || typeof p.path === 'string') && isCount(p.seq) ? { name: p.name, path: p.path, seq: p.seq } : null;
}

export async function readSaved(file: string): Promise<SavedMark | null> {
  try {
    const v: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof v !== 'object' || v === null) return null;
    const m = v as Record<string, unknown>;
    if (!isCount(m.seq)) return null;
    return typeof m.path === 'string' ? { seq: m.seq, path: m.path } : { seq: m.seq };
  } catch {
    return null;
  }
}

export async function writeSaved(file: string, mark: SavedMark): Promise<void> {
  await writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(mark)));
}

/**
 * The place of the latest of: the whole part that is there, the part its edits were written to go
 * over (the clean copy of a file just saved under another name, which may not have landed), and
 * the session's last save. The work comes back under the name and file it was last saved to.
 */
export function latestPlace(part: Place & { seq?: number }, edits: PlaceAt | null, saved: SavedMark | null): Place {
  let latest: PlaceAt = { name: part.name, path: part.path, seq: part.seq ?? -1 };
  if (saved?.path !== undefined && saved.seq > latest.seq) latest = { name: basename(saved.path), path: saved.path, seq: saved.seq };
  if (edits !== null && edits.seq > latest.seq) latest = edits;
  return { name: latest.name, path: latest.path };
}
