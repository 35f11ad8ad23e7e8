import type { ServeHost } from './serve-context';

/** Slices of the warm-up, between which requests are let in. */
export const WARM_UP_SLICE_MS = 4;
/** The warm-up starts once the worker has had no request for this long (not while the app starts up). */
export const WARM_UP_AFTER_IDLE_MS = 1000;

/**
 * Counts the requests being served, and paces idle work: the first `pause` waits until the
 * worker has been quiet for WARM_UP_AFTER_IDLE_MS; later ones return at once inside a slice of
 * WARM_UP_SLICE_MS while nothing is asked, else let messages in and wait until every request
 * has been answered.
 */
export function idleTracker(host: ServeHost): { begin(): void; end(): void; pause(): Promise<void> } {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  let lastActive = host.now();
  let started = false;
  let sliceStart = 0;
  const whenIdle = (): Promise<void> => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)));
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    begin: () => {
      inFlight++;
      lastActive = host.now();
    },
    end: () => {
      inFlight--;
      lastActive = host.now();
      if (inFlight > 0) return;
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    },
    pause: async () => {
      if (!started) {
        started = true;
        for (;;) {
          const quiet = host.now() - lastActive;
          if (inFlight === 0 && quiet >= WARM_UP_AFTER_IDLE_MS) break;
          await sleep(Math.max(50, WARM_UP_AFTER_IDLE_MS - quiet));
        }
      } else if (inFlight === 0 && host.now() - sliceStart < WARM_UP_SLICE_MS) return;
      else {
        do {
          await host.yieldToEvents();
          await whenIdle();
        } while (inFlight > 0);
      }
      sliceStart = host.now();
    },
  };
}
