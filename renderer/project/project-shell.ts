import type { HostApi } from '../../main/host-api';
import type { EngineClient } from '../engine-client';
import type { ProjectBridge, UiCommand, UiCommands } from './bridge';
import { createProjectActions, type ProjectActions } from './project-actions';
import type { ProjectStore, ProjectStoreState } from './project-store';

export const AUTOSAVE_MS = 30_000;

export interface ShellOptions {
  host: HostApi;
  engine: EngineClient;
  bridge: ProjectBridge;
  store: ProjectStore;
  ui: UiCommands;
  win: Window;
  autosaveMs?: number;
  now?: () => Date;
}

function editing(doc: Document): boolean {
  const el = doc.activeElement as { tagName?: string; isContentEditable?: boolean } | null;
  return el !== null && (el.isContentEditable === true || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA');
}

/** Undo and redo act on the text field being edited, if any; otherwise on the app's history. */
function withTextUndo(ui: UiCommands, doc: Document): UiCommands {
  return {
    command(command: UiCommand) {
      if ((command === 'undo' || command === 'redo') && editing(doc)) {
        // Still the only way to reach a text field's own undo stack from outside it.
        doc.execCommand(command);
        return;
      }
      ui.command(command);
    },
  };
}

/**
 * Starts the project layer: its actions in the store, host events (menu, files to open, the
 * window closing), content changes marking the project unsaved, the autosave every 30 s and when
 * the window is hidden, the title and menu state pushed to the host, and the offer to restore
 * the last session's unsaved work. Returns the function that stops it all.
 */
export function startProjectShell(o: ShellOptions): { actions: ProjectActions; stop: () => void } {
  const { host, store, win } = o;
  const actions = createProjectActions({ host, engine: o.engine, bridge: o.bridge, store, now: o.now ?? (() => new Date()) });
  store.setState({ actions });
  const ui = withTextUndo(o.ui, win.document);
  const stops: (() => void)[] = [];
  stops.push(host.onHostEvent((event) => void actions.handleHostEvent(event, ui)));
  stops.push(o.bridge.subscribe((change) => void actions.contentChanged(change)));

  const timer = win.setInterval(() => void actions.autosave(), o.autosaveMs ?? AUTOSAVE_MS);
  stops.push(() => win.clearInterval(timer));
  const onHidden = (): void => {
    if (win.document.visibilityState === 'hidden') void actions.autosave();
  };
  win.document.addEventListener('visibilitychange', onHidden);
  stops.push(() => win.document.removeEventListener('visibilitychange', onHidden));

  let last = '';
  const push = (s: ProjectStoreState): void => {
    const state = { title: s.project?.name ?? null, dirty: s.project?.dirty ?? false, readOnly: s.project?.readOnly ?? false };
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    void host.setProjectState(state);
  };
  push(store.getState());
  stops.push(store.subscribe(push));

  void actions.checkRestore();
  void actions.refreshRecent();
  return {
    actions,
    stop: () => {
      for (const stop of stops.splice(0)) stop();
      store.setState({ actions: null });
    },
  };
}
