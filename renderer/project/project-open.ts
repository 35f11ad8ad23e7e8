import type { OpenedProject } from '../../engine/protocol';
import type { HostFile, ProjectFile } from '../../main/host-api';
import { hostText, projectErrorText } from './project-text';
import type { Session } from './project-session';

let runCounter = 0;

/** Opening: from the dialog, the recent list, a drop, the OS, or the autosave; and Close. */
export function openActions(
  s: Session,
  settleUnsaved: () => Promise<boolean>,
  autosave: () => Promise<boolean>,
  forgetAutosave: () => Promise<void>,
  pinAutosave: (file: { bytes: Uint8Array; name: string; handle: string | null; encrypted: boolean }) => (shown: boolean) => Promise<void>,
) {
  const { host, engine, bridge } = s;

  function show(opened: OpenedProject, file: ProjectFile, dirty: boolean): void {
    s.quietly(() => bridge.apply(opened, file.name));
    const author = opened.meta.openAs === 'viewer';
    s.set({
      project: {
        name: file.name,
        handle: file.handle,
        location: file.location,
        readOnly: file.readOnly || author,
        readOnlyReason: file.readOnly ? 'file' : author ? 'author' : null,
        dirty,
        encrypted: opened.meta.encrypted,
        meta: opened.meta,
      },
      notice: file.readOnly || author ? `Opened ${file.name} read-only: use Save As for an editable copy.` : `Opened ${file.name}`,
    });
  }

  async function checkRestore(): Promise<void> {
    const r = await host.restoreOffer();
    if (r.ok) s.set({ restore: r.value });
  }

  /** Opens bytes in the engine, asking for the passphrase as long as it is needed and wrong. */
  async function openBytes(file: ProjectFile, dirty = false): Promise<boolean> {
    s.set({ busy: 'opening', error: null });
    try {
      let phrase: string | undefined;
      for (;;) {
        // A copy is transferred to the worker, so a retry with a passphrase still has the bytes.
        const copy = file.bytes.slice();
        runCounter += 1;
        const r = await engine.request('project.open', { bytes: copy, passphrase: phrase, runId: `project-${runCounter}` }, [copy.buffer]);
        if (r.ok) {
          s.passphrase = phrase;
          // An autosave's later edits (its scenarios and view) stand in for those it holds.
          const edits = file.edits ?? null;
          show(edits === null ? r.value : { ...r.value, scenarios: edits.scenarios, viewState: edits.viewState }, file, dirty);
          return true;
        }
        if (r.error.kind !== 'passphrase-required' && r.error.kind !== 'wrong-passphrase') return s.failed(projectErrorText(r.error, file.name));
        const answer = await s.prompts.ask({ purpose: 'open', name: file.name, retry: r.error.kind === 'wrong-passphrase' });
        if (answer === null) return false;
        phrase = answer;
      }
    } finally {
      s.set({ busy: null });
    }
  }

  /** Opens a file once unsaved work is settled (`settled`: the caller already asked). */
  async function openFile(file: ProjectFile, settled = false): Promise<boolean> {
    if (!settled && !(await settleUnsaved())) return false;
    // The file is the base of the first edit's autosave: kept while the engine opens it, before that edit can come.
    const pinned = file.readOnly ? null : pinAutosave({ bytes: file.bytes, name: file.name, handle: file.handle, encrypted: false });
    const opened = await openBytes(file);
    if (pinned !== null) await pinned(opened);
    else if (opened) await forgetAutosave();
    if (opened) await s.refreshRecent();
    return opened;
  }

  return {
    openFile,
    /** The Open dialog (projects). */
    async open(): Promise<boolean> {
      if (!(await settleUnsaved())) return false;
      const r = await host.openProject();
      if (!r.ok) return s.failed(hostText(r.error));
      return r.value === null ? false : openFile(r.value, true);
    },
    async openRecent(id: string): Promise<boolean> {
      if (!(await settleUnsaved())) return false;
      const r = await host.openRecent(id);
      if (r.ok) return openFile(r.value, true);
      await s.refreshRecent();
      return s.failed(hostText(r.error));
    },
    /** A `.firebreak` file dropped on the window (no file to save back to: Save asks where). */
    openDropped: (file: HostFile) => openFile({ handle: null, name: file.name, location: null, bytes: file.bytes, readOnly: false }),
    /** A project file the host handed over (file association, Open Recent in the menu), after asking about unsaved work. */
    openHandedOver: (file: ProjectFile) => openFile(file),
    /** New and Close: ask about unsaved work, then empty the UI. */
    async close(): Promise<boolean> {
      if (!(await settleUnsaved())) return false;
      s.quietly(() => bridge.reset());
      s.passphrase = undefined;
      s.set({ project: null, notice: null, error: null });
      await forgetAutosave();
      return true;
    },
    /** Looks for work an earlier session left unsaved (the oldest first). */
    checkRestore,
    /**
     * Opens the offered work, as unsaved (it saves back to its own file when it had one). Once it
     * is autosaved as this session's, the earlier session's copy goes, and the next one, if any,
     * is offered.
     */
    async restore(): Promise<boolean> {
      const offer = s.store.getState().restore;
      if (offer === null) return false;
      const r = await host.readAutosave(offer.id);
      s.set({ restore: null });
      if (!r.ok) return s.failed(hostText(r.error));
      if (!(await settleUnsaved()) || !(await openBytes(r.value, true))) {
        s.set({ restore: offer });
        return false;
      }
      // A read-only project (a viewer's) is never autosaved: its earlier copy has nothing more to keep.
      if ((await autosave()) || s.current()?.readOnly === true) {
        await host.discardAutosave(offer.id);
        await checkRestore();
      }
      return true;
    },
    async discardRestore(): Promise<void> {
      const offer = s.store.getState().restore;
      s.set({ restore: null });
      if (offer === null) return;
      await host.discardAutosave(offer.id);
      await checkRestore();
    },
  };
}
