/** After an edit, the autosave waits this long for the next one… */
export const AUTOSAVE_DEBOUNCE_MS = 1_000;
/** …but no longer than this while edits keep coming. */
export const AUTOSAVE_MAX_WAIT_MS = 5_000;

type Timers = Pick<Window, 'setTimeout' | 'clearTimeout'>;

export interface Debounced {
  /** Something changed: runs `waitMs` after the last touch, at most `maxWaitMs` after the first one not yet run. */
  touch(): void;
  /** Runs now when a run is pending (and forgets it); nothing otherwise. */
  flush(): void;
  /** Forgets a pending run. */
  cancel(): void;
  pending(): boolean;
}

/** A debounce with a ceiling, on the window's timers (fake ones in tests). */
export function debounced(
  timers: Timers,
  run: () => void,
  options: { waitMs?: number; maxWaitMs?: number; now?: () => number } = {},
): Debounced {
  const { waitMs = AUTOSAVE_DEBOUNCE_MS, maxWaitMs = AUTOSAVE_MAX_WAIT_MS, now = () => Date.now() } = options;
  let timer: number | null = null;
  let first = 0;
  const cancel = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  return {
    touch() {
      const t = now();
      if (timer === null) first = t;
      cancel();
      timer = timers.setTimeout(
        () => {
          timer = null;
          run();
        },
        Math.max(0, Math.min(t + waitMs, first + maxWaitMs) - t),
      );
    },
    flush() {
      if (timer === null) return;
      cancel();
      run();
    },
    cancel,
    pending: () => timer !== null,
  };
}
