/** After an edit, the autosave waits this long for the next one… */
export const AUTOSAVE_DEBOUNCE_MS = 1_000;
/** …but no longer than this while edits keep coming. */
export const AUTOSAVE_MAX_WAIT_MS = 5_000;

type Timers = Pick<Window, 'setTimeout' | 'clearTimeout'>;

export interface Debounced {
  /**
   * Something changed: runs `waitMs` after the last touch, at most `maxWaitMs` after the first one
   * not yet run. With `leading`, a touch after a quiet spell (nothing pending, none in the last
   * `waitMs`) runs at once, and only the touches that follow it wait.
   */
  touch(): void;
  /** Runs now when a run is pending (and forgets it); nothing otherwise. */
  flush(): void;
  /** Runs now, pending or not (and forgets a pending run): the touches that follow wait. */
  fire(): void;
  /** Forgets a pending run. */
  cancel(): void;
  pending(): boolean;
}

/** A debounce with a ceiling, on the window's timers (fake ones in tests). */
export function debounced(
  timers: Timers,
  run: () => void,
  options: { waitMs?: number; maxWaitMs?: number; leading?: boolean; now?: () => number } = {},
): Debounced {
  const { waitMs = AUTOSAVE_DEBOUNCE_MS, maxWaitMs = AUTOSAVE_MAX_WAIT_MS, leading = false, now = () => Date.now() } = options;
  let timer: number | null = null;
  let first = 0;
  let lastRun = -Infinity;
  const cancel = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  const runNow = (): void => {
    lastRun = now();
    run();
  };
  return {
    touch() {
      const t = now();
      if (leading && timer === null && t - lastRun >= waitMs) {
        runNow();
        return;
      }
      if (timer === null) first = t;
      cancel();
      timer = timers.setTimeout(
        () => {
          timer = null;
          runNow();
        },
        Math.max(0, Math.min(t + waitMs, first + maxWaitMs) - t),
      );
    },
    flush() {
      if (timer === null) return;
      cancel();
      runNow();
    },
    fire() {
      cancel();
      runNow();
    },
    cancel,
    pending: () => timer !== null,
  };
}
