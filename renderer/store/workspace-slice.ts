import type { StateCreator } from 'zustand';
import type { WorkspaceInfo } from '../../engine/protocol';
import type { WorkspaceOverview } from '../../engine/view/view-types';

export type WorkspaceStatus = 'empty' | 'loading' | 'ready';

export interface WorkspaceSlice {
  workspaceStatus: WorkspaceStatus;
  workspace: WorkspaceInfo | null;
  /** Where the tables came from: "Demo workspace", "positions.csv + 3 files". */
  workspaceSource: string | null;
  /** The workspace came with the app (the demo, the workshop, a library episode), not from the user's files. */
  workspaceBundled: boolean;
  overview: WorkspaceOverview | null;
  /** A problem loading the workspace (the demo, a project), as a readable message. */
  workspaceError: string | null;
  workspaceLoading(): void;
  workspaceLoaded(info: WorkspaceInfo, source: string, bundled?: boolean): void;
  workspaceFailed(message: string): void;
  overviewLoaded(overview: WorkspaceOverview): void;
}

export const createWorkspaceSlice: StateCreator<WorkspaceSlice, [], [], WorkspaceSlice> = (set) => ({
  workspaceStatus: 'empty',
  workspace: null,
  workspaceSource: null,
  workspaceBundled: false,
  overview: null,
  workspaceError: null,
  workspaceLoading: () => set((s) => ({ workspaceStatus: s.workspace === null ? 'loading' : s.workspaceStatus, workspaceError: null })),
  workspaceLoaded: (workspace, workspaceSource, workspaceBundled = false) => set({ workspaceStatus: 'ready', workspace, workspaceSource, workspaceBundled, overview: null, workspaceError: null }),
  workspaceFailed: (workspaceError) => set((s) => ({ workspaceError, workspaceStatus: s.workspace === null ? 'empty' : 'ready' })),
  overviewLoaded: (overview) => set((s) => (s.workspace?.hash === overview.workspaceHash ? { overview } : s)),
});
