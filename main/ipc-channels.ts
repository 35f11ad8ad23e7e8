import type { HostApi, HostEvent, MenuCommand, ProjectFile } from './host-api';

/** The HostApi calls that go through `ipcRenderer.invoke`. */
export type InvokeMethod = Exclude<keyof HostApi, 'onMenuCommand' | 'onHostEvent'>;

export const INVOKE_CHANNELS = {
  openFiles: 'host:open-files',
  saveFile: 'host:save-file',
  printReport: 'host:print-report',
  readDemo: 'host:read-demo',
  appInfo: 'host:app-info',
  openProject: 'host:open-project',
  saveProject: 'host:save-project',
  saveProjectAs: 'host:save-project-as',
  recentProjects: 'host:recent-projects',
  openRecent: 'host:open-recent',
  clearRecent: 'host:clear-recent',
  setProjectState: 'host:set-project-state',
  writeAutosave: 'host:write-autosave',
  writeAutosaveEdits: 'host:write-autosave-edits',
  restoreOffer: 'host:restore-offer',
  readAutosave: 'host:read-autosave',
  discardAutosave: 'host:discard-autosave',
  clearAutosave: 'host:clear-autosave',
  confirmUnsaved: 'host:confirm-unsaved',
  respondToClose: 'host:respond-to-close',
} as const satisfies Record<InvokeMethod, string>;

/** Main → renderer: every HostEvent. */
export const HOST_EVENT_CHANNEL = 'host:event';
/** Renderer → main (one-way): a listener is attached, so events queued before it (a file to open) can be sent. */
export const LISTENING_CHANNEL = 'host:listening';

export const MENU_COMMANDS: readonly MenuCommand[] = [
  'new',
  'open',
  'open-files',
  'save',
  'save-as',
  'export',
  'close',
  'undo',
  'redo',
  'presentation',
  'theme-system',
  'theme-light',
  'theme-dark',
  'user-guide',
];
const MENU_COMMAND_SET: ReadonlySet<string> = new Set(MENU_COMMANDS);

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && MENU_COMMAND_SET.has(value);
}

function isProjectFile(value: unknown): value is ProjectFile {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    (f.handle === null || typeof f.handle === 'string') &&
    typeof f.name === 'string' &&
    (f.location === null || typeof f.location === 'string') &&
    f.bytes instanceof Uint8Array &&
    typeof f.readOnly === 'boolean'
  );
}

/** Narrows what arrives on HOST_EVENT_CHANNEL: the preload passes on well-formed events only. */
export function isHostEvent(value: unknown): value is HostEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (e.type === 'menu') return isMenuCommand(e.command);
  if (e.type === 'open-project') return isProjectFile(e.file);
  return e.type === 'close-requested';
}
