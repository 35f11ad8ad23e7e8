import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_EVENT_CHANNEL, INVOKE_CHANNELS, LISTENING_CHANNEL } from './ipc-channels';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appEvents = new Map<string, (...args: unknown[]) => unknown>();
  let resolveReady: () => void = () => undefined;
  const state = { lock: true, ready: Promise.resolve(), userData: '' };
  const app = {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    on: vi.fn((name: string, listener: (...args: unknown[]) => unknown) => appEvents.set(name, listener)),
    whenReady: vi.fn(() => state.ready),
    isReady: () => true,
    getAppPath: () => '/opt/firebreak',
    getPath: (name: string) => (name === 'userData' ? state.userData : '/tmp'),
    getName: () => 'Firebreak',
    getVersion: () => '0.1.0',
    isPackaged: true,
    commandLine: { appendSwitch: vi.fn() },
  };
  const windows: BrowserWindow[] = [];
  class BrowserWindow {
    url = '';
    sent: unknown[][] = [];
    events = new Map<string, (...a: unknown[]) => void>();
    focus = vi.fn();
    contentEvents = new Map<string, (...a: unknown[]) => void>();
    webContents = { send: (...args: unknown[]) => this.sent.push(args), on: (name: string, listener: (...a: unknown[]) => void) => void this.contentEvents.set(name, listener) };
    constructor(public options: Record<string, unknown>) {}
    once(): void {}
    on(name: string, listener: (...a: unknown[]) => void): void {
      this.events.set(name, listener);
    }
    setTitle = vi.fn();
    setDocumentEdited = vi.fn();
    isMinimized = () => false;
    restore = vi.fn();
    close = vi.fn();
    loadURL(url: string): Promise<void> {
      this.url = url;
      windows.push(this);
      return Promise.resolve();
    }
  }
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const listeners = new Map<string, (...args: unknown[]) => unknown>();
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
  const menu = { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) };
  const makeReady = (): void => {
    state.ready = new Promise<void>((resolve) => (resolveReady = resolve));
  };
  return { app, appEvents, state, windows, handlers, listeners, session, menu, BrowserWindow, makeReady, ready: () => resolveReady() };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  session: fake.session,
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => fake.handlers.set(channel, handler),
    on: (channel: string, listener: (...args: unknown[]) => unknown) => fake.listeners.set(channel, listener),
  },
  dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn() },
  nativeTheme: { themeSource: 'system' },
  Menu: fake.menu,
  protocol: { registerSchemesAsPrivileged: vi.fn() },
}));

const appFrame = { senderFrame: { url: 'app://firebreak/index.html', parent: null } };
let dir = '';
const argv = process.argv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-main-'));
  await writeFile(join(dir, 'board.firebreak'), 'project bytes');
  await writeFile(join(dir, 'second.firebreak'), 'second bytes');
});
afterAll(async () => {
  process.argv = argv;
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  vi.resetModules();
  vi.clearAllMocks();
  fake.appEvents.clear();
  fake.windows.length = 0;
  fake.handlers.clear();
  fake.listeners.clear();
  fake.state.lock = true;
  fake.state.userData = await mkdtemp(join(dir, 'userdata-'));
  process.argv = ['/opt/firebreak/firebreak'];
});

/** Starts main as Electron would: import, then `ready`. */
async function boot(): Promise<(typeof fake.windows)[number]> {
  fake.makeReady();
  await import('./index');
  fake.ready();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  await vi.waitFor(() => expect(fake.listeners.has(LISTENING_CHANNEL)).toBe(true));
  return fake.windows[0] as (typeof fake.windows)[number];
}

const opened = (sent: unknown[][]): string[] =>
  sent.filter(([channel, e]) => channel === HOST_EVENT_CHANNEL && (e as { type: string }).type === 'open-project').map(([, e]) => (e as { file: { name: string } }).file.name);

describe('main process lifecycle', () => {
  it('sandboxes every renderer and quits when another instance holds the lock', async () => {
    fake.state.lock = false;
    await import('./index');
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
  });

  it('locks the session down and registers every host call before the window loads the app', async () => {
    const window = await boot();
    expect(fake.app.quit).not.toHaveBeenCalled();
    expect(fake.session.defaultSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.session.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(window.url).toBe('app://firebreak/index.html');
    // A page whose process dies is reloaded (main/renderer-gone.ts).
    expect(window.contentEvents.has('render-process-gone')).toBe(true);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, preload: '/opt/firebreak/dist/main/preload.cjs' });
    expect(fake.menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('opens a .firebreak file from the command line once the renderer listens (file association on Windows and Linux)', async () => {
    process.argv = ['/opt/firebreak/firebreak', '--no-sandbox', join(dir, 'board.firebreak')];
    const window = await boot();
    expect(opened(window.sent)).toEqual([]);
    fake.listeners.get(LISTENING_CHANNEL)?.({ senderFrame: { url: 'https://evil.example/', parent: null } });
    await new Promise((r) => setTimeout(r, 20));
    expect(opened(window.sent)).toEqual([]);
    fake.listeners.get(LISTENING_CHANNEL)?.(appFrame);
    await vi.waitFor(() => expect(opened(window.sent)).toEqual(['board.firebreak']));
    const event = window.sent.find(([c]) => c === HOST_EVENT_CHANNEL)?.[1] as { file: { bytes: Uint8Array; handle: string; readOnly: boolean } };
    expect(new TextDecoder().decode(event.file.bytes)).toBe('project bytes');
    expect(event.file).toMatchObject({ handle: expect.stringMatching(/^[0-9a-f-]{36}$/), readOnly: false });
  });

  it('a second launch with a file focuses the window and opens the file in it', async () => {
    const window = await boot();
    fake.listeners.get(LISTENING_CHANNEL)?.(appFrame);
    (fake.appEvents.get('second-instance') as Listener)({}, ['/opt/firebreak/firebreak', 'second.firebreak'], dir);
    expect(window.focus).toHaveBeenCalled();
    await vi.waitFor(() => expect(opened(window.sent)).toEqual(['second.firebreak']));
  });

  it('a file macOS hands over before `ready` waits for the renderer', async () => {
    fake.makeReady();
    await import('./index');
    const preventDefault = vi.fn();
    (fake.appEvents.get('open-file') as Listener)({ preventDefault }, join(dir, 'board.firebreak'));
    expect(preventDefault).toHaveBeenCalled();
    fake.ready();
    await vi.waitFor(() => expect(fake.listeners.has(LISTENING_CHANNEL)).toBe(true));
    fake.listeners.get(LISTENING_CHANNEL)?.(appFrame);
    await vi.waitFor(() => expect(opened(fake.windows[0]?.sent ?? [])).toEqual(['board.firebreak']));
  });

  it('offers to restore an earlier session’s autosaved work: after a crash (its marker was left behind), or after a quit', async () => {
    await boot();
    const write = fake.handlers.get(INVOKE_CHANNELS.writeAutosave);
    expect(await write?.(appFrame, { bytes: new Uint8Array([1, 2]), name: 'Q4 stress', handle: null, encrypted: false })).toMatchObject({ ok: true });
    // A session is not offered its own work.
    expect(await fake.handlers.get(INVOKE_CHANNELS.restoreOffer)?.(appFrame)).toEqual({ ok: true, value: null });
    // It crashes (no will-quit): the next start offers its work as a crash's. Sessions are told apart by start time and process.
    const later = async (): Promise<void> => {
      vi.resetModules();
      fake.windows.length = 0;
      await new Promise((r) => setTimeout(r, 5));
      await boot();
    };
    await later();
    expect(await fake.handlers.get(INVOKE_CHANNELS.restoreOffer)?.(appFrame)).toMatchObject({ ok: true, value: { reason: 'crash', name: 'Q4 stress', bytes: 2 } });
    // This session leaves work of its own and quits cleanly: the next start offers the crashed
    // session's first, still as a crash's, then this one's as work closed unsaved.
    expect(await fake.handlers.get(INVOKE_CHANNELS.writeAutosave)?.(appFrame, { bytes: new Uint8Array([3]), name: 'Q1 plan', handle: null, encrypted: false })).toMatchObject({ ok: true });
    (fake.appEvents.get('will-quit') as Listener)();
    await later();
    const first = await fake.handlers.get(INVOKE_CHANNELS.restoreOffer)?.(appFrame);
    expect(first).toMatchObject({ ok: true, value: { reason: 'crash', name: 'Q4 stress' } });
    await fake.handlers.get(INVOKE_CHANNELS.discardAutosave)?.(appFrame, (first as { value: { id: string } }).value.id);
    expect(await fake.handlers.get(INVOKE_CHANNELS.restoreOffer)?.(appFrame)).toMatchObject({ ok: true, value: { reason: 'unsaved', name: 'Q1 plan' } });
  });

  it('keeps a window with unsaved work open until the renderer has asked', async () => {
    const window = await boot();
    await fake.handlers.get(INVOKE_CHANNELS.setProjectState)?.(appFrame, { title: 'Q4 stress', dirty: true, readOnly: false });
    const event = { preventDefault: vi.fn() };
    window.events.get('close')?.(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(window.sent).toContainEqual([HOST_EVENT_CHANNEL, { type: 'close-requested' }]);
    expect(window.setTitle).toHaveBeenLastCalledWith('Q4 stress • — Firebreak');
    expect(window.close).not.toHaveBeenCalled();
    await fake.handlers.get(INVOKE_CHANNELS.respondToClose)?.(appFrame, { proceed: true });
    expect(window.close).toHaveBeenCalled();
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('finishes a quit once the renderer lets the window close, and forgets it when the user cancels', async () => {
    const window = await boot();
    await fake.handlers.get(INVOKE_CHANNELS.setProjectState)?.(appFrame, { title: 'Q4', dirty: true, readOnly: false });
    const quitAndClose = (): ReturnType<typeof vi.fn> => {
      (fake.appEvents.get('before-quit') as Listener)();
      const event = { preventDefault: vi.fn() };
      window.events.get('close')?.(event);
      return event.preventDefault;
    };
    expect(quitAndClose()).toHaveBeenCalled();
    await fake.handlers.get(INVOKE_CHANNELS.respondToClose)?.(appFrame, { proceed: false });
    expect(fake.app.quit).not.toHaveBeenCalled();
    expect(window.close).not.toHaveBeenCalled();
    expect(quitAndClose()).toHaveBeenCalled();
    await fake.handlers.get(INVOKE_CHANNELS.respondToClose)?.(appFrame, { proceed: true });
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(window.close).not.toHaveBeenCalled();
  });
});
