/** The web host's edits since a session's autosave (web-host-project.ts): where they go, which apply, and which were lost. */
import type { AutosaveEdits, AutosaveEditsSaved, AutosaveInfo, HostResult } from '../main/host-api';
import type { WebStore } from './web-store';

/** localStorage: a session's edits since its autosave, written synchronously (so a page hiding keeps them) when they fit. */
export const EDITS_KEY = 'firebreak.edits.';
/** localStorage: a session's edits that were not kept at once, until IndexedDB has them (then it goes). */
export const DROPPED_KEY = 'firebreak.dropped.';
/**
 * Larger edits go to IndexedDB only, which a page going away does not wait for. Chromium keeps
 * 10 MiB per origin in localStorage, two bytes a character: 4 Mi characters leave room for the
 * rest and hold the edits of a scenario of ~20,000 events (a write that does not fit falls back).
 */
export const EDITS_LOCAL_MAX = 4 * 1024 * 1024;
/** The IndexedDB key of a session's edits, beside its autosave. */
export const editsKey = (session: string): string => `${session}.edits`;
/** The session whose edits an IndexedDB key holds, or null when it holds something else. */
export const editsSession = (key: string): string | null => (key.endsWith('.edits') ? key.slice(0, -'.edits'.length) : null);

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

interface Dropped {
  seq: number;
  savedAt: string;
}

const STORE_FULL = 'The browser refused to store the latest changes (its storage may be full or disabled).';

/**
 * A session's edits in localStorage (synchronous, so a page hiding keeps them) or, when it
 * refuses them (full, or too large), in IndexedDB, with a mark in localStorage until IndexedDB
 * has them: a page that goes before that leaves the mark, and the next page says what was lost.
 */
export function webEdits(storage: Storage | null, store: WebStore, session: string) {
  const read = (key: string): unknown => {
    try {
      return JSON.parse(storage?.getItem(key) ?? 'null') as unknown;
    } catch {
      return null;
    }
  };
  const remove = (key: string): void => {
    try {
      storage?.removeItem(key);
    } catch {
      // Nothing to free.
    }
  };
  const droppedOf = (id: string): Dropped | null => {
    const d = read(`${DROPPED_KEY}${id}`) as Partial<Dropped> | null;
    return typeof d === 'object' && d !== null && typeof d.seq === 'number' && typeof d.savedAt === 'string' ? { seq: d.seq, savedAt: d.savedAt } : null;
  };
  /** Forgets the mark of edits not kept once something as late holds them. */
  const settled = (id: string, seq: number | undefined): void => {
    const d = droppedOf(id);
    if (d !== null && (seq === undefined || d.seq <= seq)) remove(`${DROPPED_KEY}${id}`);
  };
  const idb = async (id: string): Promise<unknown> => store.get('autosave', editsKey(id)).catch(() => null);
  let tail: Promise<unknown> = Promise.resolve();
  /**
   * The edits in IndexedDB: written, and removed by a whole write that holds them, one at a time —
   * edits gathered after a whole write may come while it runs (the clean copy of a file just
   * saved is not waited for): read, then removed, it took them along.
   */
  const lane = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };

  return {
    /** A session's edits that apply to its autosave `r`: from localStorage or IndexedDB, whichever is later. */
    latest: async (id: string, r: Parameters<typeof editsOf>[0]): Promise<EditsRecord | null> => editsOf(r, [read(`${EDITS_KEY}${id}`), await idb(id)]),
    /** When the session made edits it could not keep (later than `kept`, the seq of what it kept), or null. */
    dropped(id: string, kept: number | undefined): string | null {
      const d = droppedOf(id);
      return d !== null && (kept === undefined || d.seq > kept) ? d.savedAt : null;
    },
    async forget(id: string): Promise<void> {
      remove(`${EDITS_KEY}${id}`);
      remove(`${DROPPED_KEY}${id}`);
      await store.delete('autosave', editsKey(id));
    },
    /** Forgets a session's edits gathered before `seq` (all of them when it is not known): a whole autosave holds them. */
    async forgetBefore(id: string, seq: number | undefined): Promise<void> {
      const older = (e: unknown): boolean => seq === undefined || typeof (e as { seq?: unknown } | null)?.seq !== 'number' || (e as { seq: number }).seq < seq;
      if (older(read(`${EDITS_KEY}${id}`))) remove(`${EDITS_KEY}${id}`);
      await lane(async () => {
        if (older(await idb(id))) await store.delete('autosave', editsKey(id));
      });
      settled(id, seq);
    },
    /** Keeps this session's edits; synchronous up to the IndexedDB write (called as the page hides). */
    write(record: EditsRecord): Promise<HostResult<AutosaveEditsSaved>> {
      const key = `${EDITS_KEY}${session}`;
      let json = '';
      try {
        json = JSON.stringify(record);
        if (storage !== null && json.length <= EDITS_LOCAL_MAX) {
          storage.setItem(key, json);
          settled(session, record.seq);
          return Promise.resolve({ ok: true, value: { savedAt: record.savedAt, sync: true } });
        }
      } catch {
        // Full or refused: IndexedDB below.
      }
      try {
        storage?.setItem(`${DROPPED_KEY}${session}`, JSON.stringify({ seq: record.seq, savedAt: record.savedAt } satisfies Dropped));
      } catch {
        // Not even the mark fits: only this page can say it (the caller shows the warning).
      }
      return lane(() => store.put('autosave', editsKey(session), record)).then(
        (): HostResult<AutosaveEditsSaved> => {
          // The older copy in localStorage is out of date now, and its room may be wanted.
          remove(key);
          settled(session, record.seq);
          return { ok: true, value: { savedAt: record.savedAt, sync: false } };
        },
        (): HostResult<AutosaveEditsSaved> => ({ ok: false, error: { kind: 'io', message: STORE_FULL } }),
      );
    },
  };
}
