import { hostText, projectErrorText } from './project-text';
import { contentJson, type SavedContent } from './autosave-base';
import { autosaver } from './project-autosave';
import { UNTITLED, type Session } from './project-session';

const stem = (name: string): string => name.replace(/\.firebreak$/i, '');

/** Save, Save As (also a read-only copy for viewers), the autosave, and the question about unsaved work. */
export function saveActions(s: Session) {
  const { host, engine, bridge, store, now } = s;
  const autosaves = autosaver(s);

  /** Bytes of the project as the engine saves it (and a note when results were left out), or null (the error is in the store). */
  async function build(openAs: 'editor' | 'viewer'): Promise<{ bytes: Uint8Array; note: string; saved: SavedContent; seq: number } | null> {
    const content = bridge.collect();
    // In the same turn as the collect: autosave parts written before it hold nothing the file lacks.
    const seq = autosaves.stamp();
    const saved: SavedContent = { json: contentJson(content), scenarios: JSON.stringify(content.scenarios), workspace: bridge.workspaceKey ? bridge.workspaceKey() : undefined };
    const args = { createdAt: now().toISOString(), scenarios: content.scenarios, viewState: content.viewState, openAs, passphrase: s.current()?.encrypted ? s.passphrase : undefined };
    let note = '';
    let r = await engine.request('project.save', { ...args, run: content.run });
    if (!r.ok && content.run !== null && (r.error.kind === 'invalid-request' || r.error.kind === 'not-found')) {
      // The last run no longer belongs to this workspace or scenario: keep the work, drop the stale results.
      r = await engine.request('project.save', { ...args, run: null });
      note = ' without results (the last run no longer matches the workspace; run again to include them)';
    }
    if (!r.ok) {
      s.failed(projectErrorText(r.error, s.current()?.name ?? UNTITLED));
      return null;
    }
    return { bytes: r.value.bytes, note, saved, seq };
  }

  /** True when the UI changed while the save ran (an edit, an import): the saved file does not hold it, the project stays unsaved. */
  const changedSince = (saved: SavedContent): boolean =>
    (bridge.workspaceKey !== undefined && bridge.workspaceKey() !== saved.workspace) || JSON.stringify(bridge.collect().scenarios) !== saved.scenarios;

  /** The saved bytes are the base of the edits to come (the autosave's whole part, clean). */
  async function saved(bytes: Uint8Array, content: SavedContent): Promise<void> {
    s.set({ autosaveProblem: null });
    const p = s.current();
    if (p !== null) {
      void autosaves.pin({ bytes, name: p.name, handle: p.handle, encrypted: p.encrypted, saved: content })(true);
      // Edits made while it saved are not in the file: written over it at once.
      if (p.dirty) void autosaves.autosave('now');
    }
    await s.refreshRecent();
  }

  async function saving(work: () => Promise<boolean>): Promise<boolean> {
    if (s.current() === null || store.getState().busy !== null) return false;
    s.set({ busy: 'saving', error: null });
    try {
      return await work();
    } finally {
      s.set({ busy: null });
      // A whole write waits while a save runs, and a sealed project's edits have no other way in: what came meanwhile goes now.
      if (s.current()?.dirty === true) void autosaves.autosave('now');
    }
  }

  /** Save As: the saved file becomes the open, editable project. With `viewerCopy`, it writes a read-only copy for viewers and stays on the current file. */
  const saveAs = (options: { viewerCopy?: boolean } = {}): Promise<boolean> =>
    saving(async () => {
      const name = s.current()?.name ?? UNTITLED;
      const built = await build(options.viewerCopy ? 'viewer' : 'editor');
      if (built === null) return false;
      // A viewer copy does not become the project: the autosave still holds what is unsaved in it.
      const r = await host.saveProjectAs({ suggestedName: options.viewerCopy ? `${stem(name)} (view only)` : stem(name), bytes: built.bytes, ...(options.viewerCopy ? {} : { autosaveSeq: built.seq }) });
      if (!r.ok) return s.failed(hostText(r.error));
      if (r.value === null) return false;
      if (options.viewerCopy) {
        s.set({ notice: `Saved a read-only copy for viewers: ${r.value.name}${built.note}` });
        await s.refreshRecent();
        return true;
      }
      s.patchProject({ name: r.value.name, handle: r.value.handle, location: r.value.location, readOnly: false, readOnlyReason: null, dirty: changedSince(built.saved) });
      s.set({ notice: `Saved ${r.value.name}${built.note}` });
      await saved(built.bytes, built.saved);
      return true;
    });

  /** Save in place; an untitled or read-only project is saved as (an editable copy). */
  async function save(): Promise<boolean> {
    const p = s.current();
    if (p !== null && (p.readOnly || p.handle === null)) return saveAs();
    return saving(async () => {
      const handle = p?.handle ?? '';
      const built = await build('editor');
      if (built === null) return false;
      const r = await host.saveProject({ handle, bytes: built.bytes, autosaveSeq: built.seq });
      if (!r.ok) return s.failed(hostText(r.error));
      s.patchProject({ dirty: changedSince(built.saved), name: r.value.name, location: r.value.location });
      s.set({ notice: `Saved ${r.value.name}${built.note}` });
      await saved(built.bytes, built.saved);
      return true;
    });
  }

  /** True when there is nothing unsaved, or the user saved or discarded it. */
  async function settleUnsaved(): Promise<boolean> {
    const p = s.current();
    if (p === null || !p.dirty) return true;
    const choice = await host.confirmUnsaved({ name: p.name });
    if (!choice.ok) return s.failed(hostText(choice.error));
    if (choice.value === 'save') return save();
    if (choice.value === 'discard') {
      await autosaves.forget();
      return true;
    }
    return false;
  }

  /**
   * A copy of unsaved work in the host's data folder (or IndexedDB), sealed when the project is
   * (project-autosave.ts: the whole project, then only the edits while the workspace stays).
   * Results are left out (they can be large): a restored project opens without them, to be run
   * again. Each session has its own: an earlier session's work offered for restore is never
   * written over. True when the work is in the autosave.
   */
  const autosave = (): Promise<boolean> => autosaves.autosave('now');

  return {
    save,
    saveAs,
    settleUnsaved,
    autosave,
    autosaveSoon: () => autosaves.autosave('soon'),
    flushEdits: autosaves.flushEdits,
    forgetAutosave: autosaves.forget,
    pinAutosave: autosaves.pin,
    freshContent: autosaves.freshContent,
  };
}
