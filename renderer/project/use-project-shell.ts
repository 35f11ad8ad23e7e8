import { useEffect, useRef } from 'react';
import type { HostApi } from '../../main/host-api';
import type { EngineClient } from '../engine-client';
import { registerProjectHooks } from '../project-hooks';
import type { ProjectBridge, UiCommands } from './bridge';
import type { ProjectActions } from './project-actions';
import { startProjectShell } from './project-shell';
import { selectActions, selectRecent, useProjectStore } from './project-store';

/**
 * Mounts the project layer once, at the top of the app. `bridge` must be stable (useMemo); `ui`
 * may change on every render. Returns the actions (null during the first render).
 */
export function useProjectShell(options: { host: HostApi; engine: EngineClient; bridge: ProjectBridge; ui: UiCommands }): ProjectActions | null {
  const { host, engine, bridge } = options;
  const ui = useRef(options.ui);
  ui.current = options.ui;
  useEffect(() => startProjectShell({ host, engine, bridge, store: useProjectStore, ui: { command: (c) => ui.current.command(c) }, win: window }).stop, [host, engine, bridge]);

  const actions = useProjectStore(selectActions);
  const recent = useProjectStore(selectRecent);
  useEffect(() => {
    if (actions === null) return;
    registerProjectHooks({
      openProject: () => void actions.open(),
      recent: recent.map((r) => ({ id: r.id, name: r.name, detail: r.location ?? new Date(r.openedAt).toLocaleDateString() })),
      openRecent: (id) => void actions.openRecent(id),
    });
    return () => registerProjectHooks(null);
  }, [actions, recent]);
  return actions;
}

/** The project actions anywhere below the shell (null before it started). */
export const useProjectActions = (): ProjectActions | null => useProjectStore(selectActions);
