import type { BrowserWindow } from 'electron';
import { app, dialog, ipcMain, nativeTheme, session } from 'electron';
import { join } from 'node:path';
import { aboutDetail, buildHash } from './about';
import { AutosaveStore, SessionMarker, sessionAutosaveId } from './autosave';
import { createCloseGuard, type CloseGuard } from './close-guard';
import { electronDialogs } from './dialogs';
import { createFileOpener, projectPathsFromArgv, type FileOpener } from './file-open';
import type { AppInfo, HostEvent, ProjectState } from './host-api';
import { registerIpc } from './ipc';
import { HOST_EVENT_CHANNEL } from './ipc-channels';
import { createBlockCounter, lockdownAllContents, lockdownBeforeReady, lockdownSession } from './lockdown';
import { installMenu, type Theme } from './menu';
import { FileRegistry } from './project-files';
import { ProjectHost } from './project-host';
import { RecentFiles } from './recent';
import { createMainWindow } from './window';
import { reloadWhenGone } from './renderer-gone';

// Firebreak never reports crashes, checks for updates or sends telemetry: none of those modules is used.

let mainWindow: BrowserWindow | null = null;
let closeGuard: CloseGuard | null = null;
let projects: ProjectHost | null = null;
let opener: FileOpener | null = null;
let theme: Theme = 'system';
/** A quit (Cmd+Q, File ▸ Quit) is under way: once the renderer lets the window close, the app quits too (macOS would stay open). */
let quitting = false;
let build: Promise<string> | null = null;
const blocked = createBlockCounter();
/** Files the OS asked to open before the app was ready. */
const early: string[] = [];

function appInfo(): AppInfo {
  const { electron, chrome, node, v8 } = process.versions;
  const versions: Record<string, string> = {};
  for (const [key, value] of Object.entries({ electron, chrome, node, v8 })) if (typeof value === 'string') versions[key] = value;
  return {
    name: app.getName(),
    version: app.getVersion(),
    host: 'electron',
    platform: `${process.platform}-${process.arch}`,
    packaged: app.isPackaged,
    versions,
    blockedRequests: blocked.total(),
  };
}

async function showAbout(): Promise<void> {
  build ??= buildHash(app.getAppPath());
  const info = appInfo();
  const options = { type: 'info' as const, title: `About ${info.name}`, message: `${info.name} ${info.version}`, detail: aboutDetail(info, await build), noLink: true };
  await (mainWindow === null ? dialog.showMessageBox(options) : dialog.showMessageBox(mainWindow, options));
}

function send(event: HostEvent): void {
  mainWindow?.webContents.send(HOST_EVENT_CHANNEL, event);
}

export function windowTitle(state: ProjectState, appName: string): string {
  if (state.title === null) return appName;
  return `${state.title}${state.dirty ? ' •' : ''}${state.readOnly ? ' (read-only)' : ''} — ${appName}`;
}

/** The menu, title bar and close guard follow the project's state and the recent list. */
function refresh(): void {
  const state = projects?.state ?? { title: null, dirty: false, readOnly: false };
  installMenu({
    appName: app.getName(),
    isPackaged: app.isPackaged,
    platform: process.platform,
    state: { project: state, recent: projects?.recent.list() ?? [], theme },
    send: (command) => send({ type: 'menu', command }),
    openRecent: (id) => {
      const path = projects?.recent.pathOf(id);
      if (path !== undefined) opener?.open(path);
    },
    clearRecent: () => void projects?.clearRecent(),
    setTheme: (next) => {
      theme = next;
      nativeTheme.themeSource = next;
      send({ type: 'menu', command: `theme-${next}` });
      refresh();
    },
    showAbout: () => void showAbout(),
  });
  mainWindow?.setTitle(windowTitle(state, app.getName()));
  mainWindow?.setDocumentEdited(state.dirty);
  closeGuard?.setDirty(state.dirty);
}

function openFile(path: string): void {
  if (opener === null) return void early.push(path);
  // macOS keeps running without windows: a double-clicked file opens one.
  if (mainWindow === null) openWindow();
  opener.open(path);
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function openWindow(): void {
  const window = createMainWindow({ preloadPath: join(app.getAppPath(), 'dist', 'main', 'preload.cjs'), isPackaged: app.isPackaged });
  mainWindow = window;
  closeGuard = createCloseGuard({ send, close: () => (quitting ? app.quit() : window.close()) });
  closeGuard.setDirty(projects?.state.dirty ?? false);
  window.on('close', (event) => closeGuard?.onClose(event));
  window.on('closed', () => {
    mainWindow = null;
    closeGuard = null;
    opener?.unready();
    projects?.setState({ title: null, dirty: false, readOnly: false });
  });
  reloadWhenGone(window, {
    tell: (message) => dialog.showMessageBox(window, { type: 'error', title: 'Firebreak', message, buttons: ['Open again'], noLink: true }),
    forget: () => {
      opener?.unready();
      projects?.setState({ title: null, dirty: false, readOnly: false });
    },
  });
  refresh();
}

async function start(): Promise<void> {
  const bundleDir = join(app.getAppPath(), 'dist', 'renderer');
  lockdownSession(session.defaultSession, { bundleDir, isPackaged: app.isPackaged }, blocked);
  const data = app.getPath('userData');
  const marker = new SessionMarker(join(data, 'session.lock'));
  const startedAt = new Date();
  const crashed = await marker.begin(process.pid, startedAt);
  app.on('will-quit', () => {
    projects?.autosave.markClosed();
    marker.end();
  });
  const recent = new RecentFiles(join(data, 'recent-projects.json'));
  await recent.load();
  const host = new ProjectHost(new FileRegistry(), recent, new AutosaveStore(join(data, 'autosave'), sessionAutosaveId(process.pid, startedAt)), crashed, refresh);
  projects = host;
  opener = createFileOpener({
    read: (path) => host.open(path),
    send,
    showError: (message) => dialog.showErrorBox('Firebreak could not open the file', message),
  });
  registerIpc(
    ipcMain,
    {
      dialogs: electronDialogs(() => mainWindow),
      demoDir: join(bundleDir, 'demo'),
      appInfo,
      projects: host,
      respondToClose: (proceed) => {
        if (!proceed) quitting = false;
        closeGuard?.respond(proceed);
      },
    },
    () => opener?.listening(),
  );
  openWindow();
  for (const path of [...projectPathsFromArgv(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() }), ...early.splice(0)]) opener.open(path);
}

app.enableSandbox();
lockdownBeforeReady();
lockdownAllContents({ isPackaged: app.isPackaged });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow();
    for (const path of projectPathsFromArgv(argv, { isPackaged: app.isPackaged, cwd: workingDirectory })) openFile(path);
  });
  // macOS hands over double-clicked files this way, possibly before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) openWindow();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    console.error('[main] failed to start:', error);
    app.exit(1);
  });
}
