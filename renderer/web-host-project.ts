/**
 * The project half of HostApi in a plain browser: a file input to open, downloads to save,
 * IndexedDB (through WebStore) for the autosave and the recent projects, `confirm()` for unsaved
 * work, and the keyboard standing in for the desktop menu's Save shortcuts.
 */
import type { AutosaveContent, AutosaveInfo, HostApi, HostEvent, HostResult, ProjectFile, ProjectSaved, RecentProject, RestoreOffer } from '../main/host-api';
import { EDITS_KEY, EDITS_LOCAL_MAX, editsKey, editsOf, type EditsRecord } from './web-autosave-edits';
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
  const localEdits = (id: string): unknown => {
    try {
      return JSON.parse(storage?.getItem(`${EDITS_KEY}${id}`) ?? 'null') as unknown;
    } catch {
      return null;
    }
  };
  /** A session's edits that apply to its autosave `r`: from localStorage or IndexedDB, whichever is later. */
  const latestEdits = async (id: string, r: AutosaveRecord): Promise<EditsRecord | null> => editsOf(r, [localEdits(id), await store.get('autosave', editsKey(id)).catch(() => null)]);
  const forgetEdits = async (id: string): Promise<void> => {
    storage?.removeItem(`${EDITS_KEY}${id}`);
    await store.delete('autosave', editsKey(id));
  };
  /** Forgets a session's edits gathered before `seq` (all of them when it is not known). */
  const forgetEditsBefore = async (id: string, seq: number | undefined): Promise<void> => {
    const older = (e: unknown): boolean => seq === undefined || typeof (e as { seq?: unknown } | null)?.seq !== 'number' || ((e as { seq: number }).seq < seq);
    if (older(localEdits(id))) storage?.removeItem(`${EDITS_KEY}${id}`);
    if (older(await store.get('autosave', editsKey(id)).catch(() => null))) await store.delete('autosave', editsKey(id));
  };
  // This page's autosave: an earlier page's (another tab's, or one closed without asking) is never written over.
  const session = `s${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
  storage?.setItem(SESSION_KEY, 'open');
  // Held while this page lives (the browser lets it go when the tab closes or crashes): another
  // tab's autosave is offered only once its page is gone, never while that tab is still working.
  const locks = (win.navigator as Navigator & { locks?: LockManager }).locks;
  void locks?.request(`${LIVE_LOCK}${session}`, () => new Promise<void>(() => undefined)).catch(() => undefined);
  win.addEventListener('pagehide', () => {
    storage?.setItem(SESSION_KEY, 'closed');
    // A page closed (or reloaded) with unsaved work, as against one that crashed: said per autosave.
    storage?.setItem(`${CLOSED_KEY}${session}`, '1');
  });
  const live = async (): Promise<Set<string>> => {
    try {
      const state = await locks?.query();
      return new Set((state?.held ?? []).flatMap((l) => (l.name?.startsWith(LIVE_LOCK) ? [l.name.slice(LIVE_LOCK.length)] : [])));
    } catch {
      return new Set();
    }
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
  const saved = async (handle: string, name: string, bytes: Uint8Array): Promise<HostResult<ProjectSaved>> => {
    download(win, name, bytes);
    await remember(name, bytes);
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
    saveProject: ({ handle, bytes }) =>
      guard(async () => {
        const name = names.get(handle);
        return name === undefined ? fail('not-found', 'This project has no file to save to in this session; use Save As.') : saved(handle, name, bytes);
      }),
    saveProjectAs: ({ suggestedName, bytes }) =>
      guard(async () => {
        const name = /\.firebreak$/i.test(suggestedName) ? suggestedName : `${suggestedName}.firebreak`;
        return saved(handleFor(name), name, bytes);
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
    writeAutosave: ({ bytes, name, encrypted, base, seq }) =>
      guard(async () => {
        const info: AutosaveInfo = { name, savedAt: now().toISOString(), encrypted, bytes: bytes.length };
        const record: AutosaveRecord = { ...info, id: session, payload: bytes.slice(), ...(base !== undefined && seq !== undefined ? { base, seq } : {}) };
        await store.put('autosave', session, record);
        // The whole project holds every edit gathered before it: those kept apart go (a sealed project's were in the clear).
        await forgetEditsBefore(session, seq);
        return ok(info);
      }),
    writeAutosaveEdits(edits) {
      // Synchronous up to the IndexedDB write: called as the page hides, localStorage keeps them.
      const record: EditsRecord = { kind: 'edits', base: edits.base, seq: edits.seq, scenarios: edits.scenarios, viewState: edits.viewState, savedAt: now().toISOString() };
      let kept = false;
      try {
        const json = JSON.stringify(record);
        if (storage !== null && json.length <= EDITS_LOCAL_MAX) {
          storage.setItem(`${EDITS_KEY}${session}`, json);
          kept = true;
        }
      } catch {
        // Full, or not JSON: IndexedDB below.
      }
      if (kept) return Promise.resolve(ok({ savedAt: record.savedAt }));
      storage?.removeItem(`${EDITS_KEY}${session}`);
      return guard(async () => {
        await store.put('autosave', editsKey(session), record);
        return ok({ savedAt: record.savedAt });
      });
    },
    restoreOffer: () =>
      guard(async () => {
        const alive = await live();
        const earlier = (await store.all('autosave'))
          .filter(isAutosave)
          .map((r) => ({ ...r, id: r.id ?? LEGACY_AUTOSAVE_KEY }))
          .filter((r) => r.id !== session && !alive.has(r.id));
        const oldest = earlier.sort((a, b) => (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : 0))[0];
        if (oldest === undefined) return ok(null);
        const closed = oldest.id === LEGACY_AUTOSAVE_KEY ? !crashed : storage?.getItem(`${CLOSED_KEY}${oldest.id}`) === '1';
        const savedAt = (await latestEdits(oldest.id, oldest))?.savedAt ?? oldest.savedAt;
        const offer: RestoreOffer = { id: oldest.id, name: oldest.name, savedAt, encrypted: oldest.encrypted, bytes: oldest.bytes, reason: closed ? 'unsaved' : 'crash' };
        return ok(offer);
      }),
    readAutosave: (id) =>
      guard(async () => {
        const r = id === session ? null : await store.get('autosave', id);
        if (!isAutosave(r)) return fail('not-found', 'There is no autosaved work to restore.');
        const e = await latestEdits(id, r);
        const edits: AutosaveContent | null = e && { scenarios: e.scenarios, viewState: e.viewState };
        return ok({ handle: null, name: r.name, location: null, bytes: r.payload, readOnly: false, edits });
      }),
    discardAutosave: (id) =>
      guard(async () => {
        // Never a live page's (another tab's offer may be out of date by now).
        if (id !== session && !(await live()).has(id)) {
          await store.delete('autosave', id);
          await forgetEdits(id);
          storage?.removeItem(`${CLOSED_KEY}${id}`);
        }
        return ok(null);
      }),
    clearAutosave: () =>
      guard(async () => {
        await store.delete('autosave', session);
        await forgetEdits(session);
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
