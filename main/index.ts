import type { BrowserWindow } from 'electron';
import { app, dialog, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { electronDialogs } from './dialogs';
import type { AppInfo, MenuCommand } from './host-api';
import { registerIpc } from './ipc';
import { MENU_COMMAND_CHANNEL } from './ipc-channels';
import { createBlockCounter, lockdownAllContents, lockdownBeforeReady, lockdownSession } from './lockdown';
import { installMenu } from './menu';
import { createMainWindow } from './window';

// Firebreak never reports crashes, checks for updates or sends telemetry: none of those modules is used.

let mainWindow: BrowserWindow | null = null;
const blocked = createBlockCounter();

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

function showAbout(): void {
  const info = appInfo();
  const detail = [
    ...Object.entries(info.versions).map(([k, v]) => `${k} ${v}`),
    `Offline: ${info.blockedRequests} outgoing request(s) blocked this session.`,
  ].join('\n');
  const options = { type: 'info' as const, title: `About ${info.name}`, message: `${info.name} ${info.version}`, detail };
  void (mainWindow === null ? dialog.showMessageBox(options) : dialog.showMessageBox(mainWindow, options));
}

function send(command: MenuCommand): void {
  mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath: join(app.getAppPath(), 'dist', 'main', 'preload.cjs'), isPackaged: app.isPackaged });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function start(): void {
  const bundleDir = join(app.getAppPath(), 'dist', 'renderer');
  const isPackaged = app.isPackaged;
  lockdownSession(session.defaultSession, { bundleDir, isPackaged }, blocked);
  registerIpc(ipcMain, { dialogs: electronDialogs(() => mainWindow), demoDir: join(bundleDir, 'demo'), appInfo });
  installMenu({ appName: app.getName(), isPackaged, isMac: process.platform === 'darwin', send, showAbout });
  openWindow();
}

app.enableSandbox();
lockdownBeforeReady();
lockdownAllContents({ isPackaged: app.isPackaged });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) openWindow();
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('[main] failed to start:', error);
    app.exit(1);
  });
}
