import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  let resolveReady: () => void = () => undefined;
  const state = { lock: true, ready: Promise.resolve() };
  const app = {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    on: vi.fn((name: string, listener: (...args: unknown[]) => void) => appEvents.set(name, listener)),
    whenReady: vi.fn(() => state.ready),
    isReady: () => true,
    getAppPath: () => '/opt/firebreak',
    getName: () => 'Firebreak',
    getVersion: () => '0.1.0',
    isPackaged: true,
    commandLine: { appendSwitch: vi.fn() },
  };
  const windows: { options: Record<string, unknown>; url: string }[] = [];
  class BrowserWindow {
    webContents = { send: vi.fn() };
    constructor(public options: Record<string, unknown>) {}
    once(): void {}
    on(): void {}
    loadURL(url: string): Promise<void> {
      windows.push({ options: this.options, url });
      return Promise.resolve();
    }
  }
  const handled: string[] = [];
  const session = {
    defaultSession: {
      protocol: { handle: vi.fn() },
      webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setDisplayMediaRequestHandler: vi.fn(),
      setSpellCheckerEnabled: vi.fn(),
      on: vi.fn(),
    },
  };
  const makeReady = (): void => {
    state.ready = new Promise<void>((resolve) => (resolveReady = resolve));
  };
  return { app, appEvents, state, windows, handled, session, BrowserWindow, makeReady, ready: () => resolveReady() };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  session: fake.session,
  ipcMain: { handle: (channel: string) => fake.handled.push(channel) },
  dialog: {},
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
}));

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
  fake.appEvents.clear();
  fake.windows.length = 0;
  fake.handled.length = 0;
});

describe('main process lifecycle', () => {
  it('sandboxes every renderer and quits when another instance holds the lock', async () => {
    fake.state.lock = false;
    await import('./index');
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
  });

  it('locks the session down before the window loads the app', async () => {
    fake.state.lock = true;
    fake.makeReady();
    await import('./index');
    expect(fake.app.quit).not.toHaveBeenCalled();
    expect(fake.appEvents.has('second-instance')).toBe(true);
    fake.ready();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.session.defaultSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.session.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(fake.handled.sort()).toEqual(['host:app-info', 'host:open-files', 'host:read-demo', 'host:save-file']);
    expect(fake.windows[0]?.url).toBe('app://firebreak/index.html');
    expect(fake.windows[0]?.options.webPreferences).toMatchObject({ sandbox: true, preload: '/opt/firebreak/dist/main/preload.cjs' });
  });
});
