import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() } }));

import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuOptions } from './menu';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role === undefined ? [] : [item.role]), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

const labels = (items: MenuItemConstructorOptions[] | undefined): string[] => (items ?? []).filter((i) => i.type !== 'separator').map((i) => i.label ?? `(${i.role ?? ''})`);

const sub = (template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] => {
  const menu = template.find((m) => m.label === label)?.submenu;
  if (!Array.isArray(menu)) throw new Error(`no ${label} menu`);
  return menu;
};

const item = (menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions => {
  const found = menu.find((i) => i.label === label);
  if (!found) throw new Error(`no ${label}`);
  return found;
};

const click = (i: MenuItemConstructorOptions): void => (i.click as (() => void) | undefined)?.();

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return {
    appName: 'Firebreak',
    isPackaged: true,
    platform: 'linux',
    state: { project: { title: 'Q4 stress', dirty: true, readOnly: false }, recent: [], theme: 'system' },
    send: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    setTheme: vi.fn(),
    showAbout: vi.fn(),
    ...overrides,
  };
}

describe('menuTemplate', () => {
  it('has the menus and items of the issue, in order', () => {
    const t = menuTemplate(options());
    expect(labels(t)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(sub(t, 'File'))).toEqual(['New', 'Open…', 'Open Recent', 'Import Files…', 'Save', 'Save As…', 'Export…', 'Close', '(quit)']);
    expect(labels(sub(t, 'Edit'))).toEqual(['Undo', 'Redo', '(cut)', '(copy)', '(paste)', '(selectAll)']);
    expect(labels(sub(t, 'View'))).toEqual(['Presentation Mode', 'Zoom', 'Theme', '(togglefullscreen)']);
    expect(labels(sub(t, 'Help'))).toEqual(['User Guide', 'About Firebreak']);
    const mac = menuTemplate(options({ platform: 'darwin' }));
    expect(labels(mac)).toEqual(['Firebreak', 'File', 'Edit', 'View', 'Help']);
    expect(labels(sub(mac, 'File'))).not.toContain('(quit)');
    expect(labels(sub(mac, 'Firebreak'))[0]).toBe('About Firebreak');
  });

  it('binds the usual accelerators', () => {
    const t = menuTemplate(options());
    const keys = Object.fromEntries([...sub(t, 'File'), ...sub(t, 'Edit'), ...sub(t, 'View'), ...sub(t, 'Help')].filter((i) => i.label).map((i) => [i.label, i.accelerator]));
    expect(keys).toMatchObject({
      New: 'CmdOrCtrl+N',
      'Open…': 'CmdOrCtrl+O',
      Save: 'CmdOrCtrl+S',
      'Save As…': 'CmdOrCtrl+Shift+S',
      'Export…': 'CmdOrCtrl+E',
      Close: 'CmdOrCtrl+W',
      Undo: 'CmdOrCtrl+Z',
      Redo: 'Shift+CmdOrCtrl+Z',
      'Presentation Mode': 'F5',
      'User Guide': 'F1',
    });
    expect(item(sub(menuTemplate(options({ platform: 'win32' })), 'Edit'), 'Redo').accelerator).toBe('Ctrl+Y');
    expect(roles(sub(t, 'View'))).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('sends each command to the renderer', () => {
    const o = options();
    const t = menuTemplate(o);
    const file = sub(t, 'File');
    for (const [label, command] of [
      ['New', 'new'],
      ['Open…', 'open'],
      ['Save', 'save'],
      ['Save As…', 'save-as'],
      ['Export…', 'export'],
      ['Close', 'close'],
    ] as const) {
      click(item(file, label));
      expect(o.send).toHaveBeenLastCalledWith(command);
    }
    click(item(file, 'Import Files…'));
    expect(o.send).toHaveBeenLastCalledWith('open-files');
    click(item(sub(t, 'Edit'), 'Undo'));
    expect(o.send).toHaveBeenLastCalledWith('undo');
    click(item(sub(t, 'Edit'), 'Redo'));
    expect(o.send).toHaveBeenLastCalledWith('redo');
    click(item(sub(t, 'View'), 'Presentation Mode'));
    expect(o.send).toHaveBeenLastCalledWith('presentation');
    click(item(sub(t, 'Help'), 'User Guide'));
    expect(o.send).toHaveBeenLastCalledWith('user-guide');
    click(item(sub(t, 'Help'), 'About Firebreak'));
    expect(o.showAbout).toHaveBeenCalled();
  });

  it('offers themes as radio items and switches through setTheme', () => {
    const o = options({ state: { project: { title: null, dirty: false, readOnly: false }, recent: [], theme: 'dark' } });
    const themes = item(sub(menuTemplate(o), 'View'), 'Theme').submenu as MenuItemConstructorOptions[];
    expect(themes.map((t) => [t.label, t.type, t.checked])).toEqual([
      ['Match the System', 'radio', false],
      ['Light', 'radio', false],
      ['Dark', 'radio', true],
    ]);
    click(themes[1] as MenuItemConstructorOptions);
    expect(o.setTheme).toHaveBeenCalledWith('light');
  });

  it('disables project commands without a project, and Save (only) for a read-only one', () => {
    const enabled = (o: MenuOptions): Record<string, boolean> =>
      Object.fromEntries(sub(menuTemplate(o), 'File').filter((i) => i.label).map((i) => [i.label, i.enabled !== false]));
    expect(enabled(options({ state: { project: { title: null, dirty: false, readOnly: false }, recent: [], theme: 'system' } }))).toMatchObject({
      New: true,
      'Open…': true,
      Save: false,
      'Save As…': false,
      'Export…': false,
      Close: false,
    });
    expect(enabled(options({ state: { project: { title: 'Board pack', dirty: false, readOnly: true }, recent: [], theme: 'system' } }))).toMatchObject({
      Save: false,
      'Save As…': true,
      'Export…': true,
      Close: true,
    });
  });

  it('lists recent projects, opens one by id, and clears the list', () => {
    const o = options({
      state: {
        project: { title: null, dirty: false, readOnly: false },
        recent: [
          { id: 'aaaaaaaaaaaaaaaa', name: 'q4.firebreak', location: '/home/a', openedAt: '2026-11-30T10:00:00Z' },
          { id: 'bbbbbbbbbbbbbbbb', name: 'board.firebreak', location: '/home/a/board', openedAt: '2026-11-29T10:00:00Z' },
        ],
        theme: 'system',
      },
    });
    const recent = item(sub(menuTemplate(o), 'File'), 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(labels(recent)).toEqual(['q4.firebreak — /home/a', 'board.firebreak — /home/a/board', 'Clear Recently Opened']);
    click(recent[1] as MenuItemConstructorOptions);
    expect(o.openRecent).toHaveBeenCalledWith('bbbbbbbbbbbbbbbb');
    click(item(recent, 'Clear Recently Opened'));
    expect(o.clearRecent).toHaveBeenCalled();
    const none = item(sub(menuTemplate(options()), 'File'), 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(none.map((i) => [i.label, i.enabled])).toEqual([['No Recent Projects', false], [undefined, undefined], ['Clear Recently Opened', false]]);
  });

  it('offers reload and DevTools only in development', () => {
    expect(roles(menuTemplate(options()))).not.toContain('reload');
    expect(roles(menuTemplate(options()))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate(options({ isPackaged: false })))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });
});
