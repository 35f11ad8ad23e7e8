import type { BrowserWindow, RenderProcessGoneDetails } from 'electron';

export interface GoneHandlers {
  /** Tells the user what happened (a message box); the page reloads once it is answered. */
  tell(message: string): Promise<unknown>;
  /** Forgets what the page had said (ready for files, its project's title and dirty flag). */
  forget(): void;
}

/**
 * When the page's process dies — out of memory on a huge run, a crash, killed — the window would
 * stay blank: say so and load the app again, where the last autosave is offered.
 */
export function reloadWhenGone(window: BrowserWindow, on: GoneHandlers): void {
  window.webContents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    if (details.reason === 'clean-exit') return;
    on.forget();
    void on.tell(goneText(details.reason)).then(() => {
      if (!window.isDestroyed()) window.reload();
    });
  });
}

export function goneText(reason: RenderProcessGoneDetails['reason']): string {
  const why =
    reason === 'oom' || reason === 'memory-eviction'
      ? 'ran out of memory (a run keeps its result tables: many positions over many steps can need more memory than this machine has)'
      : reason === 'killed'
        ? 'was stopped by the system'
        : 'stopped unexpectedly';
  return `Firebreak's window ${why}. It opens again; work not saved in a project is offered from its last autosave.`;
}
