import { autosaveBase } from './autosave-base';
import { autosavePins } from './autosave-pin';
import { autosaveWrites } from './autosave-writes';
import type { Session } from './project-session';

/**
 * This session's autosave of unsaved work, in two parts: the whole project and the edits since —
 * the scenarios and the view only, a few KB — which the host applies over it on restore. The
 * whole part is there before the first edit: the file as it was opened or saved (`pin`,
 * autosave-pin.ts), or the fresh content (the demo) written clean; otherwise (another workspace
 * imported) it is written as soon as it is asked for (autosave-writes.ts). An edit then costs a
 * small write, never the workspace's tables again. A sealed project has no edits part (it would
 * be in the clear): each autosave is the whole project, sealed.
 */
export function autosaver(s: Session) {
  const b = autosaveBase(s);
  const { held } = b;
  const writes = autosaveWrites(s, b);
  const { pin } = autosavePins(s, b);

  return {
    autosave: writes.autosave,
    /**
     * Counts a moment of this session's autosave (`seq`) for content gathered now, to be saved: the
     * parts written before it hold nothing newer, those after it do (HostApi.saveProject's `autosaveSeq`).
     */
    stamp(): number {
      held.seq += 1;
      return held.seq;
    },
    pin,
    /** Fresh content (the demo) is shown: its workspace is autosaved, clean, before any edit. */
    freshContent(): void {
      held.fresh = true;
    },
    flushEdits: writes.flushEdits,
    /** Forgets this session's autosave (after a close, or unsaved changes discarded). */
    forget(): Promise<void> {
      return b.serial(async () => {
        held.base = null;
        held.written = '';
        held.fresh = false;
        writes.cancelWaiting();
        b.problem(null);
        await b.wholePart(() => s.host.clearAutosave());
      });
    },
  };
}
