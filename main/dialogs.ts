import { dialog } from 'electron';
import type { BrowserWindow, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FileFilter, OpenFilesOptions, UnsavedChoice } from './host-api';
import { PROJECT_FILTERS } from './project-files';

/** What IPC handlers need from the OS dialogs; a seam so the handlers can be tested without Electron. */
export interface Dialogs {
  /** Chosen paths; empty when cancelled. */
  chooseFilesToOpen(options: OpenFilesOptions): Promise<string[]>;
  /** The chosen path, or null when cancelled. */
  chooseSavePath(suggestedName: string, filters: FileFilter[] | undefined): Promise<string | null>;
  /** A `.firebreak` file to open, or null. */
  chooseProjectToOpen(): Promise<string | null>;
  /** Save, Don't Save or Cancel for unsaved changes in the named project. */
  askUnsaved(name: string): Promise<UnsavedChoice>;
}

export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  const open = async (request: OpenDialogOptions): Promise<string[]> => {
    const window = getWindow();
    const result = window === null ? await dialog.showOpenDialog(request) : await dialog.showOpenDialog(window, request);
    return result.canceled ? [] : result.filePaths;
  };
  const save = async (request: SaveDialogOptions): Promise<string | null> => {
    const window = getWindow();
    const result = window === null ? await dialog.showSaveDialog(request) : await dialog.showSaveDialog(window, request);
    return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
  };
  const ask = async (request: MessageBoxOptions): Promise<number> => {
    const window = getWindow();
    return (window === null ? await dialog.showMessageBox(request) : await dialog.showMessageBox(window, request)).response;
  };
  return {
    chooseFilesToOpen: (options) =>
      open({ title: options.title, filters: options.filters, properties: options.multiple === false ? ['openFile'] : ['openFile', 'multiSelections'] }),
    chooseSavePath: (suggestedName, filters) => save({ defaultPath: suggestedName, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] }),
    chooseProjectToOpen: async () => (await open({ title: 'Open project', filters: PROJECT_FILTERS, properties: ['openFile'] }))[0] ?? null,
    async askUnsaved(name) {
      const response = await ask({
        type: 'warning',
        message: `Save the changes to “${name}”?`,
        detail: 'Your changes are lost if you do not save them.',
        buttons: ['Save', 'Don’t Save', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      });
      return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
    },
  };
}
