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

/** Print the report view to a PDF file (Electron); the web host opens the browser's print dialog instead. */
export interface PrintReportRequest {
  /** A base name ending in `.pdf`, offered in the save dialog. */
  suggestedName: string;
  landscape?: boolean;
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

/**
 * Commands the application menu (or, on the web host, the keyboard) sends to the renderer.
 * `open-files` is the old name of `open`, kept until every listener uses `onHostEvent`.
 */
export type MenuCommand =
  | 'new'
  | 'open'
  | 'open-files'
  | 'save'
  | 'save-as'
  | 'export'
  | 'close'
  | 'undo'
  | 'redo'
  | 'presentation'
  | 'theme-system'
  | 'theme-light'
  | 'theme-dark'
  | 'user-guide';

/** A project file handed to the renderer: chosen in a dialog, from Open Recent, the OS (file association) or an autosave. */
export interface ProjectFile {
  /**
   * Opaque: lets the renderer save back to this file without ever naming a path. Null where there
   * is none to save back to (the web host, a dropped file, an untitled autosave).
   */
  handle: string | null;
  name: string;
  /** The folder, for display only; null on the web host. */
  location: string | null;
  bytes: Uint8Array;
  /** The file itself cannot be written (read-only on disk): it opens as a viewer; Save As makes a copy. */
  readOnly: boolean;
  /** Only from readAutosave: edits made after the autosave was written, to show in place of its scenarios and view. */
  edits?: AutosaveContent | null;
}

/** Where a project was saved; `handle` saves there again (null on the web host, which downloads). */
export interface ProjectSaved {
  handle: string | null;
  name: string;
  location: string | null;
}

export interface RecentProject {
  id: string;
  name: string;
  location: string | null;
  /** ISO 8601 UTC. */
  openedAt: string;
}

/** What the renderer tells the host about the open project: the title bar, the menu's enabled items, the close guard. */
export interface ProjectState {
  /** The project's name, or null when none is open. */
  title: string | null;
  dirty: boolean;
  readOnly: boolean;
}

export interface AutosaveRequest {
  bytes: Uint8Array;
  name: string;
  /** The file it belongs to, to save back to after a restore; null when untitled. */
  handle: string | null;
  encrypted: boolean;
  /** Which workspace the autosave holds, as the renderer counts them in this session: edits of the same `base` apply to it. */
  base?: number;
  /** When its content was gathered, counted in this session: only later edits apply to it. */
  seq?: number;
  /**
   * The bytes are the project as its file holds it (just opened or saved), nothing unsaved: a
   * base for the edits that follow, never offered for restore without edits over it.
   */
  clean?: boolean;
}

/** A project's content beyond its workspace: its scenarios and view (JSON, never sealed). */
export interface AutosaveContent {
  scenarios: { name: string; scenario: unknown }[];
  viewState: unknown;
}

/**
 * The small part of unsaved work, written soon after each edit: a project's scenarios and view,
 * without its workspace. It applies to this session's autosave of the same `base` written before
 * it (a lower `seq`); never written for a sealed project (it would be in the clear).
 */
export interface AutosaveEdits extends AutosaveContent {
  base: number;
  seq: number;
  /**
   * The whole part these edits are written to go over: its name and file, and its `seq`. That part
   * may never land (the clean copy of a file just saved under another name is written after the
   * save, while edits go at once): the work is then still offered and restored under this name and
   * file, not those of the earlier part the edits apply to. Absent: the part's own.
   */
  whole?: AutosavePart;
}

/** A whole part of the autosave as edits name it (AutosaveEdits.whole). */
export interface AutosavePart {
  name: string;
  handle: string | null;
  seq: number;
}

export interface AutosaveEditsSaved {
  savedAt: string;
  /**
   * False when the edits were kept only where a page going away does not wait (the web host's
   * IndexedDB, localStorage having refused them): an edit made just before the page goes can then
   * be lost, and the user should save.
   */
  sync: boolean;
}

export interface AutosaveInfo {
  name: string;
  /** ISO 8601 UTC. */
  savedAt: string;
  encrypted: boolean;
  bytes: number;
}

/** Unsaved work found on start: after a crash, or after a close that could not ask. */
export interface RestoreOffer extends AutosaveInfo {
  /** Which earlier session's autosave this is (readAutosave and discardAutosave take it). */
  id: string;
  reason: 'crash' | 'unsaved';
  /** ISO time of later changes the session could not keep (its storage — the browser's, or the app data folder's disk — was full or refused them): they are not in this work. */
  dropped?: string;
}

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** Everything the host tells the renderer, as one typed stream. */
export type HostEvent =
  | { type: 'menu'; command: MenuCommand }
  /** Open this project (file association, a second launch, Open Recent): after asking about unsaved work. */
  | { type: 'open-project'; file: ProjectFile }
  /** The window is closing with unsaved work: ask, then answer with `respondToClose`. */
  | { type: 'close-requested' };

export interface HostApi {
  /** Shows an open dialog; an empty list means the user cancelled. */
  openFiles(options?: OpenFilesOptions): Promise<HostResult<HostFile[]>>;
  /** Saves bytes where the user chooses (exports); `saved: false` when cancelled. */
  saveFile(request: SaveFileRequest): Promise<HostResult<SaveFileOutcome>>;
  readDemo(): Promise<HostResult<DemoBundle>>;
  /**
   * Electron: asks where, then prints the page (the open report view) to PDF there (`printToPDF`);
   * `saved: false` when cancelled. Web host: opens the browser's print dialog (`saved: false`, it cannot know).
   */
  printReport(request: PrintReportRequest): Promise<HostResult<SaveFileOutcome>>;
  appInfo(): Promise<HostResult<AppInfo>>;

  /** Asks for a `.firebreak` file; null when cancelled. */
  openProject(): Promise<HostResult<ProjectFile | null>>;
  /**
   * `autosaveSeq` (both saves): when the saved content was gathered, in this session's autosave
   * count (`AutosaveRequest.seq`). Once saved, this session's autosave parts up to it hold nothing
   * unsaved; the host says so at once — the web host as the download starts, main once the file is
   * written, before answering (a window gone before the saved bytes are its clean autosave is
   * then not offered back, and work gathered after it is offered under the file saved to). Absent
   * for a copy that does not become the project.
   */
  /** Saves over the file behind `handle`, atomically; refused for read-only files and viewer mode. */
  saveProject(request: { handle: string; bytes: Uint8Array; autosaveSeq?: number }): Promise<HostResult<ProjectSaved>>;
  /** Asks where, then saves (a new, editable file); null when cancelled. */
  saveProjectAs(request: { suggestedName: string; bytes: Uint8Array; autosaveSeq?: number }): Promise<HostResult<ProjectSaved | null>>;
  recentProjects(): Promise<HostResult<RecentProject[]>>;
  openRecent(id: string): Promise<HostResult<ProjectFile>>;
  clearRecent(): Promise<HostResult<null>>;
  setProjectState(state: ProjectState): Promise<HostResult<null>>;
  /**
   * Keeps a copy of this session's unsaved work in the app's data folder (replacing this
   * session's previous copy; an earlier session's work stays until it is restored or discarded).
   * With `clean`, the copy is of the file just opened or saved: the base of the edits to come.
   */
  writeAutosave(request: AutosaveRequest): Promise<HostResult<AutosaveInfo>>;
  /**
   * Keeps the edits since this session's autosave (replacing its previous edits). The web host
   * stores them synchronously when they fit (localStorage), so a call as the page hides is kept.
   */
  writeAutosaveEdits(edits: AutosaveEdits): Promise<HostResult<AutosaveEditsSaved>>;
  /** Unsaved work an earlier session left (the oldest first), if any. */
  restoreOffer(): Promise<HostResult<RestoreOffer | null>>;
  /** An earlier session's unsaved work, by the id of its offer. */
  readAutosave(id: string): Promise<HostResult<ProjectFile>>;
  /** Forgets an earlier session's unsaved work (discarded, or restored and autosaved again as this session's). */
  discardAutosave(id: string): Promise<HostResult<null>>;
  /** Forgets this session's autosave (after a save, a close, or unsaved changes discarded). */
  clearAutosave(): Promise<HostResult<null>>;
  /** Save, Don't Save or Cancel, asked about the project named. */
  confirmUnsaved(request: { name: string }): Promise<HostResult<UnsavedChoice>>;
  /** The answer to a `close-requested` event: close now, or stay open. */
  respondToClose(request: { proceed: boolean }): Promise<HostResult<null>>;

  /** Subscribes to the host's events; returns the unsubscribe function. */
  onHostEvent(listener: (event: HostEvent) => void): () => void;
  /** Menu commands only (use `onHostEvent`); returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
