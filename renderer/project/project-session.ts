import type { HostApi } from '../../main/host-api';
import type { EngineClient } from '../engine-client';
import type { ProjectBridge } from './bridge';
import { passphrasePrompts } from './passphrase-prompt';
import type { ProjectInfo, ProjectStore, ProjectStoreState } from './project-store';

export interface ProjectDeps {
  host: HostApi;
  engine: EngineClient;
  bridge: ProjectBridge;
  store: ProjectStore;
  /** The wall clock, for the manifest's created-at (the engine has none). */
  now(): Date;
  /** For an autosave that must wait a moment (the window's timers; the global ones when absent). */
  timers?: Pick<Window, 'setTimeout' | 'clearTimeout'>;
}

export const UNTITLED = 'Untitled';

/** What the open, save and other actions share: the deps, the store helpers, and what lives in memory only. */
export function createSession(deps: ProjectDeps) {
  const { store, host, bridge } = deps;
  const set = (patch: Partial<ProjectStoreState>): void => store.setState(patch);
  const current = (): ProjectInfo | null => store.getState().project;
  const session = {
    ...deps,
    prompts: passphrasePrompts(store),
    /** The passphrase of the open project, for its next saves. Memory only: never in the store, never on disk. */
    passphrase: undefined as string | undefined,
    /** Content changes caused by opening or closing are not edits. */
    applying: false,
    set,
    current,
    /** Records a failure in words and answers false. */
    failed(message: string): false {
      set({ error: message });
      return false;
    },
    patchProject(patch: Partial<ProjectInfo>): void {
      const p = current();
      if (p) set({ project: { ...p, ...patch } });
    },
    async refreshRecent(): Promise<void> {
      const r = await host.recentProjects();
      if (r.ok) set({ recent: r.value });
    },
    /** Runs a change of the UI that is not an edit (showing an opened project, emptying it). */
    quietly(change: () => void): void {
      session.applying = true;
      try {
        change();
      } finally {
        session.applying = false;
      }
    },
    bridge,
  };
  return session;
}

export type Session = ReturnType<typeof createSession>;
