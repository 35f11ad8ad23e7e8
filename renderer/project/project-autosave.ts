import type { ProjectContent } from './bridge';
import type { ProjectInfo } from './project-store';
import type { Session } from './project-session';
import { AUTOSAVE_AT_RISK_TEXT, autosaveFailedText, hostText, projectErrorText } from './project-text';

/**
 * A write of the whole project asked for soon after an edit, of the workspace already in the
 * autosave (a new seal, name or file, or a sealed project's edit), waits while the last one took
 * longer than this and the time since is under ten times that (a sealed project's: as long as it
 * took, its edits having no other way in): a big workspace is not rewritten every second or two.
 * It is not dropped: it runs when the wait ends.
 */
const FULL_SOON_MAX_MS = 500;

/** What this session's autosave holds: the workspace (counted by `tag`), when it was gathered, and how it was sealed. */
interface Base {
  tag: number;
  encrypted: boolean;
  passphrase: string | undefined;
  name: string;
  handle: string | null;
}

/** What a save wrote: the content (as `contentJson`) and the workspace (`workspaceKey`) it was gathered from. */
export interface SavedContent {
  json: string;
  /** The scenarios alone, as JSON: what makes the project unsaved when it changes (the view does not). */
  scenarios: string;
  workspace: unknown;
}

export const contentJson = (c: ProjectContent): string => JSON.stringify({ scenarios: c.scenarios, viewState: c.viewState ?? null });

/**
 * This session's autosave of unsaved work, in two parts: the whole project and the edits since —
 * the scenarios and the view only, a few KB — which the host applies over it on restore. The
 * whole part is there before the first edit: the file as it was opened or saved (`pin`), or the
 * fresh content (the demo) written clean; otherwise (another workspace imported) it is written as
 * soon as it is asked for. An edit then costs a small write, never the workspace's tables again.
 * A sealed project has no edits part (it would be in the clear): each autosave is the whole
 * project, sealed. One write at a time; calls that come meanwhile are merged into the next.
 */
export function autosaver(s: Session) {
  const { host, engine, bridge, store, now } = s;
  const timers: Pick<Window, 'setTimeout' | 'clearTimeout'> = s.timers ?? (globalThis as unknown as Window);
  let base: Base | null = null;
  /** The content last written (whole or edits), as JSON: nothing is written again until it differs. */
  let written = '';
  let key: unknown = undefined;
  let tag = 0;
  /** A file pinned (`pin`) holds the next workspace seen: that one takes the tag already counted for it. */
  let reserved = false;
  let seq = 0;
  let lastFull = { ms: 0, end: 0 };
  /** Fresh content (the demo) is shown: its workspace goes into the autosave before any edit of it. */
  let fresh = false;
  let tail: Promise<unknown> = Promise.resolve();
  let wholes: Promise<unknown> = Promise.resolve();
  let queued: { promise: Promise<boolean>; now: boolean } | null = null;
  let retry: number | null = null;

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
  /** Writes or clears the whole part after the one before: the clean copy of a file just saved, written off the chain (`keep`), never crosses another. */
  const wholePart = <T>(work: () => Promise<T>): Promise<T> => {
    const run = wholes.then(work);
    wholes = run.catch(() => undefined);
    return run;
  };

  /** Counts the workspaces the UI has shown: a new one (by identity) is a new tag. Without `workspaceKey`, every call is new. */
  function workspaceTag(): number {
    const k = bridge.workspaceKey ? bridge.workspaceKey() : {};
    if (k !== key || bridge.workspaceKey === undefined) {
      key = k;
      if (reserved) reserved = false;
      else tag += 1;
    }
    return tag;
  }

  const baseOf = (p: ProjectInfo, t: number): Base => ({ tag: t, encrypted: p.encrypted, passphrase: s.passphrase, name: p.name, handle: p.handle });
  const baseFits = (p: ProjectInfo, t: number): boolean =>
    base !== null && base.tag === t && base.encrypted === p.encrypted && base.passphrase === s.passphrase && base.name === p.name && base.handle === p.handle;

  /**
   * Edits may be written over the autosave: not while a file is being opened (what is shown is
   * about to change); while one is being saved, yes — the autosave still holds the workspace until
   * the saved file is pinned (`pin` forgets the base at once), and a page going away mid-save
   * would otherwise take the edits not yet written with it.
   */
  const writable = (p: ProjectInfo | null): p is ProjectInfo => p !== null && p.dirty && !p.readOnly && store.getState().busy !== 'opening';
  const problem = (text: string | null): void => {
    if (store.getState().autosaveProblem !== text) s.set({ autosaveProblem: text });
  };

  async function writeEdits(t: number, content: ProjectContent, json: string): Promise<boolean> {
    seq += 1;
    const w = await host.writeAutosaveEdits({ base: t, seq, scenarios: content.scenarios, viewState: content.viewState ?? null });
    if (!w.ok) {
      problem(autosaveFailedText(hostText(w.error)));
      return false;
    }
    written = json;
    s.set({ lastAutosave: w.value.savedAt });
    problem(w.value.sync ? null : AUTOSAVE_AT_RISK_TEXT);
    return true;
  }

  async function writeWhole(p: ProjectInfo, t: number, content: ProjectContent, json: string, clean: boolean): Promise<boolean> {
    const started = now().getTime();
    seq += 1;
    const at = seq;
    const passphrase = p.encrypted ? s.passphrase : undefined;
    const r = await engine.request('project.save', { createdAt: now().toISOString(), scenarios: content.scenarios, run: null, viewState: content.viewState, passphrase, autosave: true });
    if (!r.ok) {
      problem(autosaveFailedText(projectErrorText(r.error, p.name)));
      return false;
    }
    const w = await wholePart(() => host.writeAutosave({ bytes: r.value.bytes, name: p.name, handle: p.handle, encrypted: p.encrypted, base: t, seq: at, ...(clean ? { clean } : {}) }));
    const end = now().getTime();
    lastFull = { ms: end - started, end };
    if (!w.ok) {
      problem(autosaveFailedText(hostText(w.error)));
      return false;
    }
    base = baseOf(p, t);
    written = json;
    if (!clean) s.set({ lastAutosave: w.value.savedAt });
    problem(null);
    // Edits made while a sealed write ran (its key stretching takes a while) are not in it, and have no other way in: their write follows, whoever asks for it.
    if (p.encrypted && contentJson(bridge.collect()) !== json) later(wait(p, t));
    return true;
  }

  /** How long a whole write of the workspace already autosaved should still wait (0: none). */
  function wait(p: ProjectInfo, t: number): number {
    if (base === null || base.tag !== t || lastFull.ms <= FULL_SOON_MAX_MS) return 0;
    return Math.max(0, lastFull.end + (p.encrypted ? 1 : 10) * lastFull.ms - now().getTime());
  }

  function later(ms: number): void {
    if (retry !== null) return;
    retry = timers.setTimeout(() => {
      retry = null;
      void autosave('now');
    }, ms);
  }

  async function run(when: 'now' | 'soon'): Promise<boolean> {
    const p = s.current();
    const busy = store.getState().busy;
    if (p === null || p.readOnly || busy === 'opening') return false;
    const content = bridge.collect();
    const json = contentJson(content);
    const t = workspaceTag();
    // While a save runs, edits only (as `flushEdits`): the engine is busy with the save, and a whole write then would hold what the file is about to.
    if (!p.dirty) return busy === null && fresh && p.handle === null && !baseFits(p, t) ? writeWhole(p, t, content, json, true) : false;
    if (baseFits(p, t)) {
      if (json === written) return true;
      if (!p.encrypted && (await writeEdits(t, content, json))) return true;
    }
    if (busy !== null) return false;
    const ms = when === 'soon' ? wait(p, t) : 0;
    if (ms > 0) {
      later(ms);
      return false;
    }
    return writeWhole(p, t, content, json, false);
  }

  /**
   * Writes what is unsaved: the edits alone when this session's autosave holds the workspace
   * shown, else the whole project. `soon` (after an edit) lets a costly rewrite of the workspace
   * already in the autosave wait a while. True when the work is in the autosave.
   */
  function autosave(when: 'now' | 'soon' = 'now'): Promise<boolean> {
    if (queued !== null) {
      queued.now ||= when === 'now';
      return queued.promise;
    }
    const next = { now: when === 'now', promise: Promise.resolve(false) };
    next.promise = serial(() => {
      queued = null;
      return run(next.now ? 'now' : 'soon');
    });
    queued = next;
    return next.promise;
  }

  /** A file just saved of the workspace autosaved: its clean copy takes the same tag, so edits gathered after it go at once and apply over either whole part. */
  function keep(p: ProjectInfo, file: { bytes: Uint8Array; name: string; handle: string | null }, saved: SavedContent): () => Promise<void> {
    const before = base;
    const t = tag;
    seq += 1;
    const at = seq;
    fresh = false;
    const kept: Base = { ...baseOf(p, t), name: file.name, handle: file.handle };
    base = kept;
    // What the clean copy holds: edits that differ are written after it, over it.
    written = saved.json;
    const writing = wholePart(() => host.writeAutosave({ bytes: file.bytes, name: file.name, handle: file.handle, encrypted: false, base: t, seq: at, clean: true }));
    const done = writing.then(
      (w) => {
        // Not written: the earlier part stands (its name, its file); a new name or file then has the whole written again.
        if (!w.ok && base === kept) base = before;
      },
      () => undefined,
    );
    return () => done;
  }

  return {
    autosave,
    /**
     * Counts a moment of this session's autosave (`seq`) for content gathered now, to be saved: the
     * parts written before it hold nothing newer, those after it do (HostApi.saveProject's `autosaveSeq`).
     */
    stamp(): number {
      seq += 1;
      return seq;
    },
    /**
     * `file` is about to be shown (being opened) or is shown (just saved): its bytes are kept at
     * once as this session's autosave, marked clean (never offered without edits over it), so the
     * first edit has a base — for a file being opened, while the engine still reads it. Call the
     * answer once it is shown (true) or could not be (false): only then do edits go over it (at
     * once for a file just saved of the workspace autosaved: `keep`).
     */
    pin(file: { bytes: Uint8Array; name: string; handle: string | null; encrypted: boolean; saved?: SavedContent }): (shown: boolean) => Promise<void> {
      const open = s.current();
      if (file.saved !== undefined && !file.encrypted && open !== null && !open.readOnly && !reserved && base !== null && !base.encrypted && base.tag === tag && key === file.saved.workspace) {
        return keep(open, file, file.saved);
      }
      fresh = false;
      base = null;
      written = '';
      tag += 1;
      const t = tag;
      // The next workspace seen is the one this file holds: it keeps this tag.
      reserved = true;
      seq += 1;
      const at = seq;
      // A sealed file being opened reads as unsealed until the engine says: harmless, as a sealed project never has edits kept apart.
      const writing = serial(() => wholePart(() => host.writeAutosave({ bytes: file.bytes, name: file.name, handle: file.handle, encrypted: file.encrypted, base: t, seq: at, clean: true })));
      return (shown) =>
        serial(async () => {
          const w = await writing;
          // Just saved: the bytes hold the workspace and content gathered for the save, whatever changed while it ran.
          if (reserved && file.saved !== undefined) {
            reserved = false;
            key = file.saved.workspace;
          }
          workspaceTag();
          if (reserved) {
            reserved = false;
            key = bridge.workspaceKey ? bridge.workspaceKey() : {};
          }
          const p = s.current();
          if (shown && p !== null && !p.readOnly && w.ok && tag === t) {
            base = baseOf(p, t);
            written = file.saved?.json ?? contentJson(bridge.collect());
            return;
          }
          // Not shown, or read-only: nothing to keep. Not written: nothing unsaved is at risk yet; the next edit writes the whole project (and says so if that fails too).
          if (!shown || p === null || p.readOnly) await wholePart(() => host.clearAutosave());
        });
    },
    /** Fresh content (the demo) is shown: its workspace is autosaved, clean, before any edit. */
    freshContent(): void {
      fresh = true;
    },
    /**
     * The page is going away: hands the edits not yet written to the host at once, without
     * waiting for anything (the web host keeps them synchronously). Only when the autosave
     * holds the workspace shown, and never for a sealed project.
     */
    flushEdits(): void {
      const p = s.current();
      if (!writable(p) || p.encrypted) return;
      const t = workspaceTag();
      if (!baseFits(p, t)) return;
      const content = bridge.collect();
      const json = contentJson(content);
      if (json !== written) void writeEdits(t, content, json);
    },
    /** Forgets this session's autosave (after a close, or unsaved changes discarded). */
    forget(): Promise<void> {
      return serial(async () => {
        base = null;
        written = '';
        fresh = false;
        if (retry !== null) timers.clearTimeout(retry);
        retry = null;
        problem(null);
        await wholePart(() => host.clearAutosave());
      });
    },
  };
}
