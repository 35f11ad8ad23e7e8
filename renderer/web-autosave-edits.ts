/** The web host's edits since a session's autosave (web-host-project.ts): where they go and which apply. */
import type { AutosaveEdits, AutosaveInfo } from '../main/host-api';

/** localStorage: a session's edits since its autosave, written synchronously (so a page hiding keeps them) when they fit. */
export const EDITS_KEY = 'firebreak.edits.';
/**
 * Larger edits go to IndexedDB only, which a page going away does not wait for. Chromium keeps
 * 10 MiB per origin in localStorage, two bytes a character: 4 Mi characters leave room for the
 * rest and hold the edits of a scenario of ~20,000 events (a write that does not fit falls back).
 */
export const EDITS_LOCAL_MAX = 4 * 1024 * 1024;
/** The IndexedDB key of a session's edits, beside its autosave. */
export const editsKey = (session: string): string => `${session}.edits`;

export type EditsRecord = AutosaveEdits & { kind: 'edits'; savedAt: string };

function isEdits(v: unknown): v is EditsRecord {
  const r = v as Partial<EditsRecord> | null;
  return typeof r === 'object' && r !== null && r.kind === 'edits' && typeof r.base === 'number' && typeof r.seq === 'number' && typeof r.savedAt === 'string' && Array.isArray(r.scenarios);
}

/** The latest of a session's edits that apply to its autosave `r` (same workspace, gathered after it), or null. */
export function editsOf(r: Pick<AutosaveInfo, 'encrypted'> & { base?: number; seq?: number }, candidates: unknown[]): EditsRecord | null {
  if (r.encrypted || r.base === undefined || r.seq === undefined) return null;
  let best: EditsRecord | null = null;
  for (const e of candidates) if (isEdits(e) && e.base === r.base && e.seq > r.seq && (best === null || e.seq > best.seq)) best = e;
  return best;
}
