import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() } }));

import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuOptions } from './menu';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role === undefined ? [] : [item.role]), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

const labels = (items: MenuItemConstructorOptions[]): string[] => items.map((item) => item.label ?? '');

const base: MenuOptions = { appName: 'Firebreak', isPackaged: true, isMac: false, send: vi.fn(), showAbout: vi.fn() };

describe('menuTemplate', () => {
  it('has File, Edit, View and Help', () => {
    expect(labels(menuTemplate(base))).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(menuTemplate({ ...base, isMac: true }))).toEqual(['Firebreak', 'File', 'Edit', 'View', 'Help']);
  });

  it('offers reload and DevTools only in development', () => {
    expect(roles(menuTemplate(base))).not.toEqual(expect.arrayContaining(['reload']));
    expect(roles(menuTemplate(base))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate({ ...base, isPackaged: false }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(menuTemplate(base))).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'quit']));
  });

  it('sends Open to the renderer and shows About', () => {
    const send = vi.fn();
    const showAbout = vi.fn();
    const template = menuTemplate({ ...base, send, showAbout });
    const click = (menu: number, item: number): void => {
      const submenu = template[menu]?.submenu;
      if (Array.isArray(submenu)) (submenu[item]?.click as (() => void) | undefined)?.();
    };
    click(0, 0);
    click(3, 0);
    expect(send).toHaveBeenCalledWith('open-files');
    expect(showAbout).toHaveBeenCalled();
  });
});
