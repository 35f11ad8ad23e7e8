/**
 * The project half of HostApi in a plain browser: a file input to open, downloads to save,
 * IndexedDB (through WebStore) for the autosave and the recent projects, `confirm()` for unsaved
 * work, and the keyboard standing in for the desktop menu's Save shortcuts.
 */
import type { AutosaveContent, AutosaveInfo, HostApi, HostEvent, HostResult, ProjectFile, ProjectSaved, RecentProject, RestoreOffer } from '../main/host-api';
import { DROPPED_KEY, EDITS_KEY, editsSession, webEdits, type EditsRecord } from './web-autosave-edits';
import { SAVED_KEY, latestName, readSavedMark, writeSavedMark } from './web-autosave-saved';
import type { WebStore } from './web-store';

type ProjectHostApi = Omit<HostApi, 'openFiles' | 'saveFile' | 'printReport' | 'readDemo' | 'appInfo' | 'onMenuCommand'>;

const RECENT_KEEP = 5;
/** Larger projects are listed as recent without their bytes (the browser's quota is not ours to fill). */
const RECENT_MAX_BYTES = 256 * 1024 * 1024;
const SESSION_KEY = 'firebreak.session';
/** The one autosave of versions before each session had its own: offered like an earlier session's. */
const LEGACY_AUTOSAVE_KEY = 'current';
/** The Web Lock a page holds while it lives, by session. */
const LIVE_LOCK = 'firebreak.live.';
/** localStorage: a page of this session was closed (not crashed). */
const CLOSED_KEY = 'firebreak.closed.';

interface RecentRecord {
  id: string;
  name: string;
  openedAt: string;
  /** Increases with every open or save: the order, even within one millisecond. */
  seq: number;
  bytes: Uint8Array | null;
}

interface AutosaveRecord extends AutosaveInfo {
  /** The session that wrote it (absent in the legacy record). */
  id?: string;
  payload: Uint8Array;
  /** Which workspace and moment of the session the payload holds (absent before edits were kept apart). */
  base?: number;
  seq?: number;
  /** The payload is a file as opened or saved (AutosaveRequest.clean): offered only with edits over it. */
  clean?: boolean;
}

const ok = <T>(value: T): HostResult<T> => ({ ok: true, value });
const fail = (kind: 'not-found' | 'io' | 'unavailable', message: string): HostResult<never> => ({ ok: false, error: { kind, message } });

function isRecent(v: unknown): v is RecentRecord {
  const r = v as Partial<RecentRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    typeof r.openedAt === 'string' &&
    typeof r.seq === 'number' &&
    (r.bytes === null || r.bytes instanceof Uint8Array)
  );
}

function isAutosave(v: unknown): v is AutosaveRecord {
  const r = v as Partial<AutosaveRecord> | null;
  return typeof r === 'object' && r !== null && typeof r.name === 'string' && typeof r.savedAt === 'string' && typeof r.encrypted === 'boolean' && r.payload instanceof Uint8Array;
}

const newId = (): string => crypto.randomUUID().replace(/-/g, '').slice(0, 16);

async function recentRecords(store: WebStore): Promise<RecentRecord[]> {
  return (await store.all('recent')).filter(isRecent).sort((a, b) => b.seq - a.seq);
}

export function download(win: Window, name: string, bytes: Uint8Array): void {
  const doc = win.document;
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/octet-stream' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  win.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One `.firebreak` file from a file input; null when the user cancels. */
function pickProject(doc: Document): Promise<File | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = '.firebreak';
    input.style.display = 'none';
    const done = (file: File | null): void => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    doc.body.append(input);
    input.click();
  });
}

function menuKey(e: KeyboardEvent): HostEvent | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && key === 's') return { type: 'menu', command: e.shiftKey ? 'save-as' : 'save' };
  if (e.key === 'F1' && !mod) return { type: 'menu', command: 'user-guide' };
  return null;
}

export function createWebProjectHost(win: Window, store: WebStore, now: () => Date = () => new Date()): ProjectHostApi {
  // Downloads have no path to save back to: a handle stands for the file name to download again.
  const names = new Map<string, string>();
  const handleFor = (name: string): string => {
    const handle = crypto.randomUUID();
    names.set(handle, name);
    return handle;
  };
  const listeners = new Set<(event: HostEvent) => void>();
  let keys = false;
  let dirty = false;
  const storage = ((): Storage | null => {
    try {
      return win.localStorage;
    } catch {
      return null;
    }
  })();
  const crashed = storage?.getItem(SESSION_KEY) === 'open';
  // This page's autosave: an earlier page's (another tab's, or one closed without asking) is never written over.
  const session = `s${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
  const edits = webEdits(storage, store, session);
  try {
    storage?.setItem(SESSION_KEY, 'open');
  } catch {
    // A refused localStorage: a crash is then told from a close only by the Web Lock.
  }
  // Held while this page lives (the browser lets it go when the tab closes or crashes): another
  // tab's autosave is offered only once its page is gone, never while that tab is still working.
  const locks = (win.navigator as Navigator & { locks?: LockManager }).locks;
  void locks?.request(`${LIVE_LOCK}${session}`, () => new Promise<void>(() => undefined)).catch(() => undefined);
  win.addEventListener('pagehide', () => {
    try {
      storage?.setItem(SESSION_KEY, 'closed');
      // A page closed (or reloaded) with unsaved work, as against one that crashed: said per autosave.
      storage?.setItem(`${CLOSED_KEY}${session}`, '1');
    } catch {
      // Refused: the work is then offered as a crash's; only the wording differs.
    }
  });
  /** Forgets an earlier page's autosave, its edits and its marks. */
  const forget = async (id: string): Promise<void> => {
    await store.delete('autosave', id);
    await edits.forget(id);
    storage?.removeItem(`${CLOSED_KEY}${id}`);
    storage?.removeItem(`${SAVED_KEY}${id}`);
  };
  /** An earlier session's autosave `r` (with the edits `later` over it) holds only what it saved: nothing gathered after its save, kept or lost. */
  const saved = (r: AutosaveRecord & { id: string }, later: EditsRecord | null): boolean => {
    const upTo = readSavedMark(storage, r.id)?.seq ?? null;
    return upTo !== null && r.seq !== undefined && r.seq <= upTo && (later === null || later.seq <= upTo) && edits.dropped(r.id, upTo) === null;
  };
  const live = async (): Promise<Set<string>> => {
    try {
      const state = await locks?.query();
      return new Set((state?.held ?? []).flatMap((l) => (l.name?.startsWith(LIVE_LOCK) ? [l.name.slice(LIVE_LOCK.length)] : [])));
    } catch {
      return new Set();
    }
  };
  /**
   * Forgets the marks and edits of earlier pages that left no autosave (nothing opened, or closed
   * or discarded before the page went): every page leaves a closed mark as it goes, and without
   * this they piled up, one a load, in the storage the edits need — and edits kept only in
   * IndexedDB (too large for localStorage, or it was full) piled up there.
   */
  const sweep = async (alive: Set<string>, kept: Set<string>, keys: string[]): Promise<void> => {
    const gone = new Set<string>();
    const consider = (id: string | null): void => {
      if (id !== null && id !== '' && id !== session && !alive.has(id) && !kept.has(id)) gone.add(id);
    };
    for (const k of keys) consider(editsSession(k));
    const prefixes = [CLOSED_KEY, EDITS_KEY, DROPPED_KEY, SAVED_KEY];
    try {
      for (let i = 0; storage !== null && i < storage.length; i++) {
        const k = storage.key(i) ?? '';
        const prefix = prefixes.find((p) => k.startsWith(p));
        consider(prefix === undefined ? null : k.slice(prefix.length));
      }
    } catch {
      // The localStorage marks stay for the next load; the IndexedDB edits go below.
    }
    for (const id of gone) await forget(id).catch(() => undefined);
  };
  const onBeforeUnload = (e: BeforeUnloadEvent): void => {
    if (!dirty) return;
    e.preventDefault();
    e.returnValue = '';
  };
  win.addEventListener('beforeunload', onBeforeUnload);

  const remember = async (name: string, bytes: Uint8Array): Promise<void> => {
    const all = await recentRecords(store);
    const id = all.find((r) => r.name === name)?.id ?? newId();
    const record: RecentRecord = { id, name, openedAt: now().toISOString(), seq: (all[0]?.seq ?? 0) + 1, bytes: bytes.length <= RECENT_MAX_BYTES ? bytes.slice() : null };
    await store.put('recent', id, record);
    for (const old of all.filter((r) => r.id !== id).slice(RECENT_KEEP - 1)) await store.delete('recent', old.id);
  };
  const guard = async <T>(work: () => Promise<HostResult<T>>): Promise<HostResult<T>> => {
    try {
      return await work();
    } catch {
      return fail('io', 'The browser could not store the data (storage may be full or disabled).');
    }
  };
  const done = async (handle: string, name: string, bytes: Uint8Array, autosaveSeq: number | undefined): Promise<HostResult<ProjectSaved>> => {
    download(win, name, bytes);
    if (autosaveSeq !== undefined) writeSavedMark(storage, session, { seq: autosaveSeq, name });
    // The file is downloaded: a recent list the browser's storage cannot hold does not undo that.
    await remember(name, bytes).catch(() => undefined);
    return ok({ handle, name, location: null });
  };

  return {
    async openProject() {
      const file = await pickProject(win.document);
      if (file === null) return ok(null);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        return fail('io', `Could not read "${file.name}".`);
      }
      await remember(file.name, bytes).catch(() => undefined);
      return ok({ handle: handleFor(file.name), name: file.name, location: null, bytes, readOnly: false });
    },
    saveProject: ({ handle, bytes, autosaveSeq }) =>
      guard(async () => {
        const name = names.get(handle);
        return name === undefined ? fail('not-found', 'This project has no file to save to in this session; use Save As.') : done(handle, name, bytes, autosaveSeq);
      }),
    saveProjectAs: ({ suggestedName, bytes, autosaveSeq }) =>
      guard(async () => {
        const name = /\.firebreak$/i.test(suggestedName) ? suggestedName : `${suggestedName}.firebreak`;
        return done(handleFor(name), name, bytes, autosaveSeq);
      }),
    recentProjects: () =>
      guard(async () => {
        const all = await recentRecords(store);
        return ok(all.map((r): RecentProject => ({ id: r.id, name: r.name, location: null, openedAt: r.openedAt })));
      }),
    openRecent: (id) =>
      guard(async () => {
        const r = await store.get('recent', id);
        if (!isRecent(r)) return fail('not-found', 'That project is no longer in the recent list.');
        if (r.bytes === null) return fail('not-found', `"${r.name}" was too large to keep in the browser; open it from disk.`);
        await remember(r.name, r.bytes);
        return ok({ handle: handleFor(r.name), name: r.name, location: null, bytes: r.bytes, readOnly: false } satisfies ProjectFile);
      }),
    clearRecent: () =>
      guard(async () => {
        for (const r of (await store.all('recent')).filter(isRecent)) await store.delete('recent', r.id);
        return ok(null);
      }),
    async setProjectState(state) {
      dirty = state.dirty;
      win.document.title = state.title === null ? 'Firebreak' : `${state.title}${state.dirty ? ' •' : ''}${state.readOnly ? ' (read-only)' : ''} — Firebreak`;
      return ok(null);
    },
    writeAutosave: ({ bytes, name, encrypted, base, seq, clean }) =>
      guard(async () => {
        const info: AutosaveInfo = { name, savedAt: now().toISOString(), encrypted, bytes: bytes.length };
        const order = base !== undefined && seq !== undefined ? { base, seq } : {};
        const record: AutosaveRecord = { ...info, id: session, payload: bytes.slice(), ...order, ...(clean === true ? { clean } : {}) };
        await store.put('autosave', session, record);
        // The whole project holds every edit gathered before it: those kept apart go (a sealed project's were in the clear).
        await edits.forgetBefore(session, seq);
        return ok(info);
      }),
    // Synchronous up to the IndexedDB write: called as the page hides, localStorage keeps them.
    writeAutosaveEdits: (e) =>
      edits.write({ kind: 'edits', base: e.base, seq: e.seq, scenarios: e.scenarios, viewState: e.viewState, savedAt: now().toISOString(), ...(e.whole === undefined ? {} : { whole: e.whole }) }),
    restoreOffer: () =>
      guard(async () => {
        const alive = await live();
        const records = (await store.all('autosave')).filter(isAutosave);
        await sweep(alive, new Set(records.flatMap((r) => (r.id === undefined ? [] : [r.id]))), await store.keys('autosave'));
        const earlier = records
          .map((r) => ({ ...r, id: r.id ?? LEGACY_AUTOSAVE_KEY }))
          .filter((r) => r.id !== session && !alive.has(r.id));
        const work: (AutosaveRecord & { id: string; later: EditsRecord | null })[] = [];
        for (const r of earlier) {
          const later = await edits.latest(r.id, r);
          // A file as it was opened or saved, and nothing done to it since: no work to offer.
          if ((r.clean === true && later === null && edits.dropped(r.id, r.seq) === null) || saved(r, later)) await forget(r.id);
          else work.push({ ...r, later });
        }
        const oldest = work.sort((a, b) => (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : 0))[0];
        if (oldest === undefined) return ok(null);
        const closed = oldest.id === LEGACY_AUTOSAVE_KEY ? !crashed : storage?.getItem(`${CLOSED_KEY}${oldest.id}`) === '1';
        const dropped = edits.dropped(oldest.id, oldest.later?.seq ?? oldest.seq);
        const offer: RestoreOffer = {
          id: oldest.id,
          name: latestName(oldest, oldest.later, readSavedMark(storage, oldest.id)),
          savedAt: oldest.later?.savedAt ?? oldest.savedAt,
          encrypted: oldest.encrypted,
          bytes: oldest.bytes,
          reason: closed ? 'unsaved' : 'crash',
          ...(dropped === null ? {} : { dropped }),
        };
        return ok(offer);
      }),
    readAutosave: (id) =>
      guard(async () => {
        const r = id === session ? null : await store.get('autosave', id);
        if (!isAutosave(r)) return fail('not-found', 'There is no autosaved work to restore.');
        const e = await edits.latest(id, r);
        const later: AutosaveContent | null = e && { scenarios: e.scenarios, viewState: e.viewState };
        return ok({ handle: null, name: latestName(r, e, readSavedMark(storage, id)), location: null, bytes: r.payload, readOnly: false, edits: later });
      }),
    discardAutosave: (id) =>
      guard(async () => {
        // Never a live page's (another tab's offer may be out of date by now).
        if (id !== session && !(await live()).has(id)) await forget(id);
        return ok(null);
      }),
    clearAutosave: () =>
      guard(async () => {
        await store.delete('autosave', session);
        await edits.forget(session);
        storage?.removeItem(`${SAVED_KEY}${session}`);
        return ok(null);
      }),
    async confirmUnsaved({ name }) {
      return ok(win.confirm(`“${name}” has unsaved changes. Discard them?`) ? 'discard' : 'cancel');
    },
    respondToClose: async () => ok(null),
    onHostEvent(listener) {
      listeners.add(listener);
      if (!keys) {
        keys = true;
        win.addEventListener('keydown', (e) => {
          const event = menuKey(e);
          if (event === null || listeners.size === 0) return;
          e.preventDefault();
          for (const l of listeners) l(event);
        });
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
