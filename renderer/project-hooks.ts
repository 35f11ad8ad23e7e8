import { useSyncExternalStore } from 'react';

/** What the start page and the menus need from project files (renderer/project), when they are there. */
export interface ProjectHooks {
  openProject(): void;
  recent: { id: string; name: string; detail: string }[];
  openRecent(id: string): void;
}

let current: ProjectHooks | null = null;
const listeners = new Set<() => void>();

/** Called by the project layer once it is ready (and again when its recent list changes). */
export function registerProjectHooks(hooks: ProjectHooks | null): void {
  current = hooks;
  for (const l of listeners) l();
}

/** The hooks now, outside React (keyboard shortcuts). */
export function currentProjectHooks(): ProjectHooks | null {
  return current;
}

export function useProjectHooks(): ProjectHooks | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
