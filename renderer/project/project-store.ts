import { create } from 'zustand';
import type { ProjectMeta } from '../../engine/protocol';
import type { RecentProject, RestoreOffer } from '../../main/host-api';
import type { ProjectActions } from './project-api';

/** Why a project cannot be changed: the file itself is read-only, or its author saved it for viewers. */
export type ReadOnlyReason = 'file' | 'author' | 'user';

export interface ProjectInfo {
  /** File name, or "Untitled". */
  name: string;
  /** Where Save writes (a host handle); null until the first Save As. */
  handle: string | null;
  /** The folder, for display; null on the web host and before the first save. */
  location: string | null;
  /** Viewer mode: nothing may change it; Save becomes Save As (an editable copy). */
  readOnly: boolean;
  readOnlyReason: ReadOnlyReason | null;
  dirty: boolean;
  /** Saves are sealed with the passphrase held in memory (never in this store, never on disk). */
  encrypted: boolean;
  /** What the file said about itself when it was opened. */
  meta: ProjectMeta | null;
}

export interface PassphrasePrompt {
  /** `open`: the passphrase of a sealed file; `protect`: a new one (typed twice) for future saves. */
  purpose: 'open' | 'protect';
  name: string;
  /** The previous attempt was wrong. */
  retry: boolean;
}

export interface ProjectStoreState {
  /** Null: nothing is open (the start page). */
  project: ProjectInfo | null;
  busy: 'opening' | 'saving' | null;
  /** The last failure, in words; null after the next success. */
  error: string | null;
  /** The last thing done, for a status line ("Saved q4.firebreak"). */
  notice: string | null;
  passphrase: PassphrasePrompt | null;
  /** Unsaved work from the last session, until restored or discarded. */
  restore: RestoreOffer | null;
  recent: RecentProject[];
  /** ISO time of the last autosave of this session. */
  lastAutosave: string | null;
  /** Why the autosave could not keep the latest work (in words, with what to do); null while it can. */
  autosaveProblem: string | null;
  /** Set by useProjectShell; null before it runs. */
  actions: ProjectActions | null;
}

export const initialProjectState = (): Omit<ProjectStoreState, 'actions'> => ({
  project: null,
  busy: null,
  error: null,
  notice: null,
  passphrase: null,
  restore: null,
  recent: [],
  lastAutosave: null,
  autosaveProblem: null,
});

export const createProjectStore = () => create<ProjectStoreState>()(() => ({ ...initialProjectState(), actions: null }));
export type ProjectStore = ReturnType<typeof createProjectStore>;

/** The app's one project store. */
export const useProjectStore = createProjectStore();

export const selectProject = (s: ProjectStoreState) => s.project;
export const selectReadOnly = (s: ProjectStoreState) => s.project?.readOnly ?? false;
/** False in viewer mode: editors should disable their inputs with it. */
export const selectCanEdit = (s: ProjectStoreState) => !(s.project?.readOnly ?? false);
export const selectDirty = (s: ProjectStoreState) => s.project?.dirty ?? false;
export const selectBusy = (s: ProjectStoreState) => s.busy;
export const selectProjectError = (s: ProjectStoreState) => s.error;
export const selectNotice = (s: ProjectStoreState) => s.notice;
export const selectPassphrase = (s: ProjectStoreState) => s.passphrase;
export const selectRestore = (s: ProjectStoreState) => s.restore;
export const selectRecent = (s: ProjectStoreState) => s.recent;
export const selectAutosaveProblem = (s: ProjectStoreState) => s.autosaveProblem;
export const selectActions = (s: ProjectStoreState) => s.actions;

/** The title bar text: name, • when unsaved, and (read-only). */
export function projectTitle(p: ProjectInfo | null): string | null {
  return p === null ? null : p.name;
}
