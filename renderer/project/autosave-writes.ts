import { contentJson, type AutosaveBase, type Base } from './autosave-base';
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

/**
 * Writes this session's unsaved work: the edits alone (scenarios and view, a few KB) when the
 * autosave holds the workspace shown, else the whole project — sealed when the project is, and
 * then never the edits apart (they would be in the clear). One write at a time; calls that come
 * meanwhile are merged into the next.
 */
export function autosaveWrites(s: Session, b: AutosaveBase) {
  const { host, engine, bridge, store, now } = s;
  const { held, problem } = b;
  const timers: Pick<Window, 'setTimeout' | 'clearTimeout'> = s.timers ?? (globalThis as unknown as Window);
  let lastFull = { ms: 0, end: 0 };
  let queued: { promise: Promise<boolean>; now: boolean } | null = null;
  let retry: number | null = null;

  /**
   * Edits may be written over the autosave: not while a file is being opened (what is shown is
   * about to change); while one is being saved, yes — the autosave still holds the workspace until
   * the saved file is pinned (`pin` forgets the base at once), and a page going away mid-save
   * would otherwise take the edits not yet written with it.
   */
  const writable = (p: ProjectInfo | null): p is ProjectInfo => p !== null && p.dirty && !p.readOnly && store.getState().busy !== 'opening';

  /** The edits over `base`, naming it: should its copy never land (a file just saved under another name), the work still comes back under its name and file. */
  async function writeEdits(base: Base, content: ProjectContent, json: string): Promise<boolean> {
    held.seq += 1;
    const whole = { name: base.name, handle: base.handle, seq: base.seq };
    const w = await host.writeAutosaveEdits({ base: base.tag, seq: held.seq, scenarios: content.scenarios, viewState: content.viewState ?? null, whole });
    if (!w.ok) {
      problem(autosaveFailedText(hostText(w.error)));
      return false;
    }
    held.written = json;
    s.set({ lastAutosave: w.value.savedAt });
    problem(w.value.sync ? null : AUTOSAVE_AT_RISK_TEXT);
    return true;
  }

  async function writeWhole(p: ProjectInfo, t: number, content: ProjectContent, json: string, clean: boolean): Promise<boolean> {
    const started = now().getTime();
    held.seq += 1;
    const at = held.seq;
    const passphrase = p.encrypted ? s.passphrase : undefined;
    const r = await engine.request('project.save', { createdAt: now().toISOString(), scenarios: content.scenarios, run: null, viewState: content.viewState, passphrase, autosave: true });
    if (!r.ok) {
      problem(autosaveFailedText(projectErrorText(r.error, p.name)));
      return false;
    }
    const w = await b.wholePart(() => host.writeAutosave({ bytes: r.value.bytes, name: p.name, handle: p.handle, encrypted: p.encrypted, base: t, seq: at, ...(clean ? { clean } : {}) }));
    const end = now().getTime();
    lastFull = { ms: end - started, end };
    if (!w.ok) {
      problem(autosaveFailedText(hostText(w.error)));
      return false;
    }
    held.base = b.baseOf(p, t, at);
    held.written = json;
    if (!clean) s.set({ lastAutosave: w.value.savedAt });
    problem(null);
    // Edits made while a sealed write ran (its key stretching takes a while) are not in it, and have no other way in: their write follows, whoever asks for it.
    if (p.encrypted && contentJson(bridge.collect()) !== json) later(wait(p, t));
    return true;
  }

  /** How long a whole write of the workspace already autosaved should still wait (0: none). */
  function wait(p: ProjectInfo, t: number): number {
    if (held.base === null || held.base.tag !== t || lastFull.ms <= FULL_SOON_MAX_MS) return 0;
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
    const t = b.workspaceTag();
    // While a save runs, edits only (as `flushEdits`): the engine is busy with the save, and a whole write then would hold what the file is about to.
    if (!p.dirty) return busy === null && held.fresh && p.handle === null && b.baseFits(p, t) === null ? writeWhole(p, t, content, json, true) : false;
    const base = b.baseFits(p, t);
    if (base !== null) {
      if (json === held.written) return true;
      if (!p.encrypted && (await writeEdits(base, content, json))) return true;
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
    next.promise = b.serial(() => {
      queued = null;
      return run(next.now ? 'now' : 'soon');
    });
    queued = next;
    return next.promise;
  }

  return {
    autosave,
    /**
     * The page is going away: hands the edits not yet written to the host at once, without
     * waiting for anything (the web host keeps them synchronously). Only when the autosave
     * holds the workspace shown, and never for a sealed project.
     */
    flushEdits(): void {
      const p = s.current();
      if (!writable(p) || p.encrypted) return;
      const base = b.baseFits(p, b.workspaceTag());
      if (base === null) return;
      const content = bridge.collect();
      const json = contentJson(content);
      if (json !== held.written) void writeEdits(base, content, json);
    },
    /** Drops a write waiting for its time (the autosave is being forgotten). */
    cancelWaiting(): void {
      if (retry !== null) timers.clearTimeout(retry);
      retry = null;
    },
  };
}
