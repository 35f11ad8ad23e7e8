import type { HostEvent, HostFile, ProjectFile } from '../../main/host-api';
import type { ContentChange, UiCommands } from './bridge';

/** What the UI can do with projects (useProjectActions()). Every action resolves; none throws; outcomes go to the store. */
export interface ProjectActions {
  /** New: an empty, untitled project (after asking about unsaved work). */
  newProject(): Promise<boolean>;
  /** Close: the same; the start page shows. */
  close(): Promise<boolean>;
  /** The Open dialog for `.firebreak` files. */
  open(): Promise<boolean>;
  openRecent(id: string): Promise<boolean>;
  /** A `.firebreak` file dropped on the window. */
  openDropped(file: HostFile): Promise<boolean>;
  /** A project file the host handed over (file association, the menu's Open Recent). */
  openHandedOver(file: ProjectFile): Promise<boolean>;
  openFile(file: ProjectFile, settled?: boolean): Promise<boolean>;
  /** In place; an untitled or read-only project goes to Save As. */
  save(): Promise<boolean>;
  /** Asks where; the copy becomes the open, editable project — or, with `viewerCopy`, a read-only copy for viewers. */
  saveAs(options?: { viewerCopy?: boolean }): Promise<boolean>;
  /** True when nothing is unsaved, or the user saved or discarded it. */
  settleUnsaved(): Promise<boolean>;
  /** Writes this session's autosave of unsaved work; true when the work is in it. */
  autosave(): Promise<boolean>;
  /** The same, soon after an edit: a costly write of the whole project may wait for autosave(). */
  autosaveSoon(): Promise<boolean>;
  /** The page is going away: the edits not yet autosaved go to the host at once (synchronously on the web). */
  flushEdits(): void;
  refreshRecent(): Promise<void>;
  checkRestore(): Promise<void>;
  restore(): Promise<boolean>;
  discardRestore(): Promise<void>;
  /** The UI's content changed; false in viewer mode (the edit should not have happened). */
  contentChanged(change: ContentChange): boolean;
  /** Viewer mode on, until Save As makes an editable copy. */
  lock(): void;
  /** Asks a new passphrase (twice); every later save is sealed with it. */
  protect(): Promise<boolean>;
  unprotect(): void;
  submitPassphrase(value: string): void;
  cancelPassphrase(): void;
  clearError(): void;
  handleHostEvent(event: HostEvent, ui: UiCommands): Promise<void>;
}
