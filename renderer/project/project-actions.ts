import type { HostEvent } from '../../main/host-api';
import type { ContentChange, UiCommands } from './bridge';
import { openActions } from './project-open';
import { saveActions } from './project-save';
import { createSession, UNTITLED, type ProjectDeps } from './project-session';

import type { ProjectActions } from './project-api';

export type { ProjectDeps } from './project-session';
export type { ProjectActions } from './project-api';

/**
 * Everything one does with a project: new, open (with a passphrase when sealed), save, save as
 * (also as a read-only copy for viewers), close, autosave and restore, viewer mode and
 * passphrases. Unsaved work is never dropped without asking. Each action reports through the
 * store and resolves; none throws.
 */
export function createProjectActions(deps: ProjectDeps): ProjectActions {
  const s = createSession(deps);
  const saves = saveActions(s);
  const { forgetAutosave, pinAutosave, freshContent, ...saving } = saves;
  const opens = openActions(s, saves.settleUnsaved, saves.autosave, forgetAutosave, pinAutosave);

  const actions: ProjectActions = {
    ...saving,
    ...opens,
    refreshRecent: s.refreshRecent,
    /** New: an empty, untitled project (after asking about unsaved work). */
    newProject: opens.close,
    /** The UI's content changed. In viewer mode nothing may change it: false (the UI should have prevented it). */
    contentChanged(change: ContentChange): boolean {
      if (s.applying) return true;
      const p = s.current();
      if (p?.readOnly) return false;
      const untitled = (dirty: boolean): void => {
        s.passphrase = undefined;
        s.set({ project: { name: UNTITLED, handle: null, location: null, readOnly: false, readOnlyReason: null, dirty, encrypted: false, meta: null } });
      };
      // Fresh content (the demo) replaces what a file held: Save must not write it over that file.
      if (change === 'fresh') {
        if (p === null || p.handle !== null) untitled(false);
        freshContent();
      } else if (p === null) untitled(true);
      else if (!p.dirty) s.patchProject({ dirty: true });
      return true;
    },
    /** Viewer mode on: nothing can be changed until Save As makes an editable copy. */
    lock(): void {
      const p = s.current();
      if (p && !p.readOnly) s.patchProject({ readOnly: true, readOnlyReason: 'user' });
    },
    /** Asks for a passphrase (twice) to seal this project from its next save on. */
    async protect(): Promise<boolean> {
      const p = s.current();
      if (p === null || p.readOnly) return false;
      const phrase = await s.prompts.ask({ purpose: 'protect', name: p.name, retry: false });
      if (phrase === null) return false;
      s.passphrase = phrase;
      s.patchProject({ encrypted: true, dirty: true });
      // The autosave is sealed at once (a crash must not bring the work back unsealed), not at the next edit.
      void saves.autosave();
      return true;
    },
    /** Saves from now on are not encrypted. */
    unprotect(): void {
      if (!s.current()?.encrypted) return;
      s.passphrase = undefined;
      s.patchProject({ encrypted: false, dirty: true });
      void saves.autosave();
    },
    submitPassphrase: (value: string) => s.prompts.answer(value),
    cancelPassphrase: () => s.prompts.answer(null),
    clearError: () => s.set({ error: null }),
    /** Host events: project menu commands here, the others to the UI; a file to open; the window closing. */
    async handleHostEvent(event: HostEvent, ui: UiCommands): Promise<void> {
      if (event.type === 'open-project') {
        await opens.openHandedOver(event.file);
        return;
      }
      if (event.type === 'close-requested') {
        await saves.autosave();
        const proceed = await saves.settleUnsaved();
        await deps.host.respondToClose({ proceed });
        return;
      }
      const c = event.command;
      if (c === 'new') await opens.close();
      else if (c === 'open') await opens.open();
      else if (c === 'save') await saves.save();
      else if (c === 'save-as') await saves.saveAs();
      else if (c === 'close') await opens.close();
      else ui.command(c);
    },
  };
  return actions;
}
