import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin';

export interface WindowOptions {
  preloadPath: string;
  isPackaged: boolean;
}

/**
 * The only window: sandboxed, isolated, no Node, no webviews, no middle-click windows, DevTools
 * only in development. The options are written out in place (not built by a helper) so static
 * checkers such as electronegativity see every one of them.
 */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Firebreak',
    backgroundColor: '#101418',
    webPreferences: {
      // Reviewed: the preload exposes only the typed HostApi through contextBridge (main/preload.ts), never ipcRenderer or Node.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: !options.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
