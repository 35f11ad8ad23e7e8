import type { HostApi, MenuCommand } from './host-api';

/** The HostApi calls that go through `ipcRenderer.invoke`. */
export type InvokeMethod = Exclude<keyof HostApi, 'onMenuCommand'>;

export const INVOKE_CHANNELS = {
  openFiles: 'host:open-files',
  saveFile: 'host:save-file',
  readDemo: 'host:read-demo',
  appInfo: 'host:app-info',
} as const satisfies Record<InvokeMethod, string>;

export const MENU_COMMAND_CHANNEL = 'host:menu-command';

const MENU_COMMANDS: ReadonlySet<string> = new Set<MenuCommand>(['open-files']);

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && MENU_COMMANDS.has(value);
}
