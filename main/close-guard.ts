import type { HostEvent } from './host-api';

export interface CloseGuard {
  /** The renderer's latest word on unsaved work. */
  setDirty(dirty: boolean): void;
  /** For the window's `close` event. */
  onClose(event: { preventDefault(): void }): void;
  /** The renderer's answer to `close-requested`. */
  respond(proceed: boolean): void;
}

/**
 * Keeps a window with unsaved work open until the renderer has asked the user (after writing an
 * autosave). A renderer that never answers cannot trap the user: a second close goes through,
 * and the autosave from at most 30 s before survives for the next start.
 */
export function createCloseGuard(deps: { send(event: HostEvent): void; close(): void }): CloseGuard {
  let dirty = false;
  let allowed = false;
  let asking = false;
  return {
    setDirty(value) {
      dirty = value;
    },
    onClose(event) {
      if (!dirty || allowed) return;
      event.preventDefault();
      if (asking) {
        allowed = true;
        deps.close();
        return;
      }
      asking = true;
      deps.send({ type: 'close-requested' });
    },
    respond(proceed) {
      const wasAsking = asking;
      asking = false;
      if (proceed && wasAsking) {
        allowed = true;
        deps.close();
      }
    },
  };
}
