import { describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => ({ options: [] as Record<string, unknown>[], loaded: [] as string[] }));

vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: Record<string, unknown>) {
      created.options.push(options);
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      created.loaded.push(url);
      return Promise.resolve();
    }
  },
}));

import { createMainWindow } from './window';

describe('main window', () => {
  it('is sandboxed, isolated, without Node, webviews or middle-click windows; DevTools in development only', () => {
    createMainWindow({ preloadPath: '/app/dist/main/preload.cjs', isPackaged: true });
    createMainWindow({ preloadPath: 'p', isPackaged: false });
    expect(created.options[0]?.webPreferences).toEqual({
      preload: '/app/dist/main/preload.cjs',
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
      devTools: false,
    });
    expect((created.options[1]?.webPreferences as Record<string, unknown>).devTools).toBe(true);
  });

  it('loads the bundle from app://firebreak', () => {
    expect(created.loaded).toEqual(['app://firebreak/index.html', 'app://firebreak/index.html']);
  });
});
