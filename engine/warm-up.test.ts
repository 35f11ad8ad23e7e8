import { describe, expect, it, vi } from 'vitest';
import type { Endpoint, EventMessage, ResponseMessage } from './protocol';
import { serve } from './serve';
import { WARM_UP_AFTER_IDLE_MS } from './serve-idle';
import { LossGraph } from './losses/loss-graph';
import { MovedList } from './sim/moved-list';
import { Simulation } from './sim/simulation';
import { WARM_UP_ROUNDS, WARM_UP_WIDE_VERTICES, warmUp, warmUpLossBuilder, warmUpMovedList } from './warm-up';

describe('warmUp', () => {
  it('imports, opens and runs its generated workspace, with and without the loss graph, pausing between steps', async () => {
    let pauses = 0;
    let clock = 0;
    const flush = vi.spyOn(LossGraph.prototype, 'flush');
    const { steps, ms } = await warmUp(
      async () => {
        pauses++;
        clock += 1000; // time spent waiting in a pause is not counted
      },
      () => (clock += 1),
    );
    // Every round runs the scenario twice; a run of the generated benchmark scenario takes steps.
    expect(steps).toBeGreaterThanOrEqual(WARM_UP_ROUNDS * 2 * 5);
    // The engine builds a run's tail itself: graphs as wide as a large workspace's are among the warm-up's.
    const widest = Math.max(...flush.mock.contexts.map((g) => (g as LossGraph).nodes));
    flush.mockRestore();
    expect(widest).toBeGreaterThanOrEqual(Math.max(...WARM_UP_WIDE_VERTICES) - 8);
    // A pause after every step, and around the import, the open and each summary.
    expect(pauses).toBeGreaterThan(steps + 3);
    // Two clock reads per piece of work, one tick each: what is counted is the work alone.
    expect(ms).toBe(pauses + 1);
  }, 30_000);
});

/** The order in which the first call of each spied method came. */
function firstCalls(spied: Record<string, { mock: { invocationCallOrder: number[] } }>): string[] {
  return Object.entries(spied)
    .filter(([, s]) => s.mock.invocationCallOrder.length > 0)
    .sort(([, a], [, b]) => (a.mock.invocationCallOrder[0] as number) - (b.mock.invocationCallOrder[0] as number))
    .map(([name]) => name);
}

describe('the warm-up’s order', () => {
  // TurboFan takes a callee's feedback into a caller when it optimises the caller: a branch the
  // callee had not taken by then throws the caller's code away in the first large run, whatever
  // the warm-up did after (--trace-deopt: putBack at a moved list's first compaction; the
  // builder's add at the first wide key).
  it('compacts moved lists and builds wide-key graphs before its first simulation step', async () => {
    const compact = vi.spyOn(MovedList.prototype as unknown as { compact: () => void }, 'compact');
    const flush = vi.spyOn(LossGraph.prototype, 'flush');
    const step = vi.spyOn(Simulation.prototype, 'step');
    try {
      await warmUp(async () => undefined);
      const wide = flush.mock.contexts.findIndex((g) => (g as LossGraph).nodes >= Math.min(...WARM_UP_WIDE_VERTICES) - 8);
      expect(wide).toBeGreaterThanOrEqual(0);
      const firstWide = { mock: { invocationCallOrder: [flush.mock.invocationCallOrder[wide] as number] } };
      expect(firstCalls({ compact, firstWide, step })).toEqual(['compact', 'firstWide', 'step']);
    } finally {
      compact.mockRestore();
      flush.mockRestore();
      step.mockRestore();
    }
  }, 30_000);

  it('has the helper build wide-key graphs before its first simulation step', () => {
    const flush = vi.spyOn(LossGraph.prototype, 'flush');
    const step = vi.spyOn(Simulation.prototype, 'step');
    try {
      warmUpLossBuilder(1);
      const wide = flush.mock.contexts.findIndex((g) => (g as LossGraph).nodes >= Math.min(...WARM_UP_WIDE_VERTICES) - 8);
      expect(wide).toBeGreaterThanOrEqual(0);
      expect(flush.mock.invocationCallOrder[wide] as number).toBeLessThan(step.mock.invocationCallOrder[0] as number);
    } finally {
      flush.mockRestore();
      step.mockRestore();
    }
  }, 30_000);

  it('meets a moved list’s compactions, releases and queries', () => {
    const compact = vi.spyOn(MovedList.prototype as unknown as { compact: () => void }, 'compact');
    const range = vi.spyOn(MovedList.prototype, 'range');
    try {
      warmUpMovedList();
      expect(compact.mock.calls.length).toBeGreaterThan(4);
      expect(range.mock.calls.length).toBeGreaterThan(4);
    } finally {
      compact.mockRestore();
      range.mockRestore();
    }
  });
});

describe('warmUpLossBuilder', () => {
  it('builds its runs from cloned models and journals, then its wide-key graphs, without an error (the helper would swallow one)', () => {
    const clone = vi.spyOn(globalThis, 'structuredClone');
    try {
      expect(() => warmUpLossBuilder(1)).not.toThrow();
      // The run's LossModel once, and every step's packed journal.
      expect(clone.mock.calls.length).toBeGreaterThan(5);
    } finally {
      clone.mockRestore();
    }
  }, 30_000);

  it('ends its graphs as the helper ends a run’s, and builds the next into room made ahead', () => {
    const built = vi.spyOn(LossGraph.prototype, 'built');
    const parts = vi.spyOn(LossGraph.prototype, 'parts');
    const reserve = vi.spyOn(LossGraph.prototype, 'reserveEdges');
    try {
      warmUpLossBuilder(2);
      expect(parts.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(built.mock.calls.length).toBeGreaterThanOrEqual(2);
      // The second run: as many edges expected as the first built, in room made for them.
      expect(reserve.mock.calls.some(([edges, room]) => edges > 0 && room !== null && room !== undefined)).toBe(true);
    } finally {
      built.mockRestore();
      parts.mockRestore();
      reserve.mockRestore();
    }
  }, 30_000);
});

describe('serve with a warm-up', () => {
  it('waits for the worker to be quiet, then lets every request go first and reports when it is done', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let clock = 0;
      const seen: string[] = [];
      const answers = new Map<number, () => void>();
      let toWorker: (msg: unknown) => void = () => undefined;
      const endpoint: Endpoint = {
        post: (msg) => {
          const m = msg as ResponseMessage | EventMessage;
          if (m.type === 'res') {
            seen.push(`res ${m.id}`);
            answers.get(m.id)?.();
          } else seen.push(`evt ${m.event}`);
        },
        onMessage: (cb) => {
          toWorker = cb;
        },
      };
      let warm: ((data: unknown) => void) | null = null;
      const warmed = new Promise<{ steps: number }>((resolve) => (warm = resolve as (data: unknown) => void));
      const post = endpoint.post;
      endpoint.post = (msg, transfer) => {
        post(msg, transfer);
        const m = msg as EventMessage;
        if (m.type === 'evt' && m.event === 'engine.warm') warm?.(m.data);
      };
      // Each reading of the clock moves it: slices end, and the warm-up lets messages in.
      serve(endpoint, { now: () => (clock += 0.5), yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)), warmUp: true });
      const ask = (id: number): Promise<void> =>
        new Promise((resolve) => {
          answers.set(id, resolve);
          toWorker({ type: 'req', id, method: 'engine.hello', args: {} });
        });

      await ask(1);
      await new Promise((resolve) => setImmediate(resolve));
      const quiet = clock;
      for (let k = 0; k < 20; k++) await new Promise((resolve) => setImmediate(resolve));
      // Not yet: the worker has not been quiet for long enough, so nothing ran (nothing read the clock).
      expect(seen).toEqual(['res 1']);
      expect(clock).toBe(quiet);

      clock += WARM_UP_AFTER_IDLE_MS;
      await vi.advanceTimersByTimeAsync(WARM_UP_AFTER_IDLE_MS);
      await new Promise((resolve) => setImmediate(resolve));
      // The warm-up has started (its slices read the clock) and is not done; a request now is answered before it goes on.
      expect(clock).toBeGreaterThan(quiet + WARM_UP_AFTER_IDLE_MS + 2);
      expect(seen).toEqual(['res 1']);
      await ask(2);
      const done = await warmed;
      expect(done.steps).toBeGreaterThan(0);
      expect(seen).toEqual(['res 1', 'res 2', 'evt engine.warm']);
    } finally {
      vi.useRealTimers();
    }
  }, 30_000);
});
