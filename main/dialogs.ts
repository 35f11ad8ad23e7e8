import { dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import type { FileFilter, OpenFilesOptions } from './host-api';

/** What IPC handlers need from the OS dialogs; a seam so the handlers can be tested without Electron. */
export interface Dialogs {
  /** Chosen paths; empty when cancelled. */
  chooseFilesToOpen(options: OpenFilesOptions): Promise<string[]>;
  /** The chosen path, or null when cancelled. */
  chooseSavePath(suggestedName: string, filters: FileFilter[] | undefined): Promise<string | null>;
}

export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    async chooseFilesToOpen(options) {
      const properties: ('openFile' | 'multiSelections')[] = options.multiple === false ? ['openFile'] : ['openFile', 'multiSelections'];
      const request = { title: options.title, filters: options.filters, properties };
      const window = getWindow();
      const result = window === null ? await dialog.showOpenDialog(request) : await dialog.showOpenDialog(window, request);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseSavePath(suggestedName, filters) {
      const request = { defaultPath: suggestedName, filters, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
      const window = getWindow();
      const result = window === null ? await dialog.showSaveDialog(request) : await dialog.showSaveDialog(window, request);
      return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
    },
  };
}
