import { describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => ({ options: [] as unknown[], loaded: [] as string[] }));

vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: unknown) {
      created.options.push(options);
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      created.loaded.push(url);
      return Promise.resolve();
    }
  },
}));

import { createMainWindow, mainWindowOptions } from './window';

describe('main window', () => {
  it('is sandboxed, isolated and without Node', () => {
    const prefs = mainWindowOptions({ preloadPath: '/app/dist/main/preload.cjs', isPackaged: true }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
    expect(mainWindowOptions({ preloadPath: 'p', isPackaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('loads the bundle from app://firebreak', () => {
    createMainWindow({ preloadPath: 'p', isPackaged: true });
    expect(created.loaded).toEqual(['app://firebreak/index.html']);
    expect(created.options).toHaveLength(1);
  });
});
