import { readFile, unlink, writeFile } from 'node:fs/promises';

/**
 * `autosave/<id>.dropped`: a session's autosave write that failed (a full disk, a folder that
 * refused it) — when the work it held was gathered (`seq`) and when it was made — until a later
 * write holds as much. The next start's offer says which changes are not in the work
 * (RestoreOffer.dropped), as the web host's `firebreak.dropped.<session>` does.
 */
export interface DroppedMark {
  seq: number;
  savedAt: string;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export async function readDropped(file: string): Promise<DroppedMark | null> {
  try {
    const v: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof v !== 'object' || v === null) return null;
    const m = v as Record<string, unknown>;
    return isCount(m.seq) && typeof m.savedAt === 'string' ? { seq: m.seq, savedAt: m.savedAt } : null;
  } catch {
    return null;
  }
}

/** Best effort, in place (a few bytes where a temporary copy may find no room); an earlier mark of later work stays. */
export async function markDropped(file: string, mark: DroppedMark): Promise<void> {
  const earlier = await readDropped(file);
  if (earlier !== null && earlier.seq >= mark.seq) return;
  await writeFile(file, JSON.stringify(mark), { mode: 0o600 }).catch(() => undefined);
}

/** Forgets the mark once a write of work gathered at `seq` or later is in. */
export async function settleDropped(file: string, seq: number | undefined): Promise<void> {
  const mark = await readDropped(file);
  if (mark !== null && (seq === undefined || mark.seq <= seq)) await unlink(file).catch(() => undefined);
}

/** When the session made changes it could not keep, later than `kept` (the seq of what it kept), or null. */
export async function droppedAfter(file: string, kept: number | undefined): Promise<string | null> {
  const mark = await readDropped(file);
  return mark !== null && (kept === undefined || mark.seq > kept) ? mark.savedAt : null;
}
