import type { HostApi } from '../../main/host-api';
import type { EngineClient } from '../engine-client';
import { debounced } from './autosave-timer';
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
  /** How long the autosave waits after an edit for the next one (autosave-timer.ts). */
  debounceMs?: number;
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
 * window closing), content changes marking the project unsaved, the autosave at once after the
 * first edit after a quiet spell, then a second after the last edit (at most 5 s while edits keep
 * coming), every 30 s and when the window is hidden, the edits not yet written handed to the
 * host as the page goes (pagehide), the title and menu state pushed to the host, and the offer to
 * restore the last session's unsaved work. Returns the function that stops it all.
 */
export function startProjectShell(o: ShellOptions): { actions: ProjectActions; stop: () => void } {
  const { host, store, win } = o;
  const actions = createProjectActions({ host, engine: o.engine, bridge: o.bridge, store, now: o.now ?? (() => new Date()), timers: win });
  store.setState({ actions });
  const ui = withTextUndo(o.ui, win.document);
  const stops: (() => void)[] = [];
  stops.push(host.onHostEvent((event) => void actions.handleHostEvent(event, ui)));
  // The first edit after a quiet spell is written at once (a crash a moment later keeps it); those that follow wait.
  const soon = debounced(win, () => void actions.autosaveSoon(), { waitMs: o.debounceMs, leading: true, now: () => (o.now ?? (() => new Date()))().getTime() });
  stops.push(() => soon.cancel());
  stops.push(
    o.bridge.subscribe((change) => {
      const clean = store.getState().project?.dirty !== true;
      if (!actions.contentChanged(change)) return;
      // The first edit since the start, a save or an open: written at once, whatever came just before.
      if (clean && store.getState().project?.dirty === true) soon.fire();
      else soon.touch();
    }),
  );

  const timer = win.setInterval(() => void actions.autosave(), o.autosaveMs ?? AUTOSAVE_MS);
  stops.push(() => win.clearInterval(timer));
  const onHidden = (): void => {
    if (win.document.visibilityState !== 'hidden') return;
    soon.cancel();
    void actions.autosave();
  };
  win.document.addEventListener('visibilitychange', onHidden);
  stops.push(() => win.document.removeEventListener('visibilitychange', onHidden));
  // A reload or a closing tab: an IndexedDB write started now may never finish, the edits go synchronously.
  const onPageHide = (): void => {
    soon.cancel();
    actions.flushEdits();
  };
  win.addEventListener('pagehide', onPageHide);
  stops.push(() => win.removeEventListener('pagehide', onPageHide));

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
