import type { ProjectContent } from './bridge';
import type { ProjectInfo } from './project-store';
import type { Session } from './project-session';

/** What this session's autosave holds: the workspace (counted by `tag`), when it was gathered (`seq`), how it was sealed, and its name and file. */
export interface Base {
  tag: number;
  seq: number;
  encrypted: boolean;
  passphrase: string | undefined;
  name: string;
  handle: string | null;
}

/** What a save wrote: the content (as `contentJson`) and the workspace (`workspaceKey`) it was gathered from. */
export interface SavedContent {
  json: string;
  /** The scenarios alone, as JSON: what makes the project unsaved when it changes (the view does not). */
  scenarios: string;
  workspace: unknown;
}

export const contentJson = (c: ProjectContent): string => JSON.stringify({ scenarios: c.scenarios, viewState: c.viewState ?? null });

/**
 * The bookkeeping of this session's autosave, shared by its writes of unsaved work
 * (autosave-writes.ts) and its clean copies of files opened or saved (autosave-pin.ts): which
 * workspace it holds and when, and the two lanes its writes go through.
 */
export function autosaveBase(s: Session) {
  const { bridge, store } = s;
  const held = {
    base: null as Base | null,
    /** The content last written (whole or edits), as JSON: nothing is written again until it differs. */
    written: '',
    key: undefined as unknown,
    tag: 0,
    /** A file pinned (`pin`) holds the next workspace seen: that one takes the tag already counted for it. */
    reserved: false,
    seq: 0,
    /** Fresh content (the demo) is shown: its workspace goes into the autosave before any edit of it. */
    fresh: false,
  };
  let tail: Promise<unknown> = Promise.resolve();
  let wholes: Promise<unknown> = Promise.resolve();

  return {
    held,
    /** One write at a time: the autosave's own writes, pins and forgetting, in the order asked. */
    serial<T>(work: () => Promise<T>): Promise<T> {
      const run = tail.then(work);
      tail = run.catch(() => undefined);
      return run;
    },
    /** Writes or clears the whole part after the one before: the clean copy of a file just saved, written off the chain (`keep`), never crosses another. */
    wholePart<T>(work: () => Promise<T>): Promise<T> {
      const run = wholes.then(work);
      wholes = run.catch(() => undefined);
      return run;
    },
    /** Counts the workspaces the UI has shown: a new one (by identity) is a new tag. Without `workspaceKey`, every call is new. */
    workspaceTag(): number {
      const k = bridge.workspaceKey ? bridge.workspaceKey() : {};
      if (k !== held.key || bridge.workspaceKey === undefined) {
        held.key = k;
        if (held.reserved) held.reserved = false;
        else held.tag += 1;
      }
      return held.tag;
    },
    baseOf: (p: ProjectInfo, t: number, seq: number): Base => ({ tag: t, seq, encrypted: p.encrypted, passphrase: s.passphrase, name: p.name, handle: p.handle }),
    /** The base, when edits of `p` shown over workspace `t` may go over it; else null. */
    baseFits: (p: ProjectInfo, t: number): Base | null => {
      const b = held.base;
      return b !== null && b.tag === t && b.encrypted === p.encrypted && b.passphrase === s.passphrase && b.name === p.name && b.handle === p.handle ? b : null;
    },
    problem(text: string | null): void {
      if (store.getState().autosaveProblem !== text) s.set({ autosaveProblem: text });
    },
  };
}

export type AutosaveBase = ReturnType<typeof autosaveBase>;
