import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { AutosaveStore } from './autosave';
import type { HostResult, ProjectFile, ProjectSaved, ProjectState } from './host-api';
import { readProjectFile, saveToHandle, saveToNewPath, type FileRegistry } from './project-files';
import type { RecentFiles } from './recent';

const NO_PROJECT: ProjectState = { title: null, dirty: false, readOnly: false };

/**
 * The OS side of projects, shared by the IPC handlers and the menu: files by handle, the recent
 * list, the autosave, and the renderer's last word on the open project (viewer mode included).
 */
export class ProjectHost {
  state: ProjectState = NO_PROJECT;

  constructor(
    readonly files: FileRegistry,
    readonly recent: RecentFiles,
    readonly autosave: AutosaveStore,
    /** Whether the previous session crashed (its marker was still there). */
    readonly crashed: boolean,
    private readonly changed: () => void,
  ) {}

  async open(path: string): Promise<HostResult<ProjectFile>> {
    const file = await readProjectFile(path, this.files);
    if (file.ok) await this.remember(path);
    return file;
  }

  /** `autosaveSeq`: how far this session's autosave the saved bytes hold (HostApi.saveProject). */
  async save(handle: string, bytes: Uint8Array, autosaveSeq?: number): Promise<HostResult<ProjectSaved>> {
    if (this.state.readOnly) return { ok: false, error: { kind: 'forbidden', message: 'This project is open read-only; use Save As to make an editable copy.' } };
    const saved = await saveToHandle(handle, bytes, this.files);
    const path = this.files.lookup(handle)?.path;
    if (saved.ok && path !== undefined) await this.remember(path);
    if (saved.ok) await this.savedUpTo(autosaveSeq, path);
    return saved;
  }

  async saveAs(path: string, bytes: Uint8Array, autosaveSeq?: number): Promise<HostResult<ProjectSaved>> {
    const target = /\.firebreak$/i.test(path) ? path : `${path}.firebreak`;
    const saved = await saveToNewPath(target, bytes, this.files);
    if (saved.ok) await this.remember(target);
    if (saved.ok) await this.savedUpTo(autosaveSeq, target);
    return saved;
  }

  /**
   * Said before the save answers: the window may go before it writes the saved bytes as its clean
   * autosave, and its older autosave must not then be offered as unsaved work at the next start,
   * nor work gathered after the save under the file it was saved from.
   */
  private async savedUpTo(autosaveSeq: number | undefined, path: string | undefined): Promise<void> {
    if (autosaveSeq !== undefined) await this.autosave.markSaved(autosaveSeq, path);
  }

  /** An earlier session's autosaved work as a file to open; Save goes back to its own file when that is still writable. */
  async restore(id: string): Promise<HostResult<ProjectFile>> {
    const saved = await this.autosave.read(id);
    if (saved === null) return { ok: false, error: { kind: 'not-found', message: 'There is no autosaved work to restore.' } };
    const { place, bytes, edits } = saved;
    let handle: string | null = null;
    if (place.path !== null) {
      const writable = await access(place.path, constants.W_OK).then(
        () => true,
        () => false,
      );
      if (writable) handle = this.files.register(place.path, true);
    }
    return { ok: true, value: { handle, name: place.path === null ? place.name : basename(place.path), location: place.path === null ? null : dirname(place.path), bytes, readOnly: false, edits: edits && { scenarios: edits.scenarios, viewState: edits.viewState } } };
  }

  setState(state: ProjectState): void {
    this.state = state;
    this.changed();
  }

  async clearRecent(): Promise<void> {
    await this.recent.clear();
    this.changed();
  }

  private async remember(path: string): Promise<void> {
    await this.recent.add(path);
    this.changed();
  }
}
