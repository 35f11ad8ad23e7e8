import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, ProjectState, RecentProject } from './host-api';

export type Theme = 'system' | 'light' | 'dark';

export interface MenuState {
  project: ProjectState;
  recent: RecentProject[];
  theme: Theme;
}

export interface MenuOptions {
  appName: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  state: MenuState;
  send(command: MenuCommand): void;
  openRecent(id: string): void;
  clearRecent(): void;
  setTheme(theme: Theme): void;
  showAbout(): void;
}

const THEMES: readonly [Theme, string][] = [
  ['system', 'Match the System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

function recentItems(o: MenuOptions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = o.state.recent.map((r) => ({
    label: r.location === null ? r.name : `${r.name} — ${r.location}`,
    click: () => o.openRecent(r.id),
  }));
  if (items.length === 0) items.push({ label: 'No Recent Projects', enabled: false });
  return [...items, { type: 'separator' }, { label: 'Clear Recently Opened', enabled: o.state.recent.length > 0, click: () => o.clearRecent() }];
}

/**
 * File, Edit, View and Help (plus the app menu on macOS). Project commands go to the renderer,
 * which owns the project; Save is disabled for a read-only project (Save As makes a copy).
 * Reload and DevTools exist only in development.
 */
export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = o.platform === 'darwin';
  const open = o.state.project.title !== null;
  const send = (command: MenuCommand) => () => o.send(command);
  const devItems: MenuItemConstructorOptions[] = o.isPackaged ? [] : [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'New', accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: 'Open Recent', submenu: recentItems(o) },
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: send('open-files') },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', enabled: open && !o.state.project.readOnly, click: send('save') },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', enabled: open, click: send('save-as') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', enabled: open, click: send('export') },
        { type: 'separator' },
        { label: 'Close', accelerator: 'CmdOrCtrl+W', enabled: open, click: send('close') },
        ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', accelerator: 'CmdOrCtrl+Q' } as const]),
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: o.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z', click: send('redo') },
        // Text fields need these for the clipboard shortcuts (on macOS they work only through the menu).
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Presentation Mode', accelerator: 'F5', click: send('presentation') },
        { type: 'separator' },
        { label: 'Zoom', submenu: [{ role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'resetZoom' }] },
        {
          label: 'Theme',
          submenu: THEMES.map(([theme, label]) => ({ label, type: 'radio' as const, checked: o.state.theme === theme, click: () => o.setTheme(theme) })),
        },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...devItems,
      ],
    },
    {
      label: 'Help',
      submenu: [
        { label: 'User Guide', accelerator: 'F1', click: send('user-guide') },
        ...(isMac ? [] : [{ type: 'separator' } as const, { label: `About ${o.appName}`, click: () => o.showAbout() }]),
      ],
    },
  ];
  if (isMac) {
    template.unshift({
      label: o.appName,
      submenu: [{ label: `About ${o.appName}`, click: () => o.showAbout() }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  return template;
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
