/** The renderer's only door to the OS: Electron's preload when present, else the web host. */
import type { HostApi } from '../main/host-api';
import { createWebHost } from './web-host';

export type {
  AppInfo,
  AutosaveInfo,
  DemoBundle,
  HostApi,
  HostError,
  HostEvent,
  HostFile,
  HostResult,
  MenuCommand,
  ProjectFile,
  ProjectSaved,
  ProjectState,
  RecentProject,
  RestoreOffer,
  UnsavedChoice,
} from '../main/host-api';

declare global {
  interface Window {
    host?: HostApi;
  }
}

export function pickHost(win: Window): HostApi {
  return win.host ?? createWebHost(win);
}

export const host: HostApi = pickHost(window);
