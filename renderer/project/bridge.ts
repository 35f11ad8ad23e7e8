import type { OpenedProject, ProjectScenario } from '../../engine/protocol';
import type { MenuCommand } from '../../main/host-api';

/** What a project holds of the UI's state, gathered when it is saved. */
export interface ProjectContent {
  scenarios: ProjectScenario[];
  /** The run whose results go into the file, with the exact scenario document it was run from. */
  run: { runId: string; scenario: unknown } | null;
  /** Any JSON: the view, selections, chart options. Restored as given. */
  viewState: unknown;
}

/**
 * How a content change reached the UI: `edited` is the user's work (the project becomes unsaved);
 * `fresh` is new content that is not (yet) work, such as the bundled demo opening on start.
 */
export type ContentChange = 'edited' | 'fresh';

/** The rest of the UI, as the project layer sees it. renderer/project/app-bridge.ts implements it over the app store. */
export interface ProjectBridge {
  collect(): ProjectContent;
  /** Shows an opened project: its workspace is already in the engine; its results are run `opened.run.runId`. */
  apply(opened: OpenedProject, name: string): void;
  /** Empties the UI (New, Close). */
  reset(): void;
  /**
   * The workspace shown, as anything that changes identity when another workspace is imported or
   * opened (never while it stays): the autosave then writes only the edits. Without it, every
   * autosave writes the whole project.
   */
  workspaceKey?(): unknown;
  /** Calls back on every change of content (workspace, scenarios, results); returns the unsubscribe function. */
  subscribe(listener: (change: ContentChange) => void): () => void;
}

/** Menu commands the project layer does not handle itself: the UI's. */
export type UiCommand = Exclude<MenuCommand, 'new' | 'open' | 'save' | 'save-as' | 'close'>;

export interface UiCommands {
  /** Export…, presentation mode, themes, the user guide; undo and redo outside text fields. */
  command(command: UiCommand): void;
}
