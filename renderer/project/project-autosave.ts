import type { ProjectContent } from './bridge';
import type { ProjectInfo } from './project-store';
import type { Session } from './project-session';

/**
 * A write of the whole project that was asked for soon after an edit (not by the 30 s timer,
 * the window hiding or closing) waits while the last one took longer than this and the time
 * since is under ten times that: a big workspace is not rewritten every second or two.
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

const contentJson = (c: ProjectContent): string => JSON.stringify({ scenarios: c.scenarios, viewState: c.viewState ?? null });

/**
 * This session's autosave of unsaved work, in two parts: the whole project (workspace included,
 * the engine's `project.save` without results) and, once that is written, the edits since — the
 * scenarios and the view only, a few KB — which the host applies over it on restore. An edit
 * then costs a small write, never the workspace's tables again; the whole project is written
 * again only when the workspace, the name, the file or the seal changed. A sealed project has
 * no edits part (it would be in the clear): each autosave is the whole project, sealed.
 */
export function autosaver(s: Session) {
  const { host, engine, bridge, store, now } = s;
  let base: Base | null = null;
  /** The content last written (whole or edits), as JSON: nothing is written again until it differs. */
  let written = '';
  let key: unknown = undefined;
  let tag = 0;
  let seq = 0;
  let running = false;
  let again = false;
  let lastFull = { ms: 0, end: 0 };

  /** Counts the workspaces the UI has shown: a new one (by identity) is a new tag. Without `workspaceKey`, every call is new. */
  function workspaceTag(): number {
    const k = bridge.workspaceKey ? bridge.workspaceKey() : {};
    if (k !== key || bridge.workspaceKey === undefined) {
      key = k;
      tag += 1;
    }
    return tag;
  }

  const baseFits = (p: ProjectInfo, t: number): boolean =>
    base !== null && base.tag === t && base.encrypted === p.encrypted && base.passphrase === s.passphrase && base.name === p.name && base.handle === p.handle;

  const writable = (p: ProjectInfo | null): p is ProjectInfo => p !== null && p.dirty && !p.readOnly && store.getState().busy === null;

  async function writeEdits(t: number, content: ProjectContent, json: string): Promise<boolean> {
    seq += 1;
    const w = await host.writeAutosaveEdits({ base: t, seq, scenarios: content.scenarios, viewState: content.viewState ?? null });
    if (!w.ok) return false;
    written = json;
    s.set({ lastAutosave: w.value.savedAt });
    return true;
  }

  async function writeWhole(p: ProjectInfo, t: number, content: ProjectContent, json: string): Promise<boolean> {
    const started = now().getTime();
    seq += 1;
    const at = seq;
    const passphrase = p.encrypted ? s.passphrase : undefined;
    const r = await engine.request('project.save', { createdAt: now().toISOString(), scenarios: content.scenarios, run: null, viewState: content.viewState, passphrase, autosave: true });
    if (!r.ok) return false;
    const w = await host.writeAutosave({ bytes: r.value.bytes, name: p.name, handle: p.handle, encrypted: p.encrypted, base: t, seq: at });
    const end = now().getTime();
    lastFull = { ms: end - started, end };
    if (!w.ok) return false;
    base = { tag: t, encrypted: p.encrypted, passphrase: s.passphrase, name: p.name, handle: p.handle };
    written = json;
    s.set({ lastAutosave: w.value.savedAt });
    return true;
  }

  /**
   * Writes what is unsaved: the edits alone when this session's autosave holds the workspace
   * shown, else the whole project. `soon` (after an edit) lets a costly whole write wait for the
   * 30 s timer or the window hiding. True when the work is in the autosave.
   */
  async function autosave(when: 'now' | 'soon' = 'now'): Promise<boolean> {
    const p = s.current();
    if (!writable(p)) return false;
    if (running) {
      again = true;
      return false;
    }
    running = true;
    try {
      const content = bridge.collect();
      const json = contentJson(content);
      const t = workspaceTag();
      if (baseFits(p, t)) {
        if (json === written) return true;
        if (!p.encrypted && (await writeEdits(t, content, json))) return true;
      }
      const sinceFull = now().getTime() - lastFull.end;
      if (when === 'soon' && lastFull.ms > FULL_SOON_MAX_MS && sinceFull < 10 * lastFull.ms) return false;
      return await writeWhole(p, t, content, json);
    } finally {
      running = false;
      if (again) {
        again = false;
        void autosave('soon');
      }
    }
  }

  return {
    autosave,
    /**
     * The page is going away: hands the edits not yet written to the host at once, without
     * waiting for anything (the web host keeps them synchronously). Only when the autosave
     * already holds the workspace shown, and never for a sealed project.
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
    /** Forgets this session's autosave (after a save, a close, or unsaved changes discarded). */
    async forget(): Promise<void> {
      base = null;
      written = '';
      await host.clearAutosave();
    },
  };
}
