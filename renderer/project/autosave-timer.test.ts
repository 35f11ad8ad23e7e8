import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounced } from './autosave-timer';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('debounced (the autosave after an edit)', () => {
  // Read when called: the fake timers are installed before each test.
  const timers = { setTimeout: (f: () => void, ms: number) => setTimeout(f, ms), clearTimeout: (t: number) => clearTimeout(t) } as unknown as Window;

  it('runs once, waitMs after the last touch', async () => {
    const run = vi.fn();
    const d = debounced(timers, run, { waitMs: 1_000, maxWaitMs: 5_000 });
    d.touch();
    await vi.advanceTimersByTimeAsync(600);
    d.touch();
    await vi.advanceTimersByTimeAsync(999);
    expect(run).not.toHaveBeenCalled();
    expect(d.pending()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(d.pending()).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at most maxWaitMs after the first touch while touches keep coming', async () => {
    const run = vi.fn();
    const d = debounced(timers, run, { waitMs: 1_000, maxWaitMs: 5_000 });
    for (let t = 0; t < 5_000; t += 400) {
      d.touch();
      await vi.advanceTimersByTimeAsync(400);
    }
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('flush runs a pending run now (once); cancel forgets it', async () => {
    const run = vi.fn();
    const d = debounced(timers, run);
    d.flush();
    expect(run).not.toHaveBeenCalled();
    d.touch();
    d.flush();
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
    d.touch();
    d.cancel();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('with leading, runs the first touch after a quiet spell at once; the touches that follow wait', async () => {
    const run = vi.fn();
    const d = debounced(timers, run, { waitMs: 1_000, maxWaitMs: 5_000, leading: true, now: () => Date.now() });
    d.touch();
    expect(run).toHaveBeenCalledTimes(1);
    expect(d.pending()).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    d.touch();
    d.touch();
    expect(run).toHaveBeenCalledTimes(1);
    expect(d.pending()).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    // A second later, quiet: at once again.
    await vi.advanceTimersByTimeAsync(1_000);
    d.touch();
    expect(run).toHaveBeenCalledTimes(3);
    // Touching within the wait after a run waits.
    await vi.advanceTimersByTimeAsync(999);
    d.touch();
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('fire runs now, whether a run is pending or one ran a moment ago', async () => {
    const run = vi.fn();
    const d = debounced(timers, run, { waitMs: 1_000, leading: true, now: () => Date.now() });
    d.touch();
    d.touch();
    expect(run).toHaveBeenCalledTimes(1);
    d.fire();
    expect(run).toHaveBeenCalledTimes(2);
    expect(d.pending()).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
