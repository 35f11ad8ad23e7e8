/**
 * The renderer's only door to the OS. Types only: Electron's preload implements it over IPC,
 * renderer/host.ts implements it in a plain browser. Every call resolves to a value; none throws.
 */

/** A file the user chose (or the demo shipped with the app): its base name and its bytes. */
export interface HostFile {
  name: string;
  bytes: Uint8Array;
}

export interface FileFilter {
  name: string;
  /** Extensions without the dot, e.g. `csv`. */
  extensions: string[];
}

export interface OpenFilesOptions {
  title?: string;
  filters?: FileFilter[];
  multiple?: boolean;
}

export interface SaveFileRequest {
  /** A base name offered in the dialog, e.g. `stress.firebreak`. */
  suggestedName: string;
  bytes: Uint8Array;
  filters?: FileFilter[];
}

/** `saved: false` means the user cancelled; `path` is null where the host cannot know it (web). */
export interface SaveFileOutcome {
  saved: boolean;
  path: string | null;
}

/** The bundled demo: the workspace tables and the scenarios, each as a file. */
export interface DemoBundle {
  workspace: HostFile[];
  scenarios: HostFile[];
}

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'web';
  platform: string;
  packaged: boolean;
  /** Runtime versions that are known, e.g. `{ electron: '45.5.0', chrome: '…', node: '…' }`. */
  versions: Record<string, string>;
  /** Requests cancelled by the offline lockdown since start (always 0 on the web host). */
  blockedRequests: number;
}

export type HostErrorKind = 'invalid-argument' | 'forbidden' | 'not-found' | 'too-large' | 'io' | 'unavailable';

export interface HostError {
  kind: HostErrorKind;
  message: string;
}

export type HostResult<T> = { ok: true; value: T } | { ok: false; error: HostError };

/** Commands the application menu sends to the renderer. */
export type MenuCommand = 'open-files';

export interface HostApi {
  /** Shows an open dialog; an empty list means the user cancelled. */
  openFiles(options?: OpenFilesOptions): Promise<HostResult<HostFile[]>>;
  saveFile(request: SaveFileRequest): Promise<HostResult<SaveFileOutcome>>;
  readDemo(): Promise<HostResult<DemoBundle>>;
  appInfo(): Promise<HostResult<AppInfo>>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
